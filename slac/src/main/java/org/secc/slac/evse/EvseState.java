package org.secc.slac.evse;

import org.secc.slac.mme.HomePlugFrame;

/** One state of {@link EvseSlac}; states hold no data, the machine does. */
abstract class EvseState {
    abstract String name();

    /** A frame other than an acceptable CM_SLAC_PARM.REQ; frames a state does not expect are ignored. */
    void onFrame(EvseSlac m, HomePlugFrame f, long now) {
    }

    /** The machine's deadline passed. */
    void onDeadline(EvseSlac m, long now) {
    }

    /** Whether CM_SLAC_PARM.REQ may start (or restart) matching in this state. */
    boolean acceptsNewMatching() {
        return true;
    }

    /** Whether a matching session with one EV is under way (others' requests are then ignored). */
    boolean sessionRunning() {
        return true;
    }
}
