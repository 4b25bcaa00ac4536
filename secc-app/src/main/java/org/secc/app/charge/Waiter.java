package org.secc.app.charge;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits on hardware (contactor feedback, current ramp-down). Production polls on the wall
 * clock; tests on the simulated bench step the bench instead, so no test sleeps.
 */
@FunctionalInterface
public interface Waiter {

    /** Returns as soon as {@code done} holds (true) or after {@code timeout} (false). */
    boolean await(BooleanSupplier done, Duration timeout);

    /** Polls every 2 ms on System.nanoTime. */
    Waiter POLLING = (done, timeout) -> {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return done.getAsBoolean();
            }
        }
        return true;
    };
}
