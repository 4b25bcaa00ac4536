package org.secc.app.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.secc.app.charge.LoopRequest;
import org.secc.app.run.ChargePoint;
import org.secc.hal.cp.CpState;
import org.secc.hal.linux.RealtimeScheduling;

/**
 * Safety input → contactor-open command, with the service's threads (emergency-stop watch, control-pilot
 * sampler, charge controller, grid supervisor, stage executor) while a session's charge loop runs back
 * to back on another thread and the power stage is a ModbusPowerStage on a real j2mod Modbus TCP server
 * that answers after 200 ms or never: the controller thread is stuck in Modbus exchanges most of the
 * time, the opening must not be. The simulated hardware (the bench stepped 1 ms per millisecond on the
 * `bench` thread) runs under SCHED_FIFO where permitted, as real hardware does not wait for the CPU.
 * One rig for both paths (EstopLatency and PilotFaultLatency are its two entry points):
 * <ul>
 * <li>{@code estop}: the simulated emergency-stop input is pressed; the latency runs from just before the
 * press to {@link org.secc.app.charge.ChargeController#lastSafetyOpenNanos()}; also press → the
 * `emergency-stop` thread's read of it.</li>
 * <li>{@code pilot-fault}: the pilot shorted to PE (state E, IEC 61851-1) on the simulated pilot; to
 * {@code PilotSupervisor.lastOpenCommandNanos()}. It includes the fault debounce ({@code cp.fault_debounce_ms},
 * 10 ms) and up to one 2 ms sampling period by design.</li>
 * </ul>
 *
 * <p>Args: estop|pilot-fault [events=300] [stage=modbus-slow|modbus-silent|sim] [hogs=0].
 */
public final class SafetyLatency {

    private static volatile boolean running = true;

    private SafetyLatency() {
    }

    public static void main(String[] args) throws Exception {
        String path = args.length > 0 ? args[0] : "estop";
        if (!path.equals("estop") && !path.equals("pilot-fault")) {
            throw new IllegalArgumentException("path: estop or pilot-fault, got " + path);
        }
        run(path, Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
    }

    /** The measurement of {@code path} ({@code estop} or {@code pilot-fault}); args: [events] [stage] [hogs]. */
    static void run(String path, String[] args) throws Exception {
        boolean estop = path.equals("estop");
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        String stageKind = args.length > 1 ? args[1] : "modbus-slow";
        int hogs = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        ModbusStageServer server = stageKind.equals("sim") ? null : new ModbusStageServer(stageKind.equals("modbus-slow") ? 200 : 0);
        LoopRig rig = new LoopRig(LoopRig.Variant.DC_BPT_Dynamic, ChargePoint.SupervisorMode.THREAD, "", s -> { },
                b -> server == null ? b.powerStage() : TripLatency.modbus(server, b));
        if (server != null && stageKind.equals("modbus-silent")) {
            server.silent();
        }
        List<Thread> threads = new ArrayList<>();
        LoopRequest loop = LoopRequest.builder(false, true, true).evPresentVoltageV(400).evMaxChargePowerW(100_000).evMinChargePowerW(0)
                .evMaxChargeCurrentA(250).evMaxVoltageV(450).evMaxDischargePowerW(20_000).evMinDischargePowerW(0).evMaxDischargeCurrentA(50)
                .socPct(55).evTargetEnergyRequestWh(-5000).build();
        threads.add(new Thread(() -> {
            while (running) {
                rig.cp.charge().chargeLoop(loop);
            }
        }, "session-loop"));
        threads.add(new Thread(() -> {
            RealtimeScheduling.fifoForCurrentThread(RealtimeScheduling.SAFETY_PRIORITY - 1, "simulated hardware (bench thread)");
            while (running) {
                rig.bench.step(java.time.Duration.ofMillis(1));
                LockSupport.parkNanos(1_000_000L);
            }
        }, "bench"));
        for (int i = 0; i < hogs; i++) {
            threads.add(new Thread(() -> {
                long x = 1;
                while (running) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
                if (x == 0) {
                    System.out.print("");
                }
            }, "cpu-hog-" + i));
        }
        threads.forEach(Thread::start);
        LongSupplier opened = estop ? () -> rig.cp.controller().lastSafetyOpenNanos() : () -> rig.cp.pilot().lastOpenCommandNanos();
        long[] lat = new long[events];
        long[] seen = new long[events];
        try {
            for (int n = 0; n < events; n++) {
                if (!estop) {
                    long ready = System.nanoTime() + 5_000_000_000L;
                    while (rig.cp.pilot().state() != CpState.C || !rig.cp.pilot().closeAllowed()) {
                        if (System.nanoTime() > ready) {
                            throw new IllegalStateException("the pilot did not return to C with 5 % at fault " + n + ": " + rig.cp.pilot().state());
                        }
                        LockSupport.parkNanos(1_000_000L);
                    }
                }
                rig.bench.contactors().close(); // energized, as a session would have it
                LockSupport.parkNanos(5_000_000L);
                long before = opened.getAsLong();
                long t = System.nanoTime();
                if (estop) {
                    rig.bench.emergencyStop().press();
                } else {
                    rig.bench.controlPilot().injectShortToPe(true);
                }
                long deadline = t + 1_000_000_000L;
                while (opened.getAsLong() == before) {
                    if (System.nanoTime() > deadline) {
                        var ev = rig.bench.events().events();
                        throw new IllegalStateException("no contactor-open command within 1 s at " + path + " " + n + ": pilot "
                                + rig.cp.pilot().state() + ", contactors " + rig.bench.contactors().state() + ", last events "
                                + ev.subList(Math.max(0, ev.size() - 6), ev.size()));
                    }
                    Thread.onSpinWait();
                }
                lat[n] = opened.getAsLong() - t;
                if (estop) {
                    seen[n] = rig.cp.emergencyStopWatch().lastPressSeenNanos() - t;
                    rig.bench.emergencyStop().release();
                } else {
                    rig.bench.controlPilot().injectShortToPe(false);
                }
                LockSupport.parkNanos(10_000_000L);
            }
        } finally {
            running = false;
            for (Thread th : threads) {
                th.join(5000);
            }
            rig.close();
            if (server != null) {
                server.close();
            }
        }
        Arrays.sort(lat);
        Arrays.sort(seen);
        int p99 = Math.min(events - 1, (int) Math.ceil(events * 0.99) - 1);
        System.out.printf(Locale.ROOT, "%s stage=%s events=%d hogs=%d: -> contactors commanded open p50=%.3f ms p99=%.3f ms max=%.3f ms%s"
                + " (load average %s)%n", path, stageKind, events, hogs, lat[events / 2] / 1e6, lat[p99] / 1e6, lat[events - 1] / 1e6,
                estop ? String.format(Locale.ROOT, "; press read by the thread p50=%.3f ms p99=%.3f ms max=%.3f ms", seen[events / 2] / 1e6,
                        seen[p99] / 1e6, seen[events - 1] / 1e6) : "",
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        System.exit(0);
    }
}
