package org.secc.app.grid;

/** Every reason the supervisor ceases to energize. */
public enum TripFunction {
    OV2, OV1, UV1, UV2, OF2, OF1, UF1, UF2,
    /** Islanding, passive: all phases below the loss-of-voltage level. */
    LOSS_OF_VOLTAGE,
    /** Islanding, passive: rate of change of frequency beyond the setting. */
    ROCOF,
    /** Islanding, passive: voltage phase jump not explained by the frequency. */
    PHASE_JUMP,
    /** The grid monitor stopped delivering samples: we cannot see the grid, so we stop. */
    SAMPLE_TIMEOUT,
    /** A sample that cannot be a measurement (NaN frequency). */
    INVALID_SAMPLE,
    /** The supervisor thread could not keep up with the samples (queue full): it is blind, so it stops. */
    OVERRUN;

    /** The V/f must-trip functions, which have a threshold and a clearing time. */
    public boolean isVoltageFrequency() {
        return ordinal() <= UF2.ordinal();
    }

    public boolean isOver() {
        return this == OV1 || this == OV2 || this == OF1 || this == OF2;
    }

    public boolean isVoltage() {
        return this == OV1 || this == OV2 || this == UV1 || this == UV2;
    }
}
