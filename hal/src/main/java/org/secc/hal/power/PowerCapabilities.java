package org.secc.hal.power;

/**
 * Ratings of a bidirectional power stage. All values are magnitudes (≥ 0). A stage that cannot
 * discharge has zero discharge limits.
 */
public record PowerCapabilities(double minVoltageV, double maxVoltageV,
                                double maxChargeCurrentA, double maxChargePowerW,
                                double maxDischargeCurrentA, double maxDischargePowerW,
                                double currentRampAPerS) {
    public PowerCapabilities {
        if (minVoltageV < 0 || maxVoltageV < minVoltageV || maxChargeCurrentA < 0 || maxChargePowerW < 0
                || maxDischargeCurrentA < 0 || maxDischargePowerW < 0 || currentRampAPerS <= 0) {
            throw new IllegalArgumentException("invalid power capabilities: " + this.toString());
        }
    }

    /** True when the stage can feed energy from the EV back to the grid. */
    public boolean bidirectional() {
        return maxDischargeCurrentA > 0 && maxDischargePowerW > 0;
    }
}
