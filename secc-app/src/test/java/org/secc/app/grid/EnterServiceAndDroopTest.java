package org.secc.app.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.secc.app.grid.SyntheticGrid.MS;
import static org.secc.app.grid.SyntheticGrid.S;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secc.app.grid.GridSafetySupervisor.State;

class EnterServiceAndDroopTest {

    private static SyntheticGrid tripped(Category c, int hz) {
        return tripped(GridCode.defaults(c, hz, 230));
    }

    private static SyntheticGrid tripped(GridCode code) {
        SyntheticGrid g = new SyntheticGrid(code);
        // Default code: 300 s enter-service delay and 300 s ramp from start.
        assertEquals(State.WAITING_TO_ENTER_SERVICE, g.sup.state());
        g.inService();
        g.vPu = 1.3;
        assertNotNull(g.run(200 * MS));
        assertEquals(State.TRIPPED, g.sup.state());
        g.vPu = 1.0;
        return g;
    }

    @Test
    void startsWaitingAndNeedsTheDelay() {
        SyntheticGrid g = new SyntheticGrid(GridCode.defaults(Category.II, 60, 230));
        long start = g.t;
        assertNull(g.run(300 * S - 10 * MS));
        assertEquals(State.WAITING_TO_ENTER_SERVICE, g.sup.state());
        assertEquals(0.0, g.sup.powerFraction());
        g.sampleAt(start + 300 * S);
        assertEquals(State.RAMPING, g.sup.state());
    }

    @Test
    void delayAndRampAfterTrip() {
        SyntheticGrid g = tripped(Category.II, 60);
        long t0 = g.t;
        assertNull(g.sample());
        g.run(300 * S - 20 * MS);
        assertEquals(State.TRIPPED, g.sup.state(), "just inside the delay");
        g.sampleAt(t0 + 300 * S);
        assertEquals(State.RAMPING, g.sup.state(), "at the delay");
        assertEquals(0.0, g.sup.powerFraction());
        long rampStart = g.t - g.periodNanos;
        g.sampleAt(rampStart + 150 * S);
        assertEquals(0.5, g.sup.powerFraction(), 1e-9);
        g.sampleAt(rampStart + 300 * S - MS);
        assertEquals(State.RAMPING, g.sup.state());
        g.sampleAt(rampStart + 300 * S);
        assertEquals(State.IN_SERVICE, g.sup.state());
        assertEquals(1.0, g.sup.powerFraction());
    }

    @ParameterizedTest
    @CsvSource({"60, 59.49, 1.0", "60, 60.11, 1.0", "60, 60.0, 0.916", "60, 60.0, 1.051",
            "50, 49.49, 1.0", "50, 50.11, 1.0"})
    void outsideTheWindowRestartsTheDelay(int hz, double f, double v) {
        // ROCOF high: the synthetic 0.5 Hz step back would otherwise count as an islanding signal.
        SyntheticGrid g = tripped(SyntheticGrid.code("grid_category = II\ngrid_nominal_frequency_hz = " + hz
                + "\nislanding_rocof_hz_per_s = 20\n"));
        g.run(200 * S);
        g.f = f;
        g.vPu = v;
        g.sample();
        g.f = hz;
        g.vPu = 1.0;
        long restart = g.t;
        g.run(299 * S);
        assertEquals(State.TRIPPED, g.sup.state());
        g.sampleAt(restart + 300 * S);
        assertEquals(State.RAMPING, g.sup.state());
    }

    @ParameterizedTest
    @CsvSource({"60, 59.5, 0.917", "60, 60.1, 1.05", "50, 49.5, 0.917", "50, 50.1, 1.05"})
    void windowEdgesAreInside(int hz, double f, double v) {
        SyntheticGrid g = tripped(Category.II, hz);
        g.f = f;
        g.vPu = v;
        g.run(300 * S + 10 * MS);
        assertEquals(State.RAMPING, g.sup.state());
    }

    @Test
    void tripDuringRampTripsAgain() {
        SyntheticGrid g = tripped(Category.II, 60);
        g.run(400 * S);
        assertEquals(State.RAMPING, g.sup.state());
        g.f = 62.5;
        TripRecord r = g.run(S);
        assertNotNull(r);
        assertEquals(State.TRIPPED, g.sup.state());
    }

    @Test
    void configuredDelayAndRamp() {
        GridCode c = SyntheticGrid.code("grid_category = II\nenter_service_delay_s = 10\nenter_service_ramp_s = 20\n");
        SyntheticGrid g = new SyntheticGrid(c);
        long t0 = g.t;
        g.run(10 * S);
        g.sampleAt(t0 + 10 * S);
        assertEquals(State.RAMPING, g.sup.state());
        g.sampleAt(t0 + 15 * S);
        assertEquals(0.25, g.sup.powerFraction(), 1e-9);
    }

    // --- frequency-watt ---

    @ParameterizedTest(name = "{0} Hz grid at {1} Hz: {2} p.u.")
    @CsvSource({
            "60, 60.0, 0", "60, 60.036, 0", "60, 59.964, 0",
            "60, 60.336, 0.1", "60, 59.664, -0.1", "60, 61.536, 0.5", "60, 58.464, -0.5",
            "60, 63.036, 1.0", "60, 67.0, 2.0", "60, 50.0, -2.0",
            "50, 50.036, 0", "50, 50.286, 0.1", "50, 49.714, -0.1", "50, 51.286, 0.5", "50, 48.714, -0.5"})
    void droopCurve(int hz, double f, double expectedPu) {
        assertEquals(expectedPu, FrequencyWatt.targetPu(GridCode.defaults(Category.II, hz, 230), f), 1e-9);
    }

    @Test
    void droopSettingsChangeTheCurve() {
        GridCode c = SyntheticGrid.code("grid_category = II\ndroop_deadband_of_hz = 0.1\ndroop_k_of = 0.02\n"
                + "droop_deadband_uf_hz = 0.5\n");
        assertEquals(0.2 / (0.02 * 60), FrequencyWatt.targetPu(c, 60.3), 1e-9);
        assertEquals(0.0, FrequencyWatt.targetPu(c, 59.6), 1e-9);
        assertEquals(-0.1 / (0.05 * 60), FrequencyWatt.targetPu(c, 59.4), 1e-9);
    }

    @Test
    void droopReaches90PercentAtTheResponseTime() {
        SyntheticGrid g = new SyntheticGrid(SyntheticGrid.fastCode(Category.II, 60, "")).inService();
        g.f = 59.664; // -0.1 p.u. (more discharge / less charge)
        g.sample();
        long t0 = g.t - g.periodNanos;
        assertEquals(-0.1, g.sup.droopTargetPu(), 1e-9);
        g.run(5 * S - 10 * MS);
        g.sampleAt(t0 + 5 * S);
        assertEquals(-0.09, g.sup.droopPu(), 1e-3);
        g.run(20 * S);
        assertEquals(-0.1, g.sup.droopPu(), 1e-4);
    }
}
