package org.secc.app.policy;

import java.util.Arrays;

/**
 * An OCPP 2.1 LocalFrequency period (frequency containment): the setpoint is {@code baselineW} plus the
 * power of the frequency-watt curve at the frequency the charger measures itself (Q08.FR.06), plus the
 * aFRR delta the CSMS relayed last ({@code afrrW}, Q08.FR.10). The charger recomputes it when the measured
 * frequency has moved by at least {@code updateThresholdMHz} since the last computation (Q08.FR.07).
 *
 * @param hz   the curve's frequencies, ascending
 * @param w    the power at each frequency, W, + charges the EV, − discharges it
 */
public record FrequencySetpoint(double[] hz, double[] w, double baselineW, double afrrW, int updateThresholdMHz) {

    public FrequencySetpoint {
        if (hz.length < 2 || hz.length != w.length) {
            throw new IllegalArgumentException("a frequency-watt curve needs at least two points");
        }
        hz = hz.clone();
        w = w.clone();
    }

    /** The setpoint at a measured frequency: linear between the points, held at the end values beyond them. */
    public double setpointAt(double f) {
        return baselineW + curveAt(f) + afrrW;
    }

    double curveAt(double f) {
        if (f <= hz[0]) {
            return w[0];
        }
        for (int i = 1; i < hz.length; i++) {
            if (f <= hz[i]) {
                return hz[i] == hz[i - 1] ? w[i] : w[i - 1] + (w[i] - w[i - 1]) * (f - hz[i - 1]) / (hz[i] - hz[i - 1]);
            }
        }
        return w[w.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrequencySetpoint x && Arrays.equals(hz, x.hz) && Arrays.equals(w, x.w) && baselineW == x.baselineW
                && afrrW == x.afrrW && updateThresholdMHz == x.updateThresholdMHz;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(hz) + Arrays.hashCode(w) + Double.hashCode(baselineW) + Double.hashCode(afrrW) + updateThresholdMHz;
    }

    @Override
    public String toString() {
        return "FrequencySetpoint" + Arrays.toString(hz) + Arrays.toString(w) + " baseline " + baselineW + " W, aFRR " + afrrW + " W";
    }
}
