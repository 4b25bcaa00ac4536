package org.secc.ev.session;

/** What the EV wants in the next charge-loop step; a scenario's {@link LoopPolicy} decides. */
public enum Decision {
    CHARGE, DISCHARGE, STOP, PAUSE
}
