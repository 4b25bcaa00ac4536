package org.secc.hal.sim;

import java.time.Duration;

/**
 * A scripted change of the simulated grid, at a time measured from the start of the bench
 * (bench clock = 0). Voltages are RMS line-to-neutral volts; phase 0 means all phases.
 */
public sealed interface GridEvent {
    Duration at();

    /** Voltage jumps to {@code volts} on one phase (1–3) or all (0). */
    record VoltageStep(Duration at, int phase, double volts) implements GridEvent {
        public VoltageStep {
            if (phase < 0 || phase > 3) {
                throw new IllegalArgumentException("phase must be 0 (all) or 1..3, got " + phase);
            }
        }
    }

    /** Frequency jumps to {@code hz}. */
    record FrequencyStep(Duration at, double hz) implements GridEvent { }

    /** Voltage of all phases moves linearly from its value at {@code at} to {@code toVolts} over {@code over}. */
    record VoltageRamp(Duration at, Duration over, double toVolts) implements GridEvent { }

    /** Frequency moves linearly to {@code toHz} over {@code over} (a ROCOF event). */
    record FrequencyRamp(Duration at, Duration over, double toHz) implements GridEvent { }

    /** Loss of mains: all voltages 0 V and frequency unmeasurable (NaN) for {@code lasting}. */
    record LossOfMains(Duration at, Duration lasting) implements GridEvent { }

    /** The voltage phase angle jumps by {@code degrees}. */
    record PhaseJump(Duration at, double degrees) implements GridEvent { }
}
