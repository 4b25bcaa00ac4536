package org.secc.slac.evse;

import java.time.Duration;

/**
 * Timers and counters of the EVSE side (ISO 15118-3 timers, slac/README.md). Defaults are the values the open
 * implementations quote for ISO 15118-3.
 *
 * @param slacInit        TT_EVSE_SLAC_init: plug-in until CM_SLAC_PARM.REQ (20-50 s)
 * @param matchSequence   TT_match_sequence: CNF sent until CM_START_ATTEN_CHAR.IND
 * @param soundWindow     TT_EVSE_match_MNBC: sound collection after START_ATTEN_CHAR (sent as TIME_OUT ×100 ms)
 * @param matchResponse   TT_match_response: ATTEN_CHAR.IND until its RSP
 * @param matchSession    TT_EVSE_match_session: ATTEN_CHAR.RSP until VALIDATE or SLAC_MATCH.REQ
 * @param matchJoin       TT_match_join: MATCH.CNF until the modem reports the logical network
 * @param setKeyTimeout   CM_SET_KEY.REQ until its CNF
 * @param linkPollInterval how often VS_PL_LINK_STATUS is asked while joining or matched
 * @param numSounds       C_EV_match_MNBC: sounds asked for in the CNF
 * @param respType        RESP_TYPE of the CNF: 1 "other GP station" is the ISO value
 * @param attenCharRetries C_EV_match_retry: resends of ATTEN_CHAR.IND without RSP
 * @param setKeyRetries   resends of CM_SET_KEY.REQ without CNF
 * @param pollLinkStatus  ask the QCA modem for link status (off for modems without that vendor message)
 */
public record EvseSlacConfig(Duration slacInit, Duration matchSequence, Duration soundWindow, Duration matchResponse,
                             Duration matchSession, Duration matchJoin, Duration setKeyTimeout, Duration linkPollInterval,
                             int numSounds, int respType, int attenCharRetries, int setKeyRetries, boolean pollLinkStatus) {

    public static EvseSlacConfig defaults() {
        return new EvseSlacConfig(Duration.ofSeconds(50), Duration.ofMillis(400), Duration.ofMillis(600), Duration.ofMillis(200),
                Duration.ofSeconds(10), Duration.ofSeconds(12), Duration.ofMillis(500), Duration.ofMillis(500),
                10, 1, 2, 2, true);
    }

    public EvseSlacConfig {
        if (slacInit.compareTo(Duration.ofSeconds(20)) < 0 || slacInit.compareTo(Duration.ofSeconds(50)) > 0) {
            throw new IllegalArgumentException("slac_init must be 20-50 s (TT_EVSE_SLAC_init), is " + slacInit);
        }
        long w = soundWindow.toMillis();
        if (w < 100 || w > 25_500 || w % 100 != 0) {
            throw new IllegalArgumentException("sound window must be a multiple of 100 ms from 100 ms to 25.5 s, is " + soundWindow);
        }
        if (numSounds < 1 || numSounds > 255) {
            throw new IllegalArgumentException("num_sounds must be 1-255, is " + numSounds);
        }
        if (attenCharRetries < 0 || setKeyRetries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
    }

    /** TIME_OUT field of the CNF: the sound window in units of 100 ms. */
    int timeOutField() {
        return (int) (soundWindow.toMillis() / 100);
    }
}
