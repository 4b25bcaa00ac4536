package org.secc.hal.cp;

/** IEC 61851-1 control-pilot states as seen from the EVSE. */
public enum CpState {
    /** +12 V: nothing connected. */
    A,
    /** +9 V: EV connected, not ready (S2 open). */
    B,
    /** +6 V: EV ready, no ventilation. */
    C,
    /** +3 V: EV ready, ventilation required. */
    D,
    /** 0 V: CP shorted to PE or pilot lost. */
    E,
    /** −12 V: EVSE not available. */
    F;

    /** B, C or D: an EV is plugged in. */
    public boolean evConnected() {
        return this == B || this == C || this == D;
    }

    /** C or D: the EV asks for energy. */
    public boolean evReady() {
        return this == C || this == D;
    }
}
