package org.secc.app.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.secc.app.grid.SyntheticGrid.MS;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every V/f must-trip setting of every category on 50 and 60 Hz grids: at, just inside and just outside
 * the threshold, and just inside / at the clearing time. ROCOF is set high so that the step changes of
 * the synthetic grid exercise only the V/f functions.
 */
class MustTripTest {
    private static final String NO_ROCOF = "islanding_rocof_hz_per_s = 20\n";
    private static final double EPS_PU = 0.001;
    private static final double EPS_HZ = 0.01;

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (Category c : Category.values()) {
            for (int hz : new int[] {50, 60}) {
                for (TripFunction fn : TripFunction.values()) {
                    if (fn.isVoltageFrequency()) {
                        a.add(Arguments.of(c, hz, fn));
                    }
                }
            }
        }
        return a.stream();
    }

    private static double outside(TripFunction fn, double thr) {
        double eps = fn.isVoltage() ? EPS_PU : EPS_HZ;
        return fn.isOver() ? thr + eps : thr - eps;
    }

    private static double inside(TripFunction fn, double thr) {
        double eps = fn.isVoltage() ? EPS_PU : EPS_HZ;
        return fn.isOver() ? thr - eps : thr + eps;
    }

    @ParameterizedTest(name = "{0} {1} Hz {2} at threshold: no trip")
    @MethodSource("cases")
    void atThresholdDoesNotTrip(Category c, int hz, TripFunction fn) {
        SyntheticGrid g = new SyntheticGrid(SyntheticGrid.fastCode(c, hz, NO_ROCOF)).inService();
        g.set(fn, g.code.threshold(fn));
        assertNull(g.run(g.code.tripDelayNanos(fn) + 100 * MS));
    }

    @ParameterizedTest(name = "{0} {1} Hz {2} just inside: no trip")
    @MethodSource("cases")
    void justInsideDoesNotTrip(Category c, int hz, TripFunction fn) {
        SyntheticGrid g = new SyntheticGrid(SyntheticGrid.fastCode(c, hz, NO_ROCOF)).inService();
        g.set(fn, inside(fn, g.code.threshold(fn)));
        assertNull(g.run(g.code.tripDelayNanos(fn) + 100 * MS));
        assertEquals(GridSafetySupervisor.State.IN_SERVICE, g.sup.state());
    }

    @ParameterizedTest(name = "{0} {1} Hz {2} just outside: trips at the clearing time, not before")
    @MethodSource("cases")
    void justOutsideTripsAtClearingTime(Category c, int hz, TripFunction fn) {
        SyntheticGrid g = new SyntheticGrid(SyntheticGrid.fastCode(c, hz, NO_ROCOF)).inService();
        long delay = g.code.tripDelayNanos(fn);
        assertEquals(g.code.clearingNanos(fn) - 20 * MS, delay, "default margin 20 ms");
        g.set(fn, outside(fn, g.code.threshold(fn)));
        long first = g.t;
        assertNull(g.sample(), "first sample beyond starts the clearing timer");
        // Just inside the clearing time: no trip.
        assertNull(g.sampleAt(first + delay - MS));
        TripRecord r = g.sampleAt(first + delay);
        assertNotNull(r, "trip at the clearing time");
        assertEquals(fn, r.function());
        assertEquals(first, r.firstBeyondNanos());
        assertEquals(first + delay, r.tripNanos());
        assertEquals(g.code.threshold(fn), r.threshold());
        assertEquals(outside(fn, g.code.threshold(fn)), r.measured(), 1e-9);
        assertEquals(GridSafetySupervisor.State.TRIPPED, g.sup.state());
        assertEquals(0.0, g.sup.powerFraction());
    }

    @ParameterizedTest(name = "{0} {1} Hz {2}: returning inside resets the clearing timer")
    @MethodSource("cases")
    void returningInsideResetsTimer(Category c, int hz, TripFunction fn) {
        SyntheticGrid g = new SyntheticGrid(SyntheticGrid.fastCode(c, hz, NO_ROCOF)).inService();
        long delay = g.code.tripDelayNanos(fn);
        g.set(fn, outside(fn, g.code.threshold(fn)));
        long first = g.t;
        assertNull(g.sample());
        assertNull(g.sampleAt(first + delay - MS));
        g.set(fn, inside(fn, g.code.threshold(fn)));
        assertNull(g.sample());
        g.set(fn, outside(fn, g.code.threshold(fn)));
        long second = g.t;
        assertNull(g.sample());
        assertNull(g.sampleAt(second + delay - MS), "the timer restarted at the second excursion");
        assertNotNull(g.sampleAt(second + delay));
    }
}
