package org.secc.app.grid;

import java.util.ArrayList;
import java.util.List;
import org.secc.common.config.ConfigText;
import org.secc.hal.grid.GridSample;

/**
 * A synthetic grid monitor for tests: a fake monotonic clock, a sample every {@link #periodNanos}, the
 * phase angle integrated from the frequency (so a jump appears only when injected).
 */
final class SyntheticGrid {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    final GridCode code;
    final GridSafetySupervisor sup;
    long t = 1_000 * S;
    long periodNanos = 10 * MS;
    double f;
    double vPu = 1.0;
    double phase;
    final List<TripRecord> trips = new ArrayList<>();

    SyntheticGrid(GridCode code) {
        this.code = code;
        this.f = code.nominalHz;
        this.sup = new GridSafetySupervisor(code, t);
    }

    static GridCode code(String text) {
        ConfigText s = ConfigText.parse(text);
        GridCode c = GridCode.fromSettings(s);
        s.checkUnknownKeys();
        if (!s.errors().isEmpty()) {
            throw new GridCode.InvalidGridCode(s.errors());
        }
        return c;
    }

    /** A code of the category with enter-service shortened so tests reach service fast. */
    static GridCode fastCode(Category c, double hz, String extra) {
        return code("grid_category = " + c + "\ngrid_nominal_frequency_hz = " + (int) hz
                + "\ngrid_nominal_voltage_v = 230\nenter_service_delay_s = 0\nenter_service_ramp_s = 1\n" + extra);
    }

    /** One sample now, then the clock advances by one period. Returns the trip or null. */
    TripRecord sample() {
        TripRecord r = sup.onSample(new GridSample(t, f, vPu * code.nominalV, vPu * code.nominalV,
                vPu * code.nominalV, GridSafetySupervisor.wrap180(phase)));
        if (r != null) {
            trips.add(r);
        }
        phase += 360.0 * (f - code.nominalHz) * periodNanos / 1e9;
        t += periodNanos;
        return r;
    }

    /** A sample at exactly time at (>= now). */
    TripRecord sampleAt(long at) {
        phase += 360.0 * (f - code.nominalHz) * (at - t) / 1e9;
        t = at;
        return sample();
    }

    /** Samples for the duration; returns the first trip or null. */
    TripRecord run(long durationNanos) {
        long end = t + durationNanos;
        TripRecord first = null;
        while (t < end) {
            TripRecord r = sample();
            if (first == null) {
                first = r;
            }
        }
        return first;
    }

    /** Nominal grid until in service. */
    SyntheticGrid inService() {
        f = code.nominalHz;
        vPu = 1.0;
        for (int i = 0; i < 1_000_000 && sup.state() != GridSafetySupervisor.State.IN_SERVICE; i++) {
            sample();
        }
        if (sup.state() != GridSafetySupervisor.State.IN_SERVICE) {
            throw new AssertionError("never entered service");
        }
        return this;
    }

    /** Sets the quantity a V/f function watches. */
    void set(TripFunction fn, double value) {
        if (fn.isVoltage()) {
            vPu = value;
        } else {
            f = value;
        }
    }
}
