package org.secc.app.connector;

/** What the lifecycle asks its edge to do: drive the pilot, run SLAC, end the session, energize basic charging. */
public sealed interface ConnectorAction {
    /** 5 % PWM: high-level communication required (ISO 15118-3). */
    record PilotHlc() implements ConnectorAction {
    }

    /** +12 V, no PWM (X1). */
    record PilotX1() implements ConnectorAction {
    }

    /** E/F for T_step_EF, then 5 % again: the retry of [V2G3-M06-07] / [V2G3-M07-04]. */
    record PilotStepEf() implements ConnectorAction {
    }

    /**
     * Nominal duty cycle for IEC 61851-1 basic charging: through E/F for T_step_EF when no matching
     * runs [V2G3-M06-05], through X1 for T_step_X1 when it does [V2G3-M06-06].
     */
    record PilotNominal(double amperes, boolean matchedOrMatching) implements ConnectorAction {
    }

    /** Pause: X1, contactors open and closing blocked until a wake-up (B2 → B1). */
    record PilotPause() implements ConnectorAction {
    }

    /** EVSE-side wake-up of a paused EV: 5 % again. */
    record PilotWakeUp() implements ConnectorAction {
    }

    /** The EV is on the cable: expect CM_SLAC_PARM.REQ (one matching per plug-in). */
    record SlacListen() implements ConnectorAction {
    }

    /** Leave the logical network: a fresh random NMK on the modem within TP_match_leave [V2G3-M09-17]. */
    record SlacLeave() implements ConnectorAction {
    }

    /** The running V2G session must end now (power off, contactors open, connection closed). */
    record EndSession(String reason) implements ConnectorAction {
    }

    /** Basic charging: the contactors follow the EV (closed in C/D with PWM, open otherwise). */
    record Energize(boolean on) implements ConnectorAction {
    }
}
