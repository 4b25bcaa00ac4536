package org.secc.app.grid;

/**
 * What the supervisor commands on a trip, directly and before anything else hears of it. Adapted to the
 * HAL's power stage and contactors when they exist. Implementations must not block for long: they are
 * called on the supervisor thread.
 */
public interface TripActuator {
    /** Power stage setpoint to zero (cease to energize). */
    void powerToZero();

    /** Open the grid relay / contactors. */
    void openContactors();
}
