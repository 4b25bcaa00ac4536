package org.secc.app.session;

import java.time.Duration;

/**
 * Session configuration.
 *
 * @param evseId             EVSEID sent in SessionSetupRes
 * @param sequenceTimeout    V2G_SECC_Sequence_Timeout (60 s, [V2G20-1500]; also used in the
 *                           charge loop like Josev and libiso, see README-session.md)
 * @param eimOngoingCap      how long Authorization may stay Ongoing (libiso: 180 s)
 * @param closeAfterStop     hold of TCP/TLS after SessionStopRes ([V2G20-1633]: at least 5 s)
 * @param services           energy services offered in ServiceDiscoveryRes
 * @param negativeDischargeLimits send EVSE discharge limits as negative numbers (pitfall 6; some
 *                           cars require it); received discharge values are accepted with either sign
 */
public record SessionConfig(String evseId, Duration sequenceTimeout, Duration eimOngoingCap, Duration closeAfterStop, ServiceOffer services,
        boolean negativeDischargeLimits) {

    public static SessionConfig defaults() {
        return new SessionConfig("DE*SEC*E0001", Duration.ofSeconds(60), Duration.ofSeconds(180), Duration.ofSeconds(5),
                ServiceOffer.dcBidirectional(), false);
    }
}
