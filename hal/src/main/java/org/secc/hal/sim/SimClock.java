package org.secc.hal.sim;

/** The bench's simulated monotonic clock; only {@link SimBench#step} advances it. */
public final class SimClock {
    private long nanos;

    public synchronized long nanos() {
        return nanos;
    }

    synchronized void advance(long dt) {
        nanos += dt;
    }
}
