package org.secc.slac.pev;

import java.time.Duration;

/**
 * Timers and counters of the EV side (ISO 15118-3 timers, slac/README.md).
 *
 * @param matchResponse      TT_match_response: request until its CNF
 * @param batchInterval      TP_EV_batch_msg_interval: gap between START_ATTEN_CHAR copies and sounds
 * @param attenResults       TT_EV_atten_results: first START_ATTEN_CHAR until the choice of EVSE
 * @param matchRetries       C_EV_match_retry: resends of a request without answer
 * @param maxAttempts        C_conn_max_match: whole matching attempts before giving up
 * @param attenuationLimitDb  average attenuation above which an EVSE is not this car's
 * @param setKeyTimeout      CM_SET_KEY.REQ until its CNF
 * @param linkPollInterval   VS_PL_LINK_STATUS polling while joining
 * @param matchJoin          TT_match_join: CNF until the modem reports the network
 * @param pollLinkStatus     whether the own modem answers VS_PL_LINK_STATUS
 */
public record PevSlacConfig(Duration matchResponse, Duration batchInterval, Duration attenResults, int matchRetries, int maxAttempts,
                            int attenuationLimitDb, Duration setKeyTimeout, Duration linkPollInterval, Duration matchJoin,
                            boolean pollLinkStatus) {
    public static PevSlacConfig defaults() {
        return new PevSlacConfig(Duration.ofMillis(200), Duration.ofMillis(20), Duration.ofMillis(1200), 2, 3, 40,
                Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(12), true);
    }

    public PevSlacConfig {
        if (maxAttempts < 1 || matchRetries < 0) {
            throw new IllegalArgumentException("attempts must be at least 1 and retries not negative");
        }
        if (attenuationLimitDb < 1 || attenuationLimitDb > 255) {
            throw new IllegalArgumentException("attenuation limit must be 1-255 dB");
        }
    }
}
