package org.secc.app.session;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The SessionID a charger gives a new session, in -20, -2 and DIN alike: 8 random bytes, never all zero,
 * which is what the EV sends to ask for a new session ([V2G-DC-393], [V2G2-756]).
 */
public final class SessionIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] ZERO = new byte[8];

    private SessionIds() {
    }

    /** A fresh SessionID. */
    public static byte[] fresh() {
        return fresh(ZERO);
    }

    /** A fresh SessionID that is not {@code avoid} either (-2: not the one the EV asked to resume, [V2G2-756]). */
    public static byte[] fresh(byte[] avoid) {
        byte[] id = new byte[8];
        do {
            RANDOM.nextBytes(id);
        } while (Arrays.equals(id, ZERO) || Arrays.equals(id, avoid));
        return id;
    }
}
