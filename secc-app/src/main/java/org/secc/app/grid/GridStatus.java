package org.secc.app.grid;

/**
 * What the supervisor tells the policy engine and the status report each control step.
 *
 * @param powerFraction 0..1 of rated power allowed (0 when tripped or waiting; ramp value while ramping)
 * @param droopPu       frequency-watt adjustment in p.u. of rated power; positive = towards charging
 * @param frequencyHz   last measured frequency (NaN before the first sample)
 * @param reason        why power is limited, e.g. "grid trip UF2" or "enter-service ramp 40 %"
 * @param lastTrip      last trip, or null
 */
public record GridStatus(GridSafetySupervisor.State state, double powerFraction, double droopPu, double frequencyHz,
                         double nominalHz, String reason, TripRecord lastTrip) {
}
