package org.secc.app.grid;

/** Told of every trip after the actuator was commanded (ChargeControl: limits to zero, Pause/Terminate). */
@FunctionalInterface
public interface TripListener {
    void onTrip(TripRecord trip);
}
