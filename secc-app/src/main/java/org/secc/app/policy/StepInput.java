package org.secc.app.policy;

import org.secc.app.grid.GridStatus;

/**
 * Inputs of one control step.
 *
 * @param nowNanos  monotonic time
 * @param socPct    the EV's state of charge, NaN when unknown (then no discharge)
 * @param heatSinkC power-stage heat-sink temperature, NaN when unknown (then no power at all)
 * @param grid      the supervisor's status, or null when no supervisor runs (only allowed without a grid code)
 */
public record StepInput(long nowNanos, double socPct, double heatSinkC, GridStatus grid) {
}
