package org.secc.ev.battery;

/**
 * A small traction-battery model: capacity, state of charge, an open-circuit voltage curve that is linear
 * in SOC, and current/power limits. {@link #integrate} applies the current the SECC reports (positive =
 * charging the EV, negative = discharging, README "Hardware abstraction": + charges the EV), so SOC rises when charging and falls when
 * discharging. Not thread-safe; owned by one session.
 */
public final class Battery {
    private final double capacityWh;
    private final double vEmpty;
    private final double vFull;
    private final double maxChargeCurrentA;
    private final double maxDischargeCurrentA;
    private final double maxChargePowerW;
    private final double maxDischargePowerW;
    private double socPercent;
    private double chargedWh;
    private double dischargedWh;

    public Battery(double capacityWh, double socPercent, double vEmpty, double vFull,
                   double maxChargeCurrentA, double maxDischargeCurrentA, double maxChargePowerW, double maxDischargePowerW) {
        if (capacityWh <= 0 || vFull <= vEmpty || socPercent < 0 || socPercent > 100) {
            throw new IllegalArgumentException("invalid battery parameters");
        }
        this.capacityWh = capacityWh;
        this.socPercent = socPercent;
        this.vEmpty = vEmpty;
        this.vFull = vFull;
        this.maxChargeCurrentA = maxChargeCurrentA;
        this.maxDischargeCurrentA = maxDischargeCurrentA;
        this.maxChargePowerW = maxChargePowerW;
        this.maxDischargePowerW = maxDischargePowerW;
    }

    /** A 60 kWh, 350–420 V pack with 200 A / 100 kW charge and 100 A / 30 kW discharge limits. */
    public static Battery typical(double socPercent) {
        return new Battery(60_000, socPercent, 350, 420, 200, 100, 100_000, 30_000);
    }

    /** Open-circuit voltage at the present SOC. */
    public double voltage() {
        return vEmpty + (vFull - vEmpty) * socPercent / 100.0;
    }

    /**
     * Integrates a present current for {@code seconds}; the voltage used is the given terminal voltage when
     * positive, else the pack's own. SOC is clamped to 0–100 %.
     */
    public void integrate(double currentA, double terminalVoltageV, double seconds) {
        if (seconds <= 0 || currentA == 0) {
            return;
        }
        double v = terminalVoltageV > 0 ? terminalVoltageV : voltage();
        integratePower(currentA * v, seconds);
    }

    /** Integrates a present active power (W, signed like current) for {@code seconds}. */
    public void integratePower(double powerW, double seconds) {
        if (seconds <= 0 || powerW == 0) {
            return;
        }
        double wh = powerW * seconds / 3600.0;
        if (wh > 0) {
            chargedWh += wh;
        } else {
            dischargedWh -= wh;
        }
        socPercent = Math.max(0, Math.min(100, socPercent + 100.0 * wh / capacityWh));
    }

    public double soc() {
        return socPercent;
    }

    public double capacityWh() {
        return capacityWh;
    }

    /** Energy needed to reach {@code targetSoc} (Wh, 0 if already there). */
    public double energyTo(double targetSoc) {
        return Math.max(0, (targetSoc - socPercent) * capacityWh / 100.0);
    }

    /** Energy available above {@code floorSoc} (Wh, 0 if at or below). */
    public double energyAbove(double floorSoc) {
        return Math.max(0, (socPercent - floorSoc) * capacityWh / 100.0);
    }

    public double chargedWh() {
        return chargedWh;
    }

    public double dischargedWh() {
        return dischargedWh;
    }

    public double maxChargeCurrentA() {
        return maxChargeCurrentA;
    }

    public double maxDischargeCurrentA() {
        return maxDischargeCurrentA;
    }

    public double maxChargePowerW() {
        return maxChargePowerW;
    }

    public double maxDischargePowerW() {
        return maxDischargePowerW;
    }

    public double minVoltage() {
        return vEmpty;
    }

    public double maxVoltage() {
        return vFull;
    }
}
