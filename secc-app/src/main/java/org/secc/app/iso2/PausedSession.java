package org.secc.app.iso2;

import java.util.Arrays;
import java.util.Optional;

/**
 * The SessionID of the -2 session the EV paused (SessionStopReq with ChargingSession = Pause), kept
 * across TCP connections so that a SessionSetupReq with that ID resumes it with OK_OldSessionJoined
 * ([V2G2-571], [V2G2-756]). One per charge point; connections hand it to each new session.
 */
public final class PausedSession {

    private byte[] id;

    synchronized void store(byte[] sessionId) {
        id = sessionId.clone();
    }

    /** Takes the stored ID when it equals {@code requested}; a resume is possible once. */
    synchronized Optional<byte[]> take(byte[] requested) {
        if (id == null || requested == null || !Arrays.equals(id, requested)) {
            return Optional.empty();
        }
        byte[] r = id;
        id = null;
        return Optional.of(r);
    }

    /** True when a paused session waits for its EV. */
    public synchronized boolean present() {
        return id != null;
    }
}
