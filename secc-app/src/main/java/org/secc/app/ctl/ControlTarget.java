package org.secc.app.ctl;

import org.secc.app.policy.CommandResult;
import org.secc.app.policy.PolicyCommand;

/**
 * What the running charger service exposes to {@code secc ctl}. {@link CtlServer} calls these from its
 * handler threads, possibly concurrently, so implementations must be thread-safe.
 *
 * <p>Failure convention for {@link #reload()} and {@link #clearTrip()}: a returned message means it
 * worked; a failure is thrown as a {@link RuntimeException} whose message says exactly what is wrong
 * (for a reload: every error in the policy file). The operator sees the message either way.
 */
public interface ControlTarget {
    /** The service status as one JSON object (line breaks outside strings are allowed; they are folded). */
    String statusJson();

    /** Applies a policy command; a repeated id must return the first result with {@code duplicate = true}. */
    CommandResult command(PolicyCommand c);

    /** Re-reads the policy file; the same as SIGHUP. */
    String reload();

    /** The operator clears a latched grid trip. */
    String clearTrip();

    /** Site-controller heartbeat. */
    void heartbeat();

    /**
     * EIM decision for the EV waiting in Authorization (with {@code charge.auto_authorize = false}): the
     * RFID reader's or operator's yes or no. Returns what happened.
     */
    String authorize(boolean accepted);

    /**
     * Sets what the simulated car presents on the control pilot (A, B, C or D); a service without the
     * simulated HAL refuses. Returns what happened.
     */
    default String simPilot(char state) {
        throw new IllegalStateException("sim-pilot needs the simulated HAL (hal.backend = sim)");
    }
}
