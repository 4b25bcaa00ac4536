package org.secc.hal.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.secc.hal.grid.GridMonitor;
import org.secc.hal.grid.GridSample;

/**
 * A grid whose voltage, frequency and phase follow a script of {@link GridEvent}s, sampled every
 * {@code samplePeriod} into {@link GridSample}s on the bench clock. The phase angle is integrated from
 * the frequency deviation against a reference at nominal frequency, plus scripted phase jumps.
 */
public final class SimGrid implements GridMonitor {
    private final SimClock clock;
    private final double nominalV;
    private final double nominalHz;
    private final int phases;
    private final long samplePeriodNanos;
    private final double[] volts = new double[3];
    private double hz;
    private double angleDeg;
    private final List<GridEvent> pending = new ArrayList<>();
    private final List<Ramp> ramps = new ArrayList<>();
    private long lossUntil = Long.MIN_VALUE;
    private long nextSample;
    private volatile GridSample latest;
    private final List<Consumer<GridSample>> listeners = new CopyOnWriteArrayList<>();

    private record Ramp(boolean voltage, long start, long end, double from, double to) { }

    SimGrid(SimClock clock, double nominalV, double nominalHz, int phases, long samplePeriodNanos) {
        if (phases != 1 && phases != 3) {
            throw new IllegalArgumentException("grid phases must be 1 or 3, got " + phases);
        }
        this.clock = clock;
        this.nominalV = nominalV;
        this.nominalHz = nominalHz;
        this.phases = phases;
        this.samplePeriodNanos = samplePeriodNanos;
        java.util.Arrays.fill(volts, nominalV);
        this.hz = nominalHz;
    }

    /** Adds scripted events (any order; they fire when the bench clock reaches them). */
    public synchronized void script(GridEvent... events) {
        pending.addAll(List.of(events));
        pending.sort(Comparator.comparing(GridEvent::at));
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

    void step(double dt) {
        GridSample sample = null;
        synchronized (this) {
            long now = clock.nanos();
            while (!pending.isEmpty() && pending.get(0).at().toNanos() <= now) {
                apply(pending.remove(0), now);
            }
            for (var it = ramps.iterator(); it.hasNext(); ) {
                Ramp r = it.next();
                double x = Math.min(1, (double) (now - r.start) / Math.max(1, r.end - r.start));
                double v = r.from + (r.to - r.from) * x;
                if (r.voltage) {
                    java.util.Arrays.fill(volts, v);
                } else {
                    hz = v;
                }
                if (now >= r.end) {
                    it.remove();
                }
            }
            boolean lost = now < lossUntil;
            if (!lost) {
                angleDeg = wrap(angleDeg + (hz - nominalHz) * 360.0 * dt);
            }
            if (now >= nextSample) {
                nextSample = now + samplePeriodNanos;
                sample = lost
                        ? new GridSample(now, Double.NaN, 0, phases == 3 ? 0 : Double.NaN, phases == 3 ? 0 : Double.NaN,
                        Double.NaN)
                        : new GridSample(now, hz, volts[0], phases == 3 ? volts[1] : Double.NaN,
                        phases == 3 ? volts[2] : Double.NaN, angleDeg);
                latest = sample;
            }
        }
        if (sample != null) {
            for (Consumer<GridSample> l : listeners) {
                l.accept(sample);
            }
        }
    }

    private void apply(GridEvent e, long now) {
        if (e instanceof GridEvent.VoltageStep s) {
            if (s.phase() == 0) {
                java.util.Arrays.fill(volts, s.volts());
            } else {
                volts[s.phase() - 1] = s.volts();
            }
        } else if (e instanceof GridEvent.FrequencyStep s) {
            hz = s.hz();
        } else if (e instanceof GridEvent.VoltageRamp r) {
            ramps.add(new Ramp(true, now, now + r.over().toNanos(), volts[0], r.toVolts()));
        } else if (e instanceof GridEvent.FrequencyRamp r) {
            ramps.add(new Ramp(false, now, now + r.over().toNanos(), hz, r.toHz()));
        } else if (e instanceof GridEvent.LossOfMains l) {
            lossUntil = now + l.lasting().toNanos();
        } else if (e instanceof GridEvent.PhaseJump j) {
            angleDeg = wrap(angleDeg + j.degrees());
        }
    }

    private static double wrap(double deg) {
        double d = deg % 360.0;
        if (d > 180) {
            d -= 360;
        } else if (d <= -180) {
            d += 360;
        }
        return d;
    }
}
