package org.secc.app.grid;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.secc.hal.grid.GridSample;

/**
 * Measures the trip path on the real supervisor thread: from the moment the grid monitor hands over the
 * sample that completes the clearing time ({@link SupervisorRunner#offer}) to the moment the actuator's
 * {@code openContactors()} is called. Under load: busy threads on every core and an allocating thread
 * that keeps the GC busy, while the monitor delivers a sample about every 1 ms.
 *
 * <p>Run (after {@code mvn -pl secc-app -am install -DskipTests} and {@code mvn -pl secc-app test-compile}):
 * <pre>
 * java -cp secc-app/target/classes:secc-app/target/test-classes:hal/target/classes \
 *   org.secc.app.grid.TripLatencyHarness [trips=2000] [loadThreads=cores] [allocating=true]
 * </pre>
 */
public final class TripLatencyHarness {
    private static final long MS = 1_000_000L;
    private static volatile long sink;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("core")) {
            coreOnly();
            return;
        }
        int trips = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int load = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < load; i++) {
            Thread th = new Thread(() -> {
                long x = 0;
                while (true) {
                    x += System.nanoTime() % 7;
                    if ((x & 0xFFFFF) == 0) {
                        sink = x;
                    }
                }
            }, "cpu-load-" + i);
            th.setDaemon(true);
            th.start();
        }
        boolean allocating = args.length <= 2 || Boolean.parseBoolean(args[2]);
        Thread gc = new Thread(() -> {
            byte[][] keep = new byte[1024][];
            int i = 0;
            while (true) {
                keep[i++ & 1023] = new byte[16 * 1024];
            }
        }, "gc-load");
        gc.setDaemon(true);
        if (allocating) {
            gc.start();
        }

        GridCode code = SyntheticGrid.code("grid_category = II\nenter_service_delay_s = 0\nenter_service_ramp_s = 1\n"
                + "trip_margin_ms = 0\nislanding_rocof_hz_per_s = 20\n");
        AtomicLong openedAt = new AtomicLong();
        TripActuator act = new TripActuator() {
            @Override
            public void powerToZero() {
            }

            @Override
            public void openContactors() {
                openedAt.set(System.nanoTime());
            }
        };
        long[] lat = new long[trips];
        long[] t = {0};
        try (SupervisorRunner r = new SupervisorRunner(new GridSafetySupervisor(code, 0), act, trip -> { }, () -> t[0])
                .start()) {
            for (int n = 0; n < trips; n++) {
                // Back in service: nominal samples through the 1 s ramp, paced at 1 ms real time.
                for (int i = 0; i < 105; i++) {
                    r.offer(new GridSample(t[0], 60, 230, 230, 230, Double.NaN));
                    t[0] += 10 * MS;
                    pace();
                }
                // OV2 excursion: 16 samples beyond, then the one at the clearing time (0.16 s).
                for (int i = 0; i < 16; i++) {
                    r.offer(new GridSample(t[0], 60, 1.3 * 230, 230, 230, Double.NaN));
                    t[0] += 10 * MS;
                    pace();
                }
                openedAt.set(0);
                long sent = System.nanoTime();
                r.offer(new GridSample(t[0], 60, 1.3 * 230, 230, 230, Double.NaN));
                t[0] += 10 * MS;
                long deadline = sent + TimeUnit.SECONDS.toNanos(2);
                while (openedAt.get() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                if (openedAt.get() == 0) {
                    throw new IllegalStateException("no trip within 2 s at iteration " + n);
                }
                lat[n] = openedAt.get() - sent;
            }
        }
        Arrays.sort(lat);
        System.out.printf(Locale.ROOT, "trips=%d busy threads=%d allocating=%b: p50=%.3f ms p99=%.3f ms p99.9=%.3f ms max=%.3f ms%n",
                trips, load, allocating, lat[trips / 2] / 1e6, lat[(int) (trips * 0.99)] / 1e6,
                lat[Math.min(trips - 1, (int) (trips * 0.999))] / 1e6, lat[trips - 1] / 1e6);
    }

    /** CPU cost of the core alone: ns per in-service sample (3-phase, with phase angle), single thread. */
    private static void coreOnly() {
        GridCode code = SyntheticGrid.code("grid_category = II\nenter_service_delay_s = 0\nenter_service_ramp_s = 1\n");
        GridSafetySupervisor sup = new GridSafetySupervisor(code, 0);
        int n = 2_000_000;
        for (int round = 0; round < 5; round++) {
            long t0 = round * (long) n * MS;
            long start = System.nanoTime();
            long trips = 0;
            for (int i = 0; i < n; i++) {
                long t = t0 + i * MS;
                double f = 60 + 0.01 * Math.sin(i * 1e-3);
                if (sup.onSample(new GridSample(t, f, 230, 231, 229, (i * 0.1) % 360 - 180 + 0.0)) != null) {
                    trips++;
                }
            }
            long el = System.nanoTime() - start;
            System.out.printf(Locale.ROOT, "round %d: %.1f ns per sample (state %s, trips %d; the round boundary is a phase jump)%n", round,
                    (double) el / n, sup.state(), trips);
        }
    }

    /** About one sample per millisecond, like a grid monitor on a timer (parks; does not burn a core). */
    private static void pace() {
        java.util.concurrent.locks.LockSupport.parkNanos(MS);
    }
}
