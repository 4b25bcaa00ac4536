package org.secc.app.charge;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Saves the connectors' {@link EnergyRegisters} to their {@link EnergyRegisterFile} on its own thread
 * (once a second it asks each register whether a save is due), so the charge loop never waits for the
 * disk. {@link #close()} saves what was counted last (after the power-off).
 */
public final class EnergyRegisterSaver implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EnergyRegisterSaver.class.getName());

    private final EnergyRegisterFile file;
    private final Map<Integer, EnergyRegisters> registers;
    private final LongSupplier nanos;
    private final ScheduledExecutorService thread;
    private boolean failing;

    /**
     * Restores each connector's registers from the file and starts saving.
     *
     * @param connectors the connectors' charge controls by id; each continues on its saved registers
     */
    public static EnergyRegisterSaver start(EnergyRegisterFile file, Map<Integer, HalChargeControl> connectors, LongSupplier nanos) {
        Map<Integer, EnergyRegisters.Values> saved = file.load();
        Map<Integer, EnergyRegisters> regs = new LinkedHashMap<>();
        connectors.forEach((id, c) -> {
            EnergyRegisters r = new EnergyRegisters(saved.getOrDefault(id, EnergyRegisters.Values.ZERO),
                    EnergyRegisters.DEFAULT_SAVE_INTERVAL_NANOS);
            c.registers(r);
            regs.put(id, r);
        });
        LOG.info(() -> "energy registers from " + file.path() + ": " + saved);
        return new EnergyRegisterSaver(file, regs, nanos);
    }

    private EnergyRegisterSaver(EnergyRegisterFile file, Map<Integer, EnergyRegisters> registers, LongSupplier nanos) {
        this.file = file;
        this.registers = registers;
        this.nanos = nanos;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "energy-registers");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(() -> saveIfDue(false), 1, 1, TimeUnit.SECONDS);
    }

    /** Saves when a register asks for it (or always with {@code force}, when something is unsaved). */
    synchronized void saveIfDue(boolean force) {
        long now = nanos.getAsLong();
        Map<Integer, EnergyRegisters.Values> due = new LinkedHashMap<>();
        boolean any = false;
        for (var e : registers.entrySet()) {
            EnergyRegisters.Values v = e.getValue().due(now);
            if (v == null && force && !e.getValue().counted().equals(e.getValue().saved())) {
                v = e.getValue().counted();
            }
            any |= v != null;
            due.put(e.getKey(), v != null ? v : e.getValue().saved());
        }
        if (!any) {
            return;
        }
        try {
            file.save(due);
            due.forEach((id, v) -> {
                registers.get(id).saved(v, now);
                registers.get(id).saving(true);
            });
            if (failing) {
                failing = false;
                LOG.info("energy registers saved to " + file.path() + " again");
            }
        } catch (IOException | RuntimeException e) {
            registers.values().forEach(r -> r.saving(false));
            if (!failing) {
                failing = true; // one line per outage, not one per second
                LOG.warning("cannot save the energy registers to " + file.path() + " (" + e.getMessage()
                        + "); they are counted in memory only until a save succeeds");
            }
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        saveIfDue(true);
    }
}
