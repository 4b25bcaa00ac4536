package org.secc.hal.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.secc.hal.power.PowerCapabilities;
import org.secc.hal.power.PowerFault;
import org.secc.hal.power.PowerReading;
import org.secc.hal.power.PowerStage;
import org.secc.hal.power.PowerTarget;

/**
 * A bidirectional DC power stage feeding {@link SimBattery} through {@link SimContactors}. Current
 * ramps at the rated ramp rate toward the target, clamped by the ratings, the power limit, the
 * battery's own limits and the voltage target (constant-voltage phase). With the contactors open the
 * DC link ramps toward the voltage target (pre-charge / cable check). Conversion losses follow a
 * fixed efficiency: charging draws P/η from the grid, discharging returns P·η.
 */
public final class SimPowerStage implements PowerStage {
    private static final Logger LOG = Logger.getLogger(SimPowerStage.class.getName());
    /** DC link voltage slew with the contactors open. */
    static final double LINK_SLEW_V_PER_S = 1000;
    /** Module temperature at which the stage trips. */
    static final double TRIP_TEMPERATURE_C = 90;

    private final SimClock clock;
    private final PowerCapabilities caps;
    private final double efficiency;
    private final SimBattery battery;
    private final SimContactors contactors;
    private final HalEventLog events;
    private SimTemperatures temperatures;
    private PowerTarget target = PowerTarget.zero(0);
    private boolean enabled;
    private boolean rampingDown;
    private double linkV;
    /** Volatile: the contactors' event-log probe reads it without this object's lock (no lock-order cycle). */
    private volatile double currentA;
    private double gridEnergyWh;
    private double dcEnergyWh;
    private final List<PowerFault> faults = new ArrayList<>();

    SimPowerStage(SimClock clock, PowerCapabilities caps, double efficiency, SimBattery battery,
                  SimContactors contactors, HalEventLog events) {
        if (!(efficiency > 0 && efficiency <= 1)) {
            throw new IllegalArgumentException("efficiency must be in (0, 1], got " + efficiency);
        }
        this.clock = clock;
        this.caps = caps;
        this.efficiency = efficiency;
        this.battery = battery;
        this.contactors = contactors;
        this.events = events;
    }

    void attach(SimTemperatures t) {
        this.temperatures = t;
    }

    @Override
    public PowerCapabilities capabilities() {
        return caps;
    }

    @Override
    public synchronized void setTarget(PowerTarget t) {
        target = t;
    }

    /** The last operating point commanded (tests check what the controller asked for). */
    public synchronized PowerTarget target() {
        return target;
    }

    @Override
    public synchronized void enable() {
        if (faults.isEmpty()) {
            if (!enabled || rampingDown) {
                events.add(clock.nanos(), HalEventLog.Kind.STAGE_ENABLE, currentA);
            }
            enabled = true;
            rampingDown = false;
        }
    }

    @Override
    public synchronized void rampToZeroAndDisable() {
        if (!rampingDown && enabled) {
            events.add(clock.nanos(), HalEventLog.Kind.STAGE_RAMP_TO_ZERO, currentA);
        }
        rampingDown = enabled;
    }

    /** Present output current without allocating or locking (the event log's probe). */
    double currentA() {
        return currentA;
    }

    @Override
    public synchronized PowerReading present() {
        double v = contactors.conducting() ? battery.terminalV(currentA) : linkV;
        return new PowerReading(clock.nanos(), enabled, v, currentA, v * currentA, gridPowerW(v * currentA));
    }

    @Override
    public synchronized List<PowerFault> faults() {
        return List.copyOf(faults);
    }

    /** Fault injection: the device reports this fault and stops at once. */
    public synchronized void injectFault(PowerFault f) {
        LOG.warning("power stage fault: " + f);
        faults.add(f);
        stopNow();
    }

    /** Operator reset of latched faults. */
    @Override
    public synchronized void clearFaults() {
        faults.clear();
    }

    /** Energy drawn from the grid so far (negative when fed back), Wh. */
    public synchronized double gridEnergyWh() {
        return gridEnergyWh;
    }

    /** Energy delivered at the DC output so far (+ into the EV), Wh. */
    public synchronized double dcEnergyWh() {
        return dcEnergyWh;
    }

    /** Conversion loss at this DC power, W (≥ 0). */
    double lossW() {
        double p = present().powerW();
        return Math.abs(gridPowerW(p) - p);
    }

    private double gridPowerW(double dcW) {
        return dcW >= 0 ? dcW / efficiency : dcW * efficiency;
    }

    private void stopNow() {
        enabled = false;
        rampingDown = false;
        currentA = 0;
    }

    synchronized void step(double dt) {
        if (temperatures != null && temperatures.moduleC() >= TRIP_TEMPERATURE_C
                && faults.stream().noneMatch(f -> f instanceof PowerFault.OverTemperature)) {
            injectFault(new PowerFault.OverTemperature(temperatures.moduleC()));
        }
        boolean conducting = contactors.conducting();
        double desired = 0;
        if (enabled && !rampingDown && conducting) {
            double v = Math.max(1, battery.terminalV(currentA));
            double chargeMax = Math.min(Math.min(caps.maxChargeCurrentA(), battery.chargeLimitA()),
                    caps.maxChargePowerW() / v);
            double dischargeMax = Math.min(Math.min(caps.maxDischargeCurrentA(), battery.dischargeLimitA()),
                    caps.maxDischargePowerW() / v);
            double powerLimitA = Math.abs(target.powerW()) / v;
            desired = Math.max(-dischargeMax, Math.min(chargeMax, target.currentA()));
            desired = Math.copySign(Math.min(Math.abs(desired), powerLimitA), desired);
            // constant-voltage phase: the voltage target caps the charge current
            double cvLimit = (Math.min(target.voltageV(), caps.maxVoltageV()) - battery.openCircuitV())
                    / Math.max(1e-3, battery.internalOhm());
            if (desired > 0) {
                desired = Math.max(0, Math.min(desired, cvLimit));
            }
        }
        double maxStep = caps.currentRampAPerS() * dt;
        double before = currentA;
        if (!conducting) {
            currentA = 0; // no path for current
        } else {
            currentA += Math.max(-maxStep, Math.min(maxStep, desired - currentA));
        }
        if (before != 0 && currentA == 0) {
            events.add(clock.nanos(), HalEventLog.Kind.STAGE_CURRENT_ZERO, 0);
        }
        if (rampingDown && currentA == 0) {
            enabled = false;
            rampingDown = false;
        }
        double linkTarget = enabled ? Math.min(target.voltageV(), caps.maxVoltageV()) : 0;
        if (conducting) {
            linkV = battery.terminalV(currentA);
        } else {
            double slew = LINK_SLEW_V_PER_S * dt;
            linkV += Math.max(-slew, Math.min(slew, linkTarget - linkV));
        }
        if (conducting && currentA != 0) {
            double p = battery.terminalV(currentA) * currentA;
            battery.flow(currentA, dt);
            dcEnergyWh += p * dt / 3600.0;
            gridEnergyWh += gridPowerW(p) * dt / 3600.0;
        }
    }
}
