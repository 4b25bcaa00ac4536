package org.secc.app.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.secc.hal.grid.GridSample;

/** The supervisor thread: actuator first, then the listener; watchdog; faults end with power off. */
class SupervisorRunnerTest {
    private static final long MS = 1_000_000L;

    static final class RecordingActuator implements TripActuator {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void powerToZero() {
            calls.add("power0");
        }

        @Override
        public void openContactors() {
            calls.add("open");
        }
    }

    private static GridCode code() {
        return SyntheticGrid.fastCode(Category.II, 60, "trip_margin_ms = 0\n");
    }

    private static void feedNominal(SupervisorRunner r, long[] t, int n) {
        for (int i = 0; i < n; i++) {
            r.offer(new GridSample(t[0], 60, 230, 230, 230, 0));
            t[0] += 10 * MS;
        }
    }

    @Test
    void tripCommandsActuatorThenTellsListener() throws Exception {
        RecordingActuator act = new RecordingActuator();
        CountDownLatch tripped = new CountDownLatch(1);
        List<String> order = act.calls;
        List<TripRecord> trips = new CopyOnWriteArrayList<>();
        AtomicLong clock = new AtomicLong(0);
        long[] t = {0};
        try (SupervisorRunner r = new SupervisorRunner(new GridSafetySupervisor(code(), 0), act, trip -> {
            order.add("listener");
            trips.add(trip);
            tripped.countDown();
        }, clock::get).start()) {
            assertEquals(List.of("open", "power0"), act.calls, "start: nothing energized before enter-service (contactors first)");
            feedNominal(r, t, 120); // delay 0, ramp 1 s
            long first = t[0];
            for (int i = 0; i <= 16; i++) { // OV2: 0.16 s
                r.offer(new GridSample(t[0], 60, 1.25 * 230, 230, 230, 0));
                t[0] += 10 * MS;
            }
            assertTrue(tripped.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("open", "power0", "open", "power0", "listener"), order);
            TripRecord rec = trips.get(0);
            assertEquals(TripFunction.OV2, rec.function());
            assertEquals(1.25, rec.measured(), 1e-9);
            assertEquals(1.20, rec.threshold(), 1e-9);
            assertEquals(first, rec.firstBeyondNanos());
            assertEquals(first + 160 * MS, rec.tripNanos());
        }
    }

    @Test
    void silenceTripsThroughTheWatchdog() throws Exception {
        RecordingActuator act = new RecordingActuator();
        CountDownLatch tripped = new CountDownLatch(1);
        List<TripRecord> trips = new CopyOnWriteArrayList<>();
        AtomicLong clock = new AtomicLong(0);
        long[] t = {0};
        try (SupervisorRunner r = new SupervisorRunner(new GridSafetySupervisor(code(), 0), act, trip -> {
            trips.add(trip);
            tripped.countDown();
        }, clock::get).start()) {
            feedNominal(r, t, 120);
            // Wait until the thread is in service (status published), then let the fake clock run on.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (r.status().state() != GridSafetySupervisor.State.IN_SERVICE && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            clock.set(t[0] + 500 * MS);
            assertTrue(tripped.await(5, TimeUnit.SECONDS));
            assertEquals(TripFunction.SAMPLE_TIMEOUT, trips.get(0).function());
        }
    }

    @Test
    void faultInTheCoreEndsWithPowerOff() throws Exception {
        CountDownLatch off = new CountDownLatch(2);
        TripActuator act = new TripActuator() {
            @Override
            public void powerToZero() {
                off.countDown();
            }

            @Override
            public void openContactors() {
                off.countDown();
            }
        };
        AtomicLong clock = new AtomicLong(0);
        CountDownLatch failed = new CountDownLatch(1);
        // A null sample cannot come from offer(); a listener that throws must not stop the supervisor.
        try (SupervisorRunner r = new SupervisorRunner(new GridSafetySupervisor(code(), 0), act, trip -> {
            failed.countDown();
            throw new IllegalStateException("listener broke");
        }, clock::get)) {
            r.start();
            assertTrue(off.await(5, TimeUnit.SECONDS), "start leaves power off and contactors open");
            long[] t = {0};
            feedNominal(r, t, 120);
            r.offer(new GridSample(t[0], Double.NaN, 230, 230, 230, 0));
            assertTrue(failed.await(5, TimeUnit.SECONDS));
            // Before the trip it was in service; the next nominal sample (enter-service delay 0) starts
            // the ramp, which proves the thread kept working after the listener threw.
            t[0] += 10 * MS;
            feedNominal(r, t, 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (r.status().state() != GridSafetySupervisor.State.RAMPING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(GridSafetySupervisor.State.RAMPING, r.status().state(), "still running after the listener threw");
            assertEquals(TripFunction.INVALID_SAMPLE, r.status().lastTrip().function());
        }
    }
}
