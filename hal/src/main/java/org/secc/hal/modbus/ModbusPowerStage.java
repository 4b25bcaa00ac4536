package org.secc.hal.modbus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.secc.hal.power.PowerCapabilities;
import org.secc.hal.power.PowerFault;
import org.secc.hal.power.PowerReading;
import org.secc.hal.power.PowerStage;
import org.secc.hal.power.PowerTarget;

/**
 * A power stage behind Modbus, described by a {@link RegisterMap} with the points of
 * {@code generic-bidir-dc.map}: enable, voltage_setpoint_v, current_setpoint_a (signed, + charge),
 * power_limit_w, present_voltage_v, present_current_a, present_power_w, fault_code. Call
 * {@link #poll()} periodically; a failed exchange latches {@link PowerFault.CommunicationLost}.
 */
public final class ModbusPowerStage implements PowerStage {
    private static final Logger LOG = Logger.getLogger(ModbusPowerStage.class.getName());

    private final RegisterBus bus;
    private final RegisterMap map;
    private final PowerCapabilities caps;
    private final LongSupplier clock;
    private PowerReading present;
    private boolean enabled;
    private final List<PowerFault> faults = new ArrayList<>();

    public ModbusPowerStage(RegisterBus bus, RegisterMap map, PowerCapabilities caps, LongSupplier monotonicNanos) {
        this.bus = bus;
        this.map = map;
        this.caps = caps;
        this.clock = monotonicNanos;
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
            map.write(bus, "voltage_setpoint_v", v);
            map.write(bus, "current_setpoint_a", i);
            map.write(bus, "power_limit_w", pLimit);
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
        // the module ramps its current down itself when the setpoint drops; then disable
        exchange(() -> {
            map.write(bus, "current_setpoint_a", 0);
            map.write(bus, "enable", 0);
        });
        enabled = false;
    }

    @Override
    public synchronized PowerReading present() {
        return present;
    }

    @Override
    public synchronized List<PowerFault> faults() {
        return List.copyOf(faults);
    }

    /** Reads present values and the device fault code. */
    public synchronized void poll() {
        exchange(() -> {
            double v = map.read(bus, "present_voltage_v");
            double i = map.read(bus, "present_current_a");
            double p = map.has("present_power_w") ? map.read(bus, "present_power_w") : v * i;
            int code = (int) map.read(bus, "fault_code");
            if (code != 0 && faults.stream().noneMatch(f -> f instanceof PowerFault.DeviceFault d && d.code() == code)) {
                LOG.severe("power module reports fault code " + code);
                faults.add(new PowerFault.DeviceFault(code, "device fault code " + code));
                enabled = false;
            }
            present = new PowerReading(clock.getAsLong(), enabled, v, i, p, Double.NaN);
        });
    }

    /** Operator reset of latched faults. */
    public synchronized void clearFaults() {
        faults.clear();
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
                faults.add(new PowerFault.CommunicationLost(e.getMessage()));
            }
            enabled = false;
        }
    }
}
