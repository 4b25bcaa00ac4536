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
    /** EVCCID (as on the wire) of the EV that paused: only that EV may resume. */
    private byte[] evccId;

    synchronized void store(byte[] sessionId, byte[] evccId) {
        id = sessionId.clone();
        this.evccId = evccId == null ? new byte[0] : evccId.clone();
    }

    /**
     * Takes the stored ID when it equals {@code requested} and the EV's EVCCID equals the one that
     * paused; a resume is possible once. The SessionID alone is no proof of identity: another EV that
     * sends it gets nothing (hence a new session) and the pause stays for its owner.
     */
    synchronized Optional<byte[]> take(byte[] requested, byte[] requestingEvccId) {
        if (id == null || requested == null || !Arrays.equals(id, requested)
                || requestingEvccId == null || !Arrays.equals(evccId, requestingEvccId)) {
            return Optional.empty();
        }
        byte[] r = id;
        id = null;
        evccId = null;
        return Optional.of(r);
    }

    /** True when a paused session waits for its EV. */
    public synchronized boolean present() {
        return id != null;
    }
}
