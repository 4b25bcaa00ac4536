package org.secc.app.charge;

/**
 * AC limits in SI units (W, V, Hz), totals over all phases. Discharge values are magnitudes (≥ 0).
 *
 * @param phases             1 or 3 (per-phase values on the wire are the totals divided by this)
 * @param nominalVoltageV    line-to-neutral nominal voltage (EVSENominalVoltage)
 * @param nominalFrequencyHz EVSENominalFrequency (mandatory in AC_ChargeParameterDiscoveryRes)
 */
public record AcLimits(double maxChargePower, double minChargePower, double maxDischargePower, double minDischargePower,
        int phases, double nominalVoltageV, double nominalFrequencyHz) {

    public AcLimits {
        double[] all = {maxChargePower, minChargePower, maxDischargePower, minDischargePower};
        for (double v : all) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("AC limits must be finite and >= 0");
            }
        }
        if (minChargePower > maxChargePower || minDischargePower > maxDischargePower) {
            throw new IllegalArgumentException("an AC minimum exceeds its maximum");
        }
        if (phases != 1 && phases != 3) {
            throw new IllegalArgumentException("phases must be 1 or 3: " + phases);
        }
        if (!(nominalVoltageV > 0) || !(nominalFrequencyHz > 0)) {
            throw new IllegalArgumentException("nominal voltage and frequency must be > 0");
        }
    }

    public boolean canDischarge() {
        return maxDischargePower > 0;
    }
}
