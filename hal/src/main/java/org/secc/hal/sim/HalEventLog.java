package org.secc.hal.sim;

import java.util.ArrayDeque;
import java.util.List;

/**
 * What the simulated hardware was told and what it did, in order, on the bench clock: contactor
 * commands with the current flowing at that moment, power-stage zero commands and the moment the
 * output current really reached zero. Tests read it to prove the power-off order (current to zero,
 * then contactors open) on every path.
 */
public final class HalEventLog {

    /** One entry. {@code currentA} is the output current at that moment (+ charge, − discharge). */
    public record Event(long nanos, Kind kind, double currentA) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.3f s %s (%.1f A)", nanos / 1e9, kind, currentA);
        }
    }

    public enum Kind {
        /** The coils were energised. */
        CONTACTORS_CLOSE,
        /** The coils were de-energised. */
        CONTACTORS_OPEN,
        /** The stage was told to ramp to zero and disable. */
        STAGE_RAMP_TO_ZERO,
        /** The output current reached zero while the stage ramped down (or the path opened). */
        STAGE_CURRENT_ZERO,
        /** The stage was enabled. */
        STAGE_ENABLE,
        /** The insulation monitor started a measurement (cable check). */
        INSULATION_MEASUREMENT_START
    }

    /**
     * The newest events kept. A test reads a few sessions' worth (tens of events); `secc run --hal sim` runs
     * for months. Kept were the oldest 100,000, about 3.5 MB of a 64 MB heap filled over 23,000 soak
     * sessions, then nothing new (secc-app/README-bench.md, "Soak with the follow-ups fixed").
     */
    static final int MAX = 4096;
    private final ArrayDeque<Event> events = new ArrayDeque<>(MAX);

    synchronized void add(long nanos, Kind kind, double currentA) {
        if (events.size() == MAX) {
            events.removeFirst();
        }
        events.addLast(new Event(nanos, kind, currentA));
    }

    /** A copy of the newest {@value #MAX} events, oldest first. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public synchronized void clear() {
        events.clear();
    }
}
