package org.secc.hal.config;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.secc.hal.cp.CpConfig;
import org.secc.hal.linux.GpioContactors;
import org.secc.hal.linux.GpioEmergencyStop;
import org.secc.hal.linux.LinuxControlPilot;
import org.secc.hal.linux.SysfsTemperatures;
import org.secc.hal.modbus.ModbusGridMonitor;
import org.secc.hal.modbus.ModbusIsolationMonitor;
import org.secc.hal.modbus.ModbusPowerStage;

/**
 * The drivers of the linux backend, before their periodic work is scheduled. {@link #pollOnce()}
 * does one round of that work by hand (tests); {@link #start()} schedules it and returns the
 * {@link Hal}. Periods: power stage {@code power.poll_period_ms}, grid meter
 * {@code grid.sample_period_ms}, insulation monitor {@code isolation.poll_period_ms}, contactor
 * supervision a quarter of {@code linux.contactor_supervision_ms}. The control pilot is sampled
 * by its state machine's owner, not here (it needs 1–5 ms and the same thread as the CP logic).
 */
public record LinuxParts(LinuxControlPilot controlPilot, CpConfig cpConfig, GpioContactors contactors,
                         ModbusPowerStage powerStage, ModbusGridMonitor gridMonitor,
                         ModbusIsolationMonitor isolationMonitor, SysfsTemperatures temperatures,
                         GpioEmergencyStop emergencyStop, Periods periods, List<AutoCloseable> resources) {
    private static final Logger LOG = Logger.getLogger(LinuxParts.class.getName());

    /** Polling periods in milliseconds. */
    public record Periods(long powerMs, long gridMs, long isolationMs, long supervisionMs) { }

    /** One round of every driver's periodic work. */
    public void pollOnce() {
        powerStage.poll();
        gridMonitor.poll();
        isolationMonitor.poll();
        contactors.supervise();
    }

    /** Schedules the periodic work on daemon threads (one per device, so a slow one delays no other). */
    public Hal start() {
        ScheduledExecutorService ex = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "hal-poll");
            t.setDaemon(true);
            return t;
        });
        every(ex, periods.gridMs(), "grid meter", gridMonitor::poll);
        every(ex, periods.powerMs(), "power stage", powerStage::poll);
        every(ex, periods.isolationMs(), "insulation monitor", isolationMonitor::poll);
        every(ex, periods.supervisionMs(), "contactor supervision", contactors::supervise);
        AutoCloseable stop = () -> {
            ex.shutdownNow();
            ex.awaitTermination(2, TimeUnit.SECONDS);
        };
        List<AutoCloseable> all = new java.util.ArrayList<>(resources);
        all.add(stop);
        return new Hal(controlPilot, cpConfig, contactors, powerStage, gridMonitor, isolationMonitor, temperatures,
                emergencyStop, Optional.empty(), all);
    }

    private static void every(ScheduledExecutorService ex, long ms, String what, Runnable task) {
        // an exception would cancel a fixed-rate task for good: log it and keep polling
        ex.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, what + " poll failed", e);
            }
        }, 0, ms, TimeUnit.MILLISECONDS);
    }
}
