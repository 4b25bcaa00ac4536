package org.secc.hal.sim;

/**
 * An EV traction battery: open-circuit voltage linear in SOC between {@code emptyV} and {@code fullV}
 * with a steeper rise above 90 % SOC, an internal resistance, and charge/discharge current limits
 * that taper near full (charging) and near empty (discharging).
 */
public final class SimBattery {
    private final double capacityWh;
    private final double emptyV;
    private final double fullV;
    private final double internalOhm;
    private final double maxChargeA;
    private final double maxDischargeA;
    private volatile double soc; // written by the bench thread, reset by a plug-in
    private double energyInWh;

    public SimBattery(double capacityWh, double initialSoc, double emptyV, double fullV, double internalOhm,
                      double maxChargeA, double maxDischargeA) {
        if (capacityWh <= 0 || initialSoc < 0 || initialSoc > 1 || emptyV <= 0 || fullV <= emptyV || internalOhm < 0
                || maxChargeA < 0 || maxDischargeA < 0) {
            throw new IllegalArgumentException("invalid battery parameters");
        }
        this.capacityWh = capacityWh;
        this.soc = initialSoc;
        this.emptyV = emptyV;
        this.fullV = fullV;
        this.internalOhm = internalOhm;
        this.maxChargeA = maxChargeA;
        this.maxDischargeA = maxDischargeA;
    }

    /** A typical 400 V class car: 60 kWh, 300–400 V, 0.1 Ω, 200 A charge, 100 A discharge. */
    public static SimBattery typical400V(double initialSoc) {
        return new SimBattery(60_000, initialSoc, 300, 400, 0.1, 200, 100);
    }

    /** A new car plugs in: its battery at {@code soc} (0..1). */
    public void newCar(double soc) {
        if (!(soc >= 0 && soc <= 1)) {
            throw new IllegalArgumentException("SOC 0..1");
        }
        this.soc = soc;
    }

    /** Open-circuit voltage at the present SOC. */
    public double openCircuitV() {
        double linear = emptyV + (fullV - emptyV) * 0.9 * soc;
        double top = soc > 0.9 ? (fullV - emptyV) * (soc - 0.9) : 0;
        return linear + top;
    }

    /** Terminal voltage with the given current (+ charging). */
    public double terminalV(double currentA) {
        return openCircuitV() + currentA * internalOhm;
    }

    /** Allowed charge current now (tapers linearly from 80 % to 0 A at 100 % SOC). */
    public double chargeLimitA() {
        return soc <= 0.8 ? maxChargeA : maxChargeA * Math.max(0, (1 - soc) / 0.2);
    }

    /** Allowed discharge current now (tapers from 20 % to 0 A at 10 % SOC). */
    public double dischargeLimitA() {
        return soc >= 0.2 ? maxDischargeA : maxDischargeA * Math.max(0, (soc - 0.1) / 0.1);
    }

    /** Passes current (+ charging) for dtSeconds; internal-resistance losses heat the pack, not the cells. */
    void flow(double currentA, double dtSeconds) {
        double cellWh = openCircuitV() * currentA * dtSeconds / 3600.0;
        energyInWh += terminalV(currentA) * currentA * dtSeconds / 3600.0;
        soc = Math.min(1, Math.max(0, soc + cellWh / capacityWh));
    }

    public double internalOhm() {
        return internalOhm;
    }

    public double soc() {
        return soc;
    }

    public double capacityWh() {
        return capacityWh;
    }

    /** Stored energy, Wh. */
    public double storedWh() {
        return soc * capacityWh;
    }

    /** Energy that passed the battery terminals so far (+ into the battery), Wh. */
    public double terminalEnergyWh() {
        return energyInWh;
    }
}
