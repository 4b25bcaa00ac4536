package org.secc.app.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.secc.app.grid.SyntheticGrid.MS;
import static org.secc.app.grid.SyntheticGrid.S;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.secc.hal.grid.GridSample;

class RideThroughAndIslandingTest {

    private static SyntheticGrid grid(Category c, int hz) {
        return new SyntheticGrid(SyntheticGrid.fastCode(c, hz, "")).inService();
    }

    // --- ride-through (IEEE 1547-2018 ride-through, secc-app/README-grid.md): the mandatory zones for their minimum time must not trip ---

    @ParameterizedTest
    @EnumSource(Category.class)
    void highVoltageRideThrough(Category c) {
        SyntheticGrid g = grid(c, 60);
        g.vPu = 1.12;
        assertNull(g.run(c == Category.III ? 12 * S : 1 * S));
        g.vPu = 1.0;
        assertNull(g.run(S));
    }

    @Test
    void lowVoltageRideThroughCatI() {
        SyntheticGrid g = grid(Category.I, 60);
        g.vPu = 0.75; // mandatory 0.7 + 4·0.05 = 0.9 s; above UV1 anyway
        assertNull(g.run(5 * S));
    }

    @Test
    void lowVoltageRideThroughCatII() {
        SyntheticGrid g = grid(Category.II, 60);
        g.vPu = 0.69; // below UV1 (0.70/10 s); mandatory 3 + 8.7·0.04 = 3.35 s
        assertNull(g.run(3_350 * MS));
        assertNull(g.run(6 * S), "UV1 clears only at 10 s");
        assertEquals(TripFunction.UV1, g.run(S).function());
    }

    @Test
    void lowVoltageRideThroughCatIII() {
        SyntheticGrid g = grid(Category.III, 60);
        g.vPu = 0.75; // 0.70–0.88 mandatory 20 s; UV1 0.88/21 s
        assertNull(g.run(20 * S));
        TripRecord r = g.run(2 * S);
        assertEquals(TripFunction.UV1, r.function());
    }

    @ParameterizedTest
    @ValueSource(ints = {50, 60})
    void mandatoryFrequencyOperationFor299s(int hz) {
        for (double offset : new double[] {-2.9, +1.7}) { // 57.1 and 61.7 Hz on 60 Hz
            SyntheticGrid g = grid(Category.II, hz);
            g.f = hz + offset;
            // ROCOF of the step is 2.9 Hz / 0.2 s; keep it out of this frequency test.
            g = new SyntheticGrid(SyntheticGrid.fastCode(Category.II, hz, "islanding_rocof_hz_per_s = 20\n")).inService();
            g.f = hz + offset;
            assertNull(g.run(299 * S), "mandatory operation " + (hz + offset) + " Hz for 299 s");
        }
    }

    @ParameterizedTest
    @EnumSource(Category.class)
    void rocofRideThroughDoesNotTrip(Category c) {
        double rideThrough = new double[] {0.5, 2.0, 3.0}[c.ordinal()];
        SyntheticGrid g = grid(c, 60);
        for (int i = 0; i < 30; i++) { // 300 ms (> one window) at the ride-through rate
            g.f += rideThrough * g.periodNanos / 1e9;
            assertNull(g.sample());
        }
    }

    // --- islanding, passive ---

    @Test
    void lossOfVoltageTripsAtItsTime() {
        SyntheticGrid g = grid(Category.II, 60);
        g.vPu = 0.099;
        long first = g.t;
        assertNull(g.sample());
        assertNull(g.sampleAt(first + 49 * MS));
        TripRecord r = g.sampleAt(first + 50 * MS);
        assertEquals(TripFunction.LOSS_OF_VOLTAGE, r.function());
        assertTrue(r.tripNanos() - first < 2 * S, "cease within 2 s of island formation");
    }

    @Test
    void lossOfVoltageAtThresholdIsNotLoss() {
        SyntheticGrid g = grid(Category.II, 60);
        g.vPu = 0.10;
        TripRecord r = g.run(200 * MS);
        assertEquals(TripFunction.UV2, r.function(), "0.10 p.u. is not loss of voltage; UV2 clears it");
    }

    @Test
    void lossOfVoltageCatIIIWithin2s() {
        SyntheticGrid g = grid(Category.III, 60);
        g.vPu = 0.0;
        long first = g.t;
        TripRecord r = g.run(3 * S);
        assertEquals(TripFunction.LOSS_OF_VOLTAGE, r.function());
        assertEquals(first + S, r.tripNanos());
    }

    @Test
    void missingPhaseOneCountsAsZero() {
        SyntheticGrid g = grid(Category.I, 60);
        TripRecord r = null;
        for (int i = 0; i < 100 && r == null; i++) {
            r = g.sup.onSample(new GridSample(g.t, 60, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
            g.t += 10 * MS;
        }
        assertEquals(TripFunction.LOSS_OF_VOLTAGE, r.function());
    }

    @ParameterizedTest
    @EnumSource(Category.class)
    void rocofJustAboveThresholdTrips(Category c) {
        SyntheticGrid g = grid(c, 60);
        double thr = g.code.rocofHzPerS;
        long formed = g.t;
        TripRecord r = null;
        for (int i = 0; i < 200 && r == null; i++) {
            g.f -= (thr * 1.05) * g.periodNanos / 1e9;
            r = g.sample();
        }
        assertNotNull(r);
        assertEquals(TripFunction.ROCOF, r.function());
        assertTrue(r.tripNanos() - formed <= g.code.rocofWindowNanos + 20 * MS, "one window");
        assertTrue(r.measured() < -thr);
    }

    @ParameterizedTest
    @EnumSource(Category.class)
    void rocofJustBelowThresholdDoesNotTrip(Category c) {
        SyntheticGrid g = grid(c, 60);
        double thr = g.code.rocofHzPerS;
        for (int i = 0; i < 50; i++) {
            g.f -= (thr * 0.95) * g.periodNanos / 1e9;
            assertNull(g.sample());
        }
    }

    @Test
    void rocofWindowIsConfigurable() {
        SyntheticGrid g = new SyntheticGrid(SyntheticGrid.fastCode(Category.II, 60,
                "islanding_rocof_window_ms = 100\nislanding_rocof_hz_per_s = 2.5\n")).inService();
        // A 30 ms excursion of 0.1 Hz: 1 Hz/s over a 100 ms window... then a real 3 Hz/s ramp.
        g.f = 60.1;
        assertNull(g.run(30 * MS));
        g.f = 60.0;
        assertNull(g.run(200 * MS));
        long start = g.t;
        TripRecord r = null;
        while (r == null) {
            g.f += 3.0 * g.periodNanos / 1e9;
            r = g.sample();
        }
        assertEquals(TripFunction.ROCOF, r.function());
        assertTrue(r.tripNanos() - start <= 110 * MS);
    }

    @ParameterizedTest
    @ValueSource(ints = {50, 60})
    void phaseJumpTrips(int hz) {
        SyntheticGrid g = grid(Category.II, hz);
        g.phase += 26; // default 25°
        TripRecord r = g.sample();
        assertEquals(TripFunction.PHASE_JUMP, r.function());
        assertEquals(26, r.measured(), 1e-6);
    }

    @Test
    void phaseJumpAtThresholdDoesNotTrip() {
        SyntheticGrid g = grid(Category.II, 60);
        g.phase -= 25;
        assertNull(g.sample());
        g.phase += 24;
        assertNull(g.sample());
    }

    @Test
    void frequencyDriftIsNotAPhaseJump() {
        SyntheticGrid g = grid(Category.II, 60);
        g.f = 60.5; // 180°/s drift against the nominal reference, wrapping every 2 s
        assertNull(g.run(5 * S));
        g.f = 60.0;
        g.phase += 170; // across the ±180° wrap
        assertEquals(TripFunction.PHASE_JUMP, g.sample().function());
    }

    @Test
    void configurablePhaseJumpThreshold() {
        SyntheticGrid g = new SyntheticGrid(SyntheticGrid.fastCode(Category.II, 60, "islanding_phase_jump_deg = 8\n"))
                .inService();
        g.phase += 9;
        assertEquals(TripFunction.PHASE_JUMP, g.sample().function());
    }

    @Test
    void sampleWatchdogTrips() {
        SyntheticGrid g = grid(Category.II, 60);
        long last = g.t - g.periodNanos;
        assertNull(g.sup.onTick(last + 200 * MS));
        TripRecord r = g.sup.onTick(last + 201 * MS);
        assertEquals(TripFunction.SAMPLE_TIMEOUT, r.function());
    }

    @Test
    void nanFrequencyTrips() {
        SyntheticGrid g = grid(Category.II, 60);
        TripRecord r = g.sup.onSample(new GridSample(g.t, Double.NaN, 230, 230, 230, 0));
        assertEquals(TripFunction.INVALID_SAMPLE, r.function());
    }

    @Test
    void singlePhaseSamplesWork() {
        SyntheticGrid g = grid(Category.II, 60);
        TripRecord r = null;
        for (int i = 0; i < 20 && r == null; i++) {
            r = g.sup.onSample(new GridSample(g.t, 60, 1.25 * 230, Double.NaN, Double.NaN, Double.NaN));
            g.t += 10 * MS;
        }
        assertEquals(TripFunction.OV2, r.function());
    }

    @Test
    void worstPhaseDecides() {
        SyntheticGrid g = grid(Category.II, 60);
        TripRecord r = null;
        for (int i = 0; i < 20 && r == null; i++) {
            r = g.sup.onSample(new GridSample(g.t, 60, 230, 230, 0.40 * 230, Double.NaN));
            g.t += 10 * MS;
        }
        assertEquals(TripFunction.UV2, r.function());
        assertEquals(0.40, r.measured(), 1e-9);
    }
}
