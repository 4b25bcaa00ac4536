package org.secc.hal.sim;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.secc.hal.estop.EmergencyStop;

/**
 * An emergency-stop button the test or the bench operator presses. Edge-driven like a GPIO line with
 * edge detection: {@link #press()} and {@link #release()} wake the thread blocked in {@link #awaitEdge}.
 */
public final class SimEmergencyStop implements EmergencyStop {
    private volatile boolean pressed;
    private final AtomicBoolean edge = new AtomicBoolean();
    private volatile Thread waiter;

    @Override
    public boolean pressed() {
        return pressed;
    }

    public void press() {
        pressed = true;
        signal();
    }

    public void release() {
        pressed = false;
        signal();
    }

    private void signal() {
        edge.set(true);
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** One waiting thread (the emergency-stop watch); an edge before the wait returns at once. */
    @Override
    public boolean awaitEdge(long timeoutNanos) {
        waiter = Thread.currentThread();
        try {
            if (edge.getAndSet(false)) {
                return true;
            }
            long end = System.nanoTime() + timeoutNanos;
            for (long left = timeoutNanos; left > 0; left = end - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
                if (edge.getAndSet(false)) {
                    return true;
                }
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        } finally {
            waiter = null;
        }
    }

    @Override
    public boolean signalsEdges() {
        return true;
    }
}
