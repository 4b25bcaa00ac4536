package org.secc.hal.estop;

import java.util.concurrent.locks.LockSupport;

/** The emergency-stop input (mushroom button, normally-closed loop). */
public interface EmergencyStop {
    /** True while the emergency stop is pressed or its loop is broken. */
    boolean pressed();

    /**
     * Blocks until the input may have changed (an edge) or {@code timeoutNanos} passed, whichever
     * comes first; true when an edge woke it. An input without edge events waits out the time and
     * returns false: its reader polls. Never a substitute for {@link #pressed()}: read it after.
     */
    default boolean awaitEdge(long timeoutNanos) {
        LockSupport.parkNanos(timeoutNanos);
        return false;
    }

    /** Whether {@link #awaitEdge} wakes on a change (false: only on its timeout). */
    default boolean signalsEdges() {
        return false;
    }
}
