package org.secc.app.policy;

import java.util.Locale;

/**
 * Where a command, a heartbeat or an external limit came from. Every input of the {@link PolicyEngine}
 * carries one: idempotency ids are remembered per source, heartbeats and connection losses are
 * supervised per source, and {@code secc ctl status} names the source of every active limit.
 */
public enum CommandSource {
    /** The local operator through the control socket ({@code secc ctl}). */
    CTL,
    /** The site controller or energy manager over the MQTT site interface. */
    MQTT,
    /** The CSMS over OCPP. */
    OCPP;

    /** The lower-case name used in logs, replies and status ("ctl", "mqtt", "ocpp"). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
