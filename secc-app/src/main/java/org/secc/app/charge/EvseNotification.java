package org.secc.app.charge;

/**
 * A request of the charger side to the EV (EVSEStatus, [V2G20-1850]).
 *
 * @param maxDelaySeconds NotificationMaxDelay (60 s for Pause, [V2G20-1850])
 * @param reason          why, for the log and `secc ctl status`
 */
public record EvseNotification(Kind kind, int maxDelaySeconds, String reason) {

    /** The -20 EVSENotification values the charger drives (MeteringConfirmation is not used). */
    public enum Kind { TERMINATE, PAUSE, EXIT_STANDBY, SCHEDULE_RENEGOTIATION, SERVICE_RENEGOTIATION }

    public EvseNotification {
        if (maxDelaySeconds < 0 || maxDelaySeconds > 65535) {
            throw new IllegalArgumentException("NotificationMaxDelay is uint16: " + maxDelaySeconds);
        }
    }

    /**
     * Terminate or Pause: what DIN 70121 and ISO 15118-2 say with one stop (DIN: EVSE_Shutdown; -2:
     * EVSENotification StopCharging), having no pause of the charger's.
     */
    public boolean stopsLegacySession() {
        return kind == Kind.TERMINATE || kind == Kind.PAUSE;
    }
}
