package org.secc.hal.modbus;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.secc.hal.grid.GridMonitor;
import org.secc.hal.grid.GridSample;

/**
 * A grid monitor on a Modbus meter. The map names {@code frequency_hz} and {@code voltage_l1_v}
 * (and {@code voltage_l2_v}, {@code voltage_l3_v} on a three-phase connection), e.g.
 * {@link SunSpecDevice#meterMap()}. {@link #poll()} reads one sample (call it every
 * {@code grid.sample_period_ms}). A meter does not measure the phase angle, so it is NaN.
 *
 * <p>A failed read produces a sample with NaN frequency and voltages: the safety supervisor must
 * treat a grid it cannot see like a lost grid, never keep using the last good value.
 */
public final class ModbusGridMonitor implements GridMonitor {
    private static final Logger LOG = Logger.getLogger(ModbusGridMonitor.class.getName());

    private final RegisterBus bus;
    private final RegisterMap map;
    private final int phases;
    private final double nominalV;
    private final double nominalHz;
    private final LongSupplier clock;
    private final List<String> points;
    private final List<Consumer<GridSample>> listeners = new CopyOnWriteArrayList<>();
    private volatile GridSample latest;
    private boolean failing;

    public ModbusGridMonitor(RegisterBus bus, RegisterMap map, int phases, double nominalV, double nominalHz,
                             LongSupplier monotonicNanos) {
        if (phases != 1 && phases != 3) {
            throw new IllegalArgumentException("phases must be 1 or 3, got " + phases);
        }
        this.points = phases == 3 ? List.of("frequency_hz", "voltage_l1_v", "voltage_l2_v", "voltage_l3_v")
                : List.of("frequency_hz", "voltage_l1_v");
        for (String p : points) {
            map.point(p);
        }
        this.bus = bus;
        this.map = map;
        this.phases = phases;
        this.nominalV = nominalV;
        this.nominalHz = nominalHz;
        this.clock = monotonicNanos;
    }

    /** Reads the meter once and hands the sample to every listener. */
    public GridSample poll() {
        GridSample s;
        long now = clock.getAsLong();
        try {
            Map<String, Double> r = map.readAll(bus, points);
            s = new GridSample(now, r.get("frequency_hz"), r.get("voltage_l1_v"),
                    phases == 3 ? r.get("voltage_l2_v") : Double.NaN, phases == 3 ? r.get("voltage_l3_v") : Double.NaN,
                    Double.NaN);
            if (failing) {
                LOG.info("grid meter answers again");
                failing = false;
            }
        } catch (IOException e) {
            if (!failing) {
                LOG.severe("grid meter read failed: " + e.getMessage());
                failing = true;
            }
            s = new GridSample(now, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        latest = s;
        for (Consumer<GridSample> l : listeners) {
            l.accept(s);
        }
        return s;
    }

    @Override
    public GridSample latest() {
        return latest;
    }

    @Override
    public void addListener(Consumer<GridSample> listener) {
        listeners.add(listener);
    }

    @Override
    public double nominalVoltageV() {
        return nominalV;
    }

    @Override
    public double nominalFrequencyHz() {
        return nominalHz;
    }
}
