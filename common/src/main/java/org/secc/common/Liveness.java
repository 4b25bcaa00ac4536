package org.secc.common;

/**
 * Proof that a loop is alive and ticking: a count of heartbeats and the monotonic time of the last
 * one. The pilot supervisor and the connector lifecycle beat once per turn of their loop; a watchdog
 * (systemd's WATCHDOG=1, see the service's unit) checks that every loop beat recently before it tells
 * the supervisor of the process that all is well.
 */
public interface Liveness {
    /** The loop's name, as its thread is called. */
    String name();

    /** Heartbeats so far; grows by one per turn of the loop. */
    long beats();

    /** {@link System#nanoTime()} of the last heartbeat, or {@link Long#MIN_VALUE} before the first. */
    long lastBeatNanos();

    /** Whether the loop beat within {@code maxAgeNanos} before {@code nowNanos}. */
    default boolean beatWithin(long nowNanos, long maxAgeNanos) {
        long last = lastBeatNanos();
        return last != Long.MIN_VALUE && nowNanos - last <= maxAgeNanos;
    }

    /** The heartbeat a loop owns: {@link #beat()} once per turn. Lock-free; readable from any thread. */
    final class Heartbeat implements Liveness {
        private final String name;
        private volatile long beats;
        private volatile long last = Long.MIN_VALUE;

        public Heartbeat(String name) {
            this.name = name;
        }

        /** One turn of the loop, now. */
        public void beat() {
            last = System.nanoTime();
            beats = beats + 1; // one writer: the loop's own thread
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long beats() {
            return beats;
        }

        @Override
        public long lastBeatNanos() {
            return last;
        }
    }
}
