package org.secc.hal.sim;

import java.time.Duration;
import org.secc.hal.power.PowerCapabilities;

/**
 * The simulated bench: EV battery, contactors, bidirectional power stage, temperatures, insulation
 * monitor, control pilot with a simulated EV, grid and emergency stop, all on one simulated clock.
 * Nothing moves until {@link #step(Duration)} is called, so everything is deterministic.
 *
 * <pre>
 * SimBench bench = SimBench.builder().build();
 * bench.controlPilot().setEv(SimControlPilot.EvSide.C);
 * bench.contactors().close();
 * bench.powerStage().setTarget(new PowerTarget(400, 100, 50_000));
 * bench.powerStage().enable();
 * bench.step(Duration.ofSeconds(10));
 * </pre>
 */
public final class SimBench {
    /** Internal integration step. */
    public static final long STEP_NANOS = 1_000_000L;

    private final SimClock clock = new SimClock();
    private final HalEventLog events = new HalEventLog();
    private final SimBattery battery;
    private final SimContactors contactors;
    private final SimPowerStage powerStage;
    private final SimTemperatures temperatures;
    private final SimIsolationMonitor isolation;
    private final SimControlPilot controlPilot;
    private final SimGrid grid;
    private final SimEmergencyStop emergencyStop = new SimEmergencyStop();

    private SimBench(Builder b) {
        battery = b.battery;
        contactors = new SimContactors(clock, events);
        powerStage = new SimPowerStage(clock, b.capabilities, b.efficiency, battery, contactors, events);
        contactors.currentProbe(powerStage::currentA);
        temperatures = new SimTemperatures(powerStage);
        powerStage.attach(temperatures);
        isolation = new SimIsolationMonitor(clock, events);
        controlPilot = new SimControlPilot(clock);
        grid = new SimGrid(clock, b.gridNominalV, b.gridNominalHz, b.gridPhases, b.gridSamplePeriod.toNanos());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Advances the bench by {@code d} in 1 ms steps. */
    public void step(Duration d) {
        long n = d.toNanos();
        if (n < 0) {
            throw new IllegalArgumentException("cannot step backwards: " + d);
        }
        double dt = STEP_NANOS / 1e9;
        for (long done = 0; done < n; done += STEP_NANOS) {
            clock.advance(Math.min(STEP_NANOS, n - done));
            contactors.step();
            powerStage.step(dt);
            temperatures.step(dt);
            isolation.step();
            grid.step(dt);
        }
    }

    /** Bench time, nanoseconds since start. */
    public long nanos() {
        return clock.nanos();
    }

    /** Contactor and power-stage commands in order, with the current at each (power-off order tests). */
    public HalEventLog events() {
        return events;
    }

    public SimClock clock() {
        return clock;
    }

    public SimBattery battery() {
        return battery;
    }

    public SimContactors contactors() {
        return contactors;
    }

    public SimPowerStage powerStage() {
        return powerStage;
    }

    public SimTemperatures temperatures() {
        return temperatures;
    }

    public SimIsolationMonitor isolationMonitor() {
        return isolation;
    }

    public SimControlPilot controlPilot() {
        return controlPilot;
    }

    public SimGrid grid() {
        return grid;
    }

    public SimEmergencyStop emergencyStop() {
        return emergencyStop;
    }

    /** Bench parameters; defaults describe a 50 kW bidirectional DC charger on a 230 V / 50 Hz grid. */
    public static final class Builder {
        private SimBattery battery = SimBattery.typical400V(0.5);
        private PowerCapabilities capabilities = new PowerCapabilities(150, 920, 125, 50_000, 125, 50_000, 100);
        private double efficiency = 0.96;
        private double gridNominalV = 230;
        private double gridNominalHz = 50;
        private int gridPhases = 3;
        private Duration gridSamplePeriod = Duration.ofMillis(10);

        public Builder battery(SimBattery b) {
            battery = b;
            return this;
        }

        public Builder capabilities(PowerCapabilities c) {
            capabilities = c;
            return this;
        }

        public Builder efficiency(double e) {
            efficiency = e;
            return this;
        }

        public Builder grid(double nominalV, double nominalHz, int phases) {
            gridNominalV = nominalV;
            gridNominalHz = nominalHz;
            gridPhases = phases;
            return this;
        }

        public Builder gridSamplePeriod(Duration d) {
            gridSamplePeriod = d;
            return this;
        }

        public SimBench build() {
            return new SimBench(this);
        }
    }
}
