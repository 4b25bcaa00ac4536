package org.secc.hal.cp;

/** IEC 61851-1 control-pilot states as the charger sees them (facts sheet 1.1). */
public enum CpState {
    /** +12 V: nothing connected. */
    A,
    /** +9 V: EV connected, not ready (S2 open). */
    B,
    /** +6 V: EV ready, no ventilation. */
    C,
    /** +3 V: EV ready, ventilation required. */
    D,
    /** 0 V (or no valid level): pilot shorted to PE, or the pilot is lost. */
    E,
    /** The charger drives -12 V: not available. */
    F;

    /** C and D: the EV asks for energy. */
    public boolean evReady() {
        return this == C || this == D;
    }

    /** B, C, D: an EV is on the cable. */
    public boolean connected() {
        return this == B || this == C || this == D;
    }
}
