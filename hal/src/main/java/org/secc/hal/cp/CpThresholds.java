package org.secc.hal.cp;

/**
 * Voltage thresholds for the CP state detection, applied to the high level of the CP signal. The
 * nominal levels are +12/+9/+6/+3/0/−12 V (IEC 61851-1, hal/README.md); the boundaries sit half-way between
 * neighbouring nominal levels, so each state accepts ±1.5 V around its nominal level, which is wider
 * than the ±5 % source tolerance plus the resistor tolerances of the EV.
 *
 * <p>Boundaries are inclusive at the lower end of each band: exactly 10.5 V is A, exactly 7.5 V is B,
 * exactly 4.5 V is C, exactly 1.5 V is D; anything above −10.5 V and below 1.5 V is E; −10.5 V and
 * below is F.
 */
public final class CpThresholds {
    public static final double A_MIN_V = 10.5;
    public static final double B_MIN_V = 7.5;
    public static final double C_MIN_V = 4.5;
    public static final double D_MIN_V = 1.5;
    /** At or below this the line sits at −12 V: state F (high level) or the EV diode present (low level). */
    public static final double F_MAX_V = -10.5;

    private CpThresholds() { }

    /** Classifies the high level of the CP signal. NaN (no measurement) counts as E: pilot lost. */
    public static CpState classifyHigh(double highV) {
        if (Double.isNaN(highV)) {
            return CpState.E;
        }
        if (highV >= A_MIN_V) {
            return CpState.A;
        }
        if (highV >= B_MIN_V) {
            return CpState.B;
        }
        if (highV >= C_MIN_V) {
            return CpState.C;
        }
        if (highV >= D_MIN_V) {
            return CpState.D;
        }
        if (highV > F_MAX_V) {
            return CpState.E;
        }
        return CpState.F;
    }

    /**
     * Diode check: while the PWM runs, the low phase must reach about −12 V because the EV's diode
     * blocks the negative half. A low level above {@link #F_MAX_V} means the diode is missing or
     * shorted (or the CP is shorted to PE).
     */
    public static boolean diodePresent(double lowV) {
        return !Double.isNaN(lowV) && lowV <= F_MAX_V;
    }
}
