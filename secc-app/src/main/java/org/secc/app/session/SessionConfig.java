package org.secc.app.session;

import java.time.Duration;

/**
 * Session configuration.
 *
 * @param evseId             EVSEID sent in SessionSetupRes
 * @param sequenceTimeout    V2G_SECC_Sequence_Timeout (60 s, [V2G20-1500])
 * @param eimOngoingCap      how long Authorization may stay Ongoing (libiso: 180 s)
 * @param closeAfterStop     hold of TCP/TLS after SessionStopRes ([V2G20-1633]: at least 5 s)
 * @param services           energy services offered in ServiceDiscoveryRes
 * @param negativeDischargeLimits send EVSE discharge limits as negative numbers (the standard leaves their sign open, secc-app/README-session.md; some
 *                           cars require it); received discharge values are accepted with either sign
 * @param loopSequenceTimeout the sequence timeout inside the AC/DC charge loop. The standard says 0.5 s
 *                           ([V2G20-1502]); Josev and libiso use 60 s everywhere, and so does the default
 *                           here, so that a car with a slow loop is not cut off ([V2G20-1500/1502] give 0.5 s; secc-app/README-session.md, "Timers")
 * @param cableCheckCap      how long DC_CableCheck may stay Ongoing before FAILED (EV gives up at 40 s;
 *                           the -2 SECC value 38 s leaves it the last word)
 * @param meterId            MeterID in MeterInfo (≤ 32 characters)
 * @param tariff             sent as AbsolutePriceSchedule in Scheduled mode; null = no price schedule
 */
public record SessionConfig(String evseId, Duration sequenceTimeout, Duration eimOngoingCap, Duration closeAfterStop, ServiceOffer services,
        boolean negativeDischargeLimits, Duration loopSequenceTimeout, Duration cableCheckCap, String meterId, Tariff tariff) {

    public SessionConfig {
        if (meterId.isEmpty() || meterId.length() > 32) {
            throw new IllegalArgumentException("MeterID must have 1..32 characters: '" + meterId + "'");
        }
        if (evseId.isEmpty() || evseId.length() > 255) {
            throw new IllegalArgumentException("EVSEID must have 1..255 characters");
        }
    }

    public SessionConfig(String evseId, Duration sequenceTimeout, Duration eimOngoingCap, Duration closeAfterStop, ServiceOffer services,
            boolean negativeDischargeLimits) {
        this(evseId, sequenceTimeout, eimOngoingCap, closeAfterStop, services, negativeDischargeLimits, sequenceTimeout,
                Duration.ofSeconds(38), "SECC-METER-1", null);
    }

    public static SessionConfig defaults() {
        return new SessionConfig("DE*SEC*E0001", Duration.ofSeconds(60), Duration.ofSeconds(180), Duration.ofSeconds(5),
                ServiceOffer.dcBidirectional(), false);
    }

    public SessionConfig withServices(ServiceOffer s) {
        return new SessionConfig(evseId, sequenceTimeout, eimOngoingCap, closeAfterStop, s, negativeDischargeLimits, loopSequenceTimeout,
                cableCheckCap, meterId, tariff);
    }

    public SessionConfig withLoopSequenceTimeout(Duration d) {
        return new SessionConfig(evseId, sequenceTimeout, eimOngoingCap, closeAfterStop, services, negativeDischargeLimits, d,
                cableCheckCap, meterId, tariff);
    }

    public SessionConfig withCloseAfterStop(Duration d) {
        return new SessionConfig(evseId, sequenceTimeout, eimOngoingCap, d, services, negativeDischargeLimits, loopSequenceTimeout,
                cableCheckCap, meterId, tariff);
    }

    public SessionConfig withNegativeDischargeLimits(boolean b) {
        return new SessionConfig(evseId, sequenceTimeout, eimOngoingCap, closeAfterStop, services, b, loopSequenceTimeout,
                cableCheckCap, meterId, tariff);
    }

    public SessionConfig withTariff(Tariff t) {
        return new SessionConfig(evseId, sequenceTimeout, eimOngoingCap, closeAfterStop, services, negativeDischargeLimits,
                loopSequenceTimeout, cableCheckCap, meterId, t);
    }
}
