package org.secc.app.charge;

/**
 * A connector's energy registers: Wh imported (into the EV) and exported (out of it) over the
 * connector's life, monotonic across sessions and restarts. Sans I/O: the charge loop adds what it
 * counted, a saver asks {@link #due(long)} what to write and reports {@link #saved} once it is on disk
 * ({@link EnergyRegisterFile}, write then rename).
 *
 * <p>Readers (telemetry, {@code secc ctl status}) get the <em>saved</em> values: a register is shown
 * only once it would survive a power cut, so nobody ever sees it go back after a restart. While energy
 * flows it is saved at most every {@code saveIntervalNanos}; when the flow stops (nothing added since
 * the previous check) at the next check. A crash loses at most the energy counted since the last save.
 */
public final class EnergyRegisters {

    /** Imported and exported Wh. */
    public record Values(double importedWh, double exportedWh) {
        public static final Values ZERO = new Values(0, 0);

        public Values {
            if (!(importedWh >= 0) || !(exportedWh >= 0) || Double.isInfinite(importedWh) || Double.isInfinite(exportedWh)) {
                throw new IllegalArgumentException("energy registers must be finite and >= 0: " + importedWh + " / " + exportedWh);
            }
        }
    }

    /** While energy flows: a save at most every 10 s (flash wear), so a crash loses at most 10 s of counting. */
    public static final long DEFAULT_SAVE_INTERVAL_NANOS = 10_000_000_000L;

    private final long saveIntervalNanos;
    private double importedWh;
    private double exportedWh;
    private Values saved;
    private Values lastChecked;
    private long lastSaveNanos;
    private boolean everSaved;
    private boolean saving = true;

    /** @param restored the values from the register file (ZERO for a new device) */
    public EnergyRegisters(Values restored, long saveIntervalNanos) {
        this.importedWh = restored.importedWh();
        this.exportedWh = restored.exportedWh();
        this.saved = restored;
        this.lastChecked = restored;
        this.saveIntervalNanos = saveIntervalNanos;
    }

    /** Adds the energy of one charge-loop step (each >= 0; anything else is ignored). */
    public synchronized void add(double importWh, double exportWh) {
        if (importWh > 0 && Double.isFinite(importWh)) {
            importedWh += importWh;
        }
        if (exportWh > 0 && Double.isFinite(exportWh)) {
            exportedWh += exportWh;
        }
    }

    /** What the charge loop counted so far, saved or not. */
    public synchronized Values counted() {
        return new Values(importedWh, exportedWh);
    }

    /** What is on disk. */
    public synchronized Values saved() {
        return saved;
    }

    /**
     * What telemetry and status show: the saved values; while they cannot be saved (no writable state
     * directory) what was counted, which then restarts from the last saved values after a restart.
     */
    public synchronized Values published() {
        return saving ? saved : new Values(importedWh, exportedWh);
    }

    /** Whether saves succeed (false after a failed save, true again after a good one). */
    public synchronized void saving(boolean ok) {
        saving = ok;
    }

    /**
     * The values to save now, or null: something was counted since the last save, and either the save
     * interval has passed or the flow stopped since the previous check.
     */
    public synchronized Values due(long nowNanos) {
        Values now = new Values(importedWh, exportedWh);
        boolean changed = !now.equals(saved);
        boolean stopped = now.equals(lastChecked);
        lastChecked = now;
        if (!changed) {
            return null;
        }
        if (stopped || !everSaved || nowNanos - lastSaveNanos >= saveIntervalNanos) {
            return now;
        }
        return null;
    }

    /** {@code v} (from {@link #due}) is on disk now. */
    public synchronized void saved(Values v, long nowNanos) {
        if (v.importedWh() >= saved.importedWh() && v.exportedWh() >= saved.exportedWh()) {
            saved = v;
        }
        lastSaveNanos = nowNanos;
        everSaved = true;
    }
}
