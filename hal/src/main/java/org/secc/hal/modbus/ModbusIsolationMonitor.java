package org.secc.hal.modbus;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.secc.hal.isolation.IsolationMonitor;
import org.secc.hal.isolation.IsolationStatus;

/**
 * An insulation monitoring device behind Modbus, described by a map with the points of
 * {@code generic-imd.map}: {@code command} (0 stop, 1 measure, 2 self-test), {@code state} (0 idle,
 * 1 measuring, 2 valid value, 3 self-test running, 4 passed, 5 failed), {@code resistance_ohm},
 * {@code fault_code}. {@link #poll()} turns them into an {@link IsolationStatus}; a device that
 * does not answer is a {@link IsolationStatus.DeviceFault}, so the cable check fails safe.
 */
public final class ModbusIsolationMonitor implements IsolationMonitor {
    private static final Logger LOG = Logger.getLogger(ModbusIsolationMonitor.class.getName());
    static final int STOP = 0;
    static final int MEASURE = 1;
    static final int SELF_TEST = 2;

    private final RegisterBus bus;
    private final RegisterMap map;
    /** Volatile: safety checks read it without waiting for an exchange in progress. */
    private volatile IsolationStatus status = new IsolationStatus.Idle();

    public ModbusIsolationMonitor(RegisterBus bus, RegisterMap map) {
        for (String p : List.of("command", "state", "resistance_ohm", "fault_code")) {
            map.point(p);
        }
        this.bus = bus;
        this.map = map;
    }

    @Override
    public synchronized void startSelfTest() {
        command(SELF_TEST, new IsolationStatus.Measuring());
    }

    @Override
    public synchronized void startMeasurement() {
        command(MEASURE, new IsolationStatus.Measuring());
    }

    @Override
    public synchronized void stopMeasurement() {
        command(STOP, new IsolationStatus.Idle());
    }

    /** The last polled status; never waits for an exchange in progress. */
    @Override
    public IsolationStatus status() {
        return status;
    }

    /** Reads the device state. */
    public synchronized IsolationStatus poll() {
        try {
            Map<String, Double> r = map.readAll(bus, List.of("state", "resistance_ohm", "fault_code"));
            int fault = (int) (double) r.get("fault_code");
            int state = (int) (double) r.get("state");
            status = fault != 0 ? new IsolationStatus.DeviceFault("device fault code " + fault)
                    : switch (state) {
                        case 0 -> new IsolationStatus.Idle();
                        case 1, 3 -> new IsolationStatus.Measuring();
                        case 2 -> new IsolationStatus.Resistance(r.get("resistance_ohm"));
                        case 4 -> new IsolationStatus.SelfTestPassed();
                        case 5 -> new IsolationStatus.DeviceFault("self-test failed");
                        default -> new IsolationStatus.DeviceFault("unknown device state " + state);
                    };
        } catch (IOException e) {
            fail(e);
        }
        return status;
    }

    private void command(int value, IsolationStatus next) {
        try {
            map.write(bus, "command", value);
            status = next;
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        if (!(status instanceof IsolationStatus.DeviceFault)) {
            LOG.severe("insulation monitor: " + e.getMessage());
        }
        status = new IsolationStatus.DeviceFault("no answer: " + e.getMessage());
    }
}
