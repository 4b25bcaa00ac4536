package org.secc.app.policy;

/** What the charger does with the car's battery this control step. */
public enum Mode {
    CHARGE, DISCHARGE, IDLE,
    /** Emergency stop: nothing flows until it is reset. */
    STOPPED
}
