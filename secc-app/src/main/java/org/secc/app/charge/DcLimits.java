package org.secc.app.charge;

/**
 * DC power-stage limits in SI units (W, A, V). Discharge values are magnitudes (≥ 0); the sign
 * on the wire is chosen by the session's sign convention (README "Hardware abstraction"; the standard leaves the sign of discharge limits open, secc-app/README-session.md).
 */
public record DcLimits(double maxChargePower, double minChargePower, double maxChargeCurrent, double minChargeCurrent,
        double maxVoltage, double minVoltage, double maxDischargePower, double minDischargePower,
        double maxDischargeCurrent, double minDischargeCurrent) {

    public DcLimits {
        double[] all = {maxChargePower, minChargePower, maxChargeCurrent, minChargeCurrent, maxVoltage, minVoltage,
                maxDischargePower, minDischargePower, maxDischargeCurrent, minDischargeCurrent};
        for (double v : all) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("DC limits must be finite and >= 0");
            }
        }
        if (minChargePower > maxChargePower || minChargeCurrent > maxChargeCurrent || minVoltage > maxVoltage
                || minDischargePower > maxDischargePower || minDischargeCurrent > maxDischargeCurrent) {
            throw new IllegalArgumentException("a DC minimum exceeds its maximum");
        }
    }

    /** True when the stage can discharge at all (libiso answers FAILED for BPT without discharge limits). */
    public boolean canDischarge() {
        return maxDischargePower > 0 && maxDischargeCurrent > 0;
    }
}
