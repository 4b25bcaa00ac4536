package org.secc.app.connector;

import org.secc.hal.cp.CpState;

/** What the connector's lifecycle is told: the pilot, SLAC, the V2G session, an operator. */
public sealed interface ConnectorEvent {
    /** The debounced control-pilot state (IEC 61851-1); a lost pilot arrives as E. */
    record Pilot(CpState state) implements ConnectorEvent {
    }

    /** SLAC matched and the modem reports the logical network (D-LINK_READY, ISO 15118-3). */
    record SlacLinkReady(String peer) implements ConnectorEvent {
    }

    /** One matching attempt of the EV failed; the EV retries on its own (C_conn_max_match). */
    record SlacAttemptFailed(String reason) implements ConnectorEvent {
    }

    /** No CM_SLAC_PARM.REQ arrived within TT_EVSE_SLAC_init. */
    record SlacInitTimeout() implements ConnectorEvent {
    }

    /** The modem lost the logical network after it had formed (D-LINK_ERROR). */
    record SlacLinkLost() implements ConnectorEvent {
    }

    /** A V2G session started on this connector (SupportedAppProtocol chose -20). */
    record SessionStarted() implements ConnectorEvent {
    }

    /** The V2G session ended (SessionStop Terminate, timeout, lost connection, fault). */
    record SessionEnded(String reason) implements ConnectorEvent {
    }

    /** The EV paused the session (SessionStop Pause, [V2G20-...] pause through the pilot). */
    record SessionPaused() implements ConnectorEvent {
    }

    /**
     * ISO 15118-2 AC with EIM: the authorized EV did not start (or left) the HLC charge; the charge
     * goes on by the PWM at the nominal duty cycle ([V2G2-853]).
     */
    record NominalDutyAfterAuthorization() implements ConnectorEvent {
    }

    /** The EV asked to resume with a B-C-B toggle on the pilot (IEC 61851-1 wake-up). */
    record EvWakeUp() implements ConnectorEvent {
    }

    /** The charger wakes a paused EV (operator, grid back in service). */
    record WakeUp(String why) implements ConnectorEvent {
    }
}
