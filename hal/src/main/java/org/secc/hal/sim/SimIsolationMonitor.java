package org.secc.hal.sim;

import org.secc.hal.isolation.IsolationMonitor;
import org.secc.hal.isolation.IsolationStatus;

/**
 * An insulation monitor: the self-test takes 1 s, a measurement settles in 500 ms and then reports
 * the insulation resistance (10 MΩ healthy by default). Faults: a low resistance, a device fault.
 */
public final class SimIsolationMonitor implements IsolationMonitor {
    static final long SELF_TEST_NANOS = 1_000_000_000L;
    static final long SETTLE_NANOS = 500_000_000L;

    private final SimClock clock;
    private final HalEventLog events;
    private IsolationStatus status = new IsolationStatus.Idle();
    private long startedAt;
    private boolean selfTest;
    private boolean measuring;
    private double resistanceOhm = 10e6;
    private String deviceFault;

    SimIsolationMonitor(SimClock clock, HalEventLog events) {
        this.clock = clock;
        this.events = events;
    }

    @Override
    public synchronized void startSelfTest() {
        selfTest = true;
        measuring = false;
        startedAt = clock.nanos();
        status = new IsolationStatus.Measuring();
    }

    @Override
    public synchronized void startMeasurement() {
        events.add(clock.nanos(), HalEventLog.Kind.INSULATION_MEASUREMENT_START, 0);
        selfTest = false;
        measuring = true;
        startedAt = clock.nanos();
        status = new IsolationStatus.Measuring();
    }

    @Override
    public synchronized void stopMeasurement() {
        measuring = false;
        selfTest = false;
        status = deviceFault != null ? new IsolationStatus.DeviceFault(deviceFault) : new IsolationStatus.Idle();
    }

    @Override
    public synchronized IsolationStatus status() {
        return status;
    }

    /** Fault injection: the insulation resistance between DC± and PE (e.g. 50 kΩ for a fault). */
    public synchronized void injectResistance(double ohms) {
        resistanceOhm = ohms;
    }

    /** Fault injection: the device fails (null clears). */
    public synchronized void injectDeviceFault(String detail) {
        deviceFault = detail;
    }

    synchronized void step() {
        long now = clock.nanos();
        if (deviceFault != null) {
            status = new IsolationStatus.DeviceFault(deviceFault);
            return;
        }
        if (selfTest && now - startedAt >= SELF_TEST_NANOS) {
            selfTest = false;
            status = new IsolationStatus.SelfTestPassed();
        } else if (measuring && now - startedAt >= SETTLE_NANOS) {
            status = new IsolationStatus.Resistance(resistanceOhm);
        }
    }
}
