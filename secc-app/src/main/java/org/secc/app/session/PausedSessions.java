package org.secc.app.session;

import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Sessions the EV paused with SessionStop(Pause): what a later SessionSetupReq with the same SessionID
 * resumes (OK_OldSessionJoined, [V2G20-1032]). Shared by all connections of one connector, hence
 * synchronized. Entries expire after {@code keep} and at most {@code capacity} are kept (oldest
 * dropped first), so a car that never comes back costs nothing.
 */
public final class PausedSessions {

    /**
     * What a resumed session continues with (authorization and service selection are kept), and the
     * EVCCID (its bytes as on the wire) of the EV that paused it: only that EV may resume it.
     */
    public record Paused(byte[] sessionId, byte[] evccId, List<Integer> offeredServices, int selectedService,
            EnergyParameterSet parameters, long pausedAtNanos) {
        public Paused {
            sessionId = sessionId.clone();
            evccId = evccId == null ? new byte[0] : evccId.clone();
            offeredServices = List.copyOf(offeredServices);
        }
    }

    private final Map<String, Paused> byId = new LinkedHashMap<>();
    private final Duration keep;
    private final int capacity;
    private final LongSupplier nanos;

    public PausedSessions(Duration keep, int capacity, LongSupplier nanos) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.keep = keep;
        this.capacity = capacity;
        this.nanos = nanos;
    }

    /** 24 h, 16 entries, on System.nanoTime. */
    public static PausedSessions defaults() {
        return new PausedSessions(Duration.ofHours(24), 16, System::nanoTime);
    }

    public synchronized void put(Paused p) {
        byId.remove(key(p.sessionId()));
        byId.put(key(p.sessionId()), p);
        while (byId.size() > capacity) {
            byId.remove(byId.keySet().iterator().next());
        }
    }

    /**
     * Removes and returns the paused session with this ID, if it is still valid and was paused by the EV
     * with this EVCCID. The SessionID alone is no proof of identity (it travels in clear on every
     * message): an EV with another EVCCID must not inherit the earlier authorization ([V2G20-2628]),
     * so it gets nothing here, and the entry stays for the EV that paused it.
     */
    public synchronized Optional<Paused> take(byte[] sessionId, byte[] evccId) {
        String k = key(sessionId);
        Paused p = byId.get(k);
        if (p == null) {
            return Optional.empty();
        }
        if (nanos.getAsLong() - p.pausedAtNanos() > keep.toNanos()) {
            byId.remove(k);
            return Optional.empty();
        }
        if (evccId == null || !java.util.Arrays.equals(p.evccId(), evccId)) {
            return Optional.empty();
        }
        byId.remove(k);
        return Optional.of(p);
    }

    public synchronized int size() {
        return byId.size();
    }

    private static String key(byte[] id) {
        return HexFormat.of().formatHex(id);
    }
}
