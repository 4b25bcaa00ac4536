package org.secc.app.charge;

import java.util.Optional;

/**
 * One charge-loop request in SI units, independent of the EXI types, built with {@link #builder}.
 * Values the EV did not send are {@link Double#NaN}. EV limits are magnitudes; present and target
 * values are signed (+ charge, − discharge).
 *
 * @param variant    AC or DC, Dynamic or Scheduled, BPT or not (the control-mode element)
 * @param dc         the DC values (all NaN for AC)
 * @param power      the EV's power limits
 * @param evPresentActivePowerW AC: EVPresentActivePower (signed, all phases)
 * @param socPct     DisplayParameters.PresentSOC
 * @param evTargetEnergyRequestWh EVTargetEnergyRequest (Wh, signed; negative = the EV offers energy,
 *                   which in Dynamic mode tells which direction it prefers)
 */
public record LoopRequest(Variant variant, Dc dc, Power power, double evPresentActivePowerW, double socPct,
        double evTargetEnergyRequestWh) {

    /** The control-mode element of the request. */
    public record Variant(boolean ac, boolean dynamic, boolean bpt) {
    }

    /** DC values: EVPresentVoltage, Scheduled EVTargetCurrent/EVTargetVoltage, EV maxima. */
    public record Dc(double presentVoltageV, double targetCurrentA, double targetVoltageV, double maxChargeCurrentA,
            double maxVoltageV, double maxDischargeCurrentA) {
    }

    /** EVMaximum/MinimumChargePower, EVMaximum/MinimumDischargePower (magnitudes). */
    public record Power(double maxChargeW, double minChargeW, double maxDischargeW, double minDischargeW) {
    }

    public boolean ac() {
        return variant.ac();
    }

    public boolean dynamic() {
        return variant.dynamic();
    }

    public boolean bpt() {
        return variant.bpt();
    }

    public double evPresentVoltageV() {
        return dc.presentVoltageV();
    }

    public double evTargetCurrentA() {
        return dc.targetCurrentA();
    }

    public double evTargetVoltageV() {
        return dc.targetVoltageV();
    }

    public double evMaxChargeCurrentA() {
        return dc.maxChargeCurrentA();
    }

    public double evMaxVoltageV() {
        return dc.maxVoltageV();
    }

    public double evMaxDischargeCurrentA() {
        return dc.maxDischargeCurrentA();
    }

    public double evMaxChargePowerW() {
        return power.maxChargeW();
    }

    public double evMinChargePowerW() {
        return power.minChargeW();
    }

    public double evMaxDischargePowerW() {
        return power.maxDischargeW();
    }

    public double evMinDischargePowerW() {
        return power.minDischargeW();
    }

    /** Highest voltage, current and power an EV value may carry and still describe a real vehicle. */
    public static final double MAX_PLAUSIBLE_V = 1500;   // IEC 61851-23: DC charging up to 1500 V
    public static final double MAX_PLAUSIBLE_A = 3000;
    public static final double MAX_PLAUSIBLE_W = 5_000_000;

    /**
     * Why this request cannot be used for a setpoint, if it cannot: a value that is infinite or beyond
     * what any vehicle has (an exponent the EV got wrong), a negative voltage, a maximum voltage of 0.
     * The session answers FAILED_WrongChargeParameter and ends (ISO 15118-20 FAILED response codes,
     * [V2G20-736]); nothing reaches the power stage.
     */
    public Optional<String> nonPhysical() {
        if (!variant.ac()) {
            if (bad(dc.presentVoltageV(), MAX_PLAUSIBLE_V, true)) {
                return Optional.of("EVPresentVoltage " + dc.presentVoltageV() + " V");
            }
            if (bad(dc.targetVoltageV(), MAX_PLAUSIBLE_V, true)) {
                return Optional.of("EVTargetVoltage " + dc.targetVoltageV() + " V");
            }
            if (bad(dc.maxVoltageV(), MAX_PLAUSIBLE_V, true) || dc.maxVoltageV() == 0) {
                return Optional.of("EVMaximumVoltage " + dc.maxVoltageV() + " V");
            }
            if (bad(Math.abs(dc.targetCurrentA()), MAX_PLAUSIBLE_A, false)) {
                return Optional.of("EVTargetCurrent " + dc.targetCurrentA() + " A");
            }
            if (bad(dc.maxChargeCurrentA(), MAX_PLAUSIBLE_A, false) || bad(dc.maxDischargeCurrentA(), MAX_PLAUSIBLE_A, false)) {
                return Optional.of("EVMaximumCharge/DischargeCurrent " + dc.maxChargeCurrentA() + " / " + dc.maxDischargeCurrentA() + " A");
            }
        }
        for (double p : new double[] {power.maxChargeW(), power.minChargeW(), power.maxDischargeW(), power.minDischargeW()}) {
            if (bad(p, MAX_PLAUSIBLE_W, false)) {
                return Optional.of("EV power limit " + p + " W");
            }
        }
        if (bad(Math.abs(evPresentActivePowerW), MAX_PLAUSIBLE_W, false)) {
            return Optional.of("EVPresentActivePower " + evPresentActivePowerW + " W");
        }
        if (!Double.isNaN(socPct) && !(socPct >= 0 && socPct <= 100)) {
            return Optional.of("PresentSOC " + socPct + " %");
        }
        return Optional.empty();
    }

    /** NaN (not sent) is fine; infinite, beyond {@code max}, or (when {@code signed}) negative is not. */
    private static boolean bad(double v, double max, boolean negativeIsBad) {
        if (Double.isNaN(v)) {
            return false;
        }
        return Double.isInfinite(v) || v > max || (negativeIsBad && v < 0);
    }

    public static Builder builder(boolean ac, boolean dynamic, boolean bpt) {
        return new Builder(new Variant(ac, dynamic, bpt));
    }

    /** Named values instead of sixteen positions; everything not set stays NaN (not sent). */
    public static final class Builder {
        private final Variant variant;
        private double presentV = Double.NaN;
        private double targetI = Double.NaN;
        private double targetV = Double.NaN;
        private double maxChI = Double.NaN;
        private double maxV = Double.NaN;
        private double maxDisI = Double.NaN;
        private double maxChW = Double.NaN;
        private double minChW = Double.NaN;
        private double maxDisW = Double.NaN;
        private double minDisW = Double.NaN;
        private double presentP = Double.NaN;
        private double soc = Double.NaN;
        private double energyWh = Double.NaN;

        private Builder(Variant v) {
            this.variant = v;
        }

        public Builder evPresentVoltageV(double v) {
            presentV = v;
            return this;
        }

        public Builder evTargetCurrentA(double v) {
            targetI = v;
            return this;
        }

        public Builder evTargetVoltageV(double v) {
            targetV = v;
            return this;
        }

        public Builder evMaxChargeCurrentA(double v) {
            maxChI = v;
            return this;
        }

        public Builder evMaxVoltageV(double v) {
            maxV = v;
            return this;
        }

        public Builder evMaxDischargeCurrentA(double v) {
            maxDisI = v;
            return this;
        }

        public Builder evMaxChargePowerW(double v) {
            maxChW = v;
            return this;
        }

        public Builder evMinChargePowerW(double v) {
            minChW = v;
            return this;
        }

        public Builder evMaxDischargePowerW(double v) {
            maxDisW = v;
            return this;
        }

        public Builder evMinDischargePowerW(double v) {
            minDisW = v;
            return this;
        }

        public Builder evPresentActivePowerW(double v) {
            presentP = v;
            return this;
        }

        public Builder socPct(double v) {
            soc = v;
            return this;
        }

        public Builder evTargetEnergyRequestWh(double v) {
            energyWh = v;
            return this;
        }

        public LoopRequest build() {
            return new LoopRequest(variant, new Dc(presentV, targetI, targetV, maxChI, maxV, maxDisI),
                    new Power(maxChW, minChW, maxDisW, minDisW), presentP, soc, energyWh);
        }
    }
}
