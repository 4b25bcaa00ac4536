package org.secc.hal.grid;

/**
 * One measurement of the grid at the point of connection, as the grid monitor delivers it to the
 * safety supervisor.
 *
 * @param monotonicNanos when the sample was taken, on the monitor's monotonic clock (not wall time)
 * @param frequencyHz    measured fundamental frequency
 * @param voltageL1V     RMS line-to-neutral voltage of phase 1
 * @param voltageL2V     phase 2, or {@link Double#NaN} on a single-phase connection
 * @param voltageL3V     phase 3, or {@link Double#NaN} on a single-phase connection
 * @param phaseAngleDeg  phase angle of the phase-1 voltage against the monitor's own free-running
 *                       reference at nominal frequency, in degrees (-180, 180]; {@link Double#NaN}
 *                       when the monitor cannot measure it. A sudden change beyond what the
 *                       frequency explains is a phase jump.
 */
public record GridSample(long monotonicNanos, double frequencyHz, double voltageL1V, double voltageL2V,
                         double voltageL3V, double phaseAngleDeg) {

    /** Number of phases that carry a measurement (1 or 3). */
    public int phases() {
        return Double.isNaN(voltageL2V) && Double.isNaN(voltageL3V) ? 1 : 3;
    }
}
