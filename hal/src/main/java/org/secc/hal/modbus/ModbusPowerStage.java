package org.secc.hal.modbus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.secc.hal.power.PowerCapabilities;
import org.secc.hal.power.PowerFault;
import org.secc.hal.power.PowerReading;
import org.secc.hal.power.PowerStage;
import org.secc.hal.power.PowerTarget;

/**
 * A power stage behind Modbus, described by a {@link RegisterMap} whose points carry these names
 * (all signed + charge, − discharge):
 * <ul>
 * <li>current-controlled (a DC module, {@code generic-bidir-dc.map}): {@code enable},
 * {@code voltage_setpoint_v}, {@code current_setpoint_a}, {@code power_limit_w};</li>
 * <li>power-controlled (a SunSpec DER, {@link SunSpecDevice#powerStageMap()}): {@code enable},
 * {@code power_setpoint_w}, optionally {@code power_setpoint_mode} (written 1 = watts first);</li>
 * <li>readings, each optional: {@code present_voltage_v}, {@code present_current_a},
 * {@code present_power_w}, {@code grid_power_w}, {@code fault_code} (≠ 0 = device fault).</li>
 * </ul>
 * Call {@link #poll()} periodically; a failed exchange latches {@link PowerFault.CommunicationLost}.
 */
public final class ModbusPowerStage implements PowerStage {
    private static final Logger LOG = Logger.getLogger(ModbusPowerStage.class.getName());
    private static final List<String> READINGS =
            List.of("present_voltage_v", "present_current_a", "present_power_w", "grid_power_w", "fault_code");

    private final RegisterBus bus;
    private final RegisterMap map;
    private final PowerCapabilities caps;
    private final LongSupplier clock;
    private final List<String> readings;
    /** Volatile and immutable: readers (safety checks, the session's snapshot) never wait for the bus. */
    private volatile PowerReading present;
    private boolean enabled;
    private volatile List<PowerFault> faults = List.of();

    public ModbusPowerStage(RegisterBus bus, RegisterMap map, PowerCapabilities caps, LongSupplier monotonicNanos) {
        if (!map.has("enable") || !(map.has("current_setpoint_a") || map.has("power_setpoint_w"))) {
            throw new IllegalArgumentException("a power-stage map needs 'enable' and 'current_setpoint_a' or "
                    + "'power_setpoint_w'");
        }
        this.bus = bus;
        this.map = map;
        this.caps = caps;
        this.clock = monotonicNanos;
        this.readings = READINGS.stream().filter(map::has).toList();
        this.present = new PowerReading(monotonicNanos.getAsLong(), false, 0, 0, 0, 0);
    }

    @Override
    public PowerCapabilities capabilities() {
        return caps;
    }

    @Override
    public synchronized void setTarget(PowerTarget t) {
        double v = Math.min(t.voltageV(), caps.maxVoltageV());
        double i = Math.max(-caps.maxDischargeCurrentA(), Math.min(caps.maxChargeCurrentA(), t.currentA()));
        double pLimit = Math.min(Math.abs(t.powerW()), i >= 0 ? caps.maxChargePowerW() : caps.maxDischargePowerW());
        exchange(() -> {
            if (map.has("current_setpoint_a")) {
                if (map.has("voltage_setpoint_v")) {
                    map.write(bus, "voltage_setpoint_v", v);
                }
                map.write(bus, "current_setpoint_a", i);
                if (map.has("power_limit_w")) {
                    map.write(bus, "power_limit_w", pLimit);
                }
            }
            if (map.has("power_setpoint_w")) {
                // a power-controlled stage: |P| = the smaller of V·|I| and the power limit, sign of I
                double p = Math.signum(i) * Math.min(pLimit, v * Math.abs(i));
                if (map.has("power_setpoint_mode")) {
                    map.write(bus, "power_setpoint_mode", 1);
                }
                map.write(bus, "power_setpoint_w", p);
            }
        });
    }

    @Override
    public synchronized void enable() {
        if (faults.isEmpty()) {
            exchange(() -> map.write(bus, "enable", 1));
            enabled = faults.isEmpty();
        }
    }

    @Override
    public synchronized void rampToZeroAndDisable() {
        // the device ramps down itself when the setpoint drops; then disable
        exchange(() -> {
            if (map.has("current_setpoint_a")) {
                map.write(bus, "current_setpoint_a", 0);
            }
            if (map.has("power_setpoint_w")) {
                map.write(bus, "power_setpoint_w", 0);
            }
            map.write(bus, "enable", 0);
        });
        enabled = false;
    }

    /** The last polled values; never waits for an exchange in progress. */
    @Override
    public PowerReading present() {
        return present;
    }

    /** Latched faults; never waits for an exchange in progress. */
    @Override
    public List<PowerFault> faults() {
        return faults;
    }

    private void addFault(PowerFault f) {
        List<PowerFault> l = new ArrayList<>(faults);
        l.add(f);
        faults = List.copyOf(l);
    }

    /** Reads present values and the device fault code. */
    public synchronized void poll() {
        exchange(() -> {
            Map<String, Double> r = map.readAll(bus, readings);
            double v = r.getOrDefault("present_voltage_v", Double.NaN);
            double i = r.getOrDefault("present_current_a", Double.NaN);
            double p = r.containsKey("present_power_w") ? r.get("present_power_w") : v * i;
            double grid = r.getOrDefault("grid_power_w", Double.NaN);
            long code = r.containsKey("fault_code") ? (long) (double) r.get("fault_code") : 0;
            if (code != 0 && faults.stream().noneMatch(f -> f instanceof PowerFault.DeviceFault d && d.code() == code)) {
                LOG.severe("power module reports fault code " + code);
                addFault(new PowerFault.DeviceFault((int) code, "device fault code " + code));
                enabled = false;
            }
            present = new PowerReading(clock.getAsLong(), enabled, v, i, p, grid);
        });
    }

    /** Operator reset of latched faults. */
    @Override
    public synchronized void clearFaults() {
        faults = List.of();
    }

    private interface Io {
        void run() throws IOException;
    }

    private void exchange(Io io) {
        try {
            io.run();
        } catch (IOException e) {
            LOG.severe("Modbus power stage: " + e.getMessage());
            if (faults.stream().noneMatch(f -> f instanceof PowerFault.CommunicationLost)) {
                addFault(new PowerFault.CommunicationLost(e.getMessage()));
            }
            enabled = false;
        }
    }
}
