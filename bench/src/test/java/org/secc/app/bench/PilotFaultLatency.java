package org.secc.app.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import org.secc.app.charge.LoopRequest;
import org.secc.app.run.ChargePoint;
import org.secc.hal.cp.CpState;
import org.secc.hal.linux.RealtimeScheduling;

/**
 * Control-pilot fault → contactor-open command, with the service's threads (the `control-pilot`
 * sampler every 2 ms, the charge controller, the grid supervisor, the stage executor) while a
 * session's charge loop runs back to back on another thread and the power stage is a ModbusPowerStage
 * on a real j2mod Modbus TCP server that answers after 200 ms or never.
 *
 * <p>The fault: the pilot shorted to PE (state E, IEC 61851-1), injected on the simulated pilot. The
 * latency runs from just before the injection to the moment the contactors read commanded open; it
 * includes the fault debounce ({@code cp.fault_debounce_ms}, 10 ms) and up to one 2 ms sampling period
 * by design. The simulated hardware (the bench stepped 1 ms per millisecond on the `bench` thread)
 * runs under SCHED_FIFO where permitted, as real hardware does not wait for the CPU.
 *
 * <p>Args: [faults=200] [stage=modbus-slow|modbus-silent|sim] [hogs=0].
 */
public final class PilotFaultLatency {

    private static volatile boolean running = true;

    public static void main(String[] args) throws Exception {
        int faults = args.length > 0 ? Integer.parseInt(args[0]) : 200;
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
        long[] lat = new long[faults];
        try {
            for (int n = 0; n < faults; n++) {
                long ready = System.nanoTime() + 5_000_000_000L;
                while (rig.cp.pilot().state() != CpState.C || !rig.cp.pilot().closeAllowed()) {
                    if (System.nanoTime() > ready) {
                        throw new IllegalStateException("the pilot did not return to C with 5 % at fault " + n + ": " + rig.cp.pilot().state());
                    }
                    LockSupport.parkNanos(1_000_000L);
                }
                rig.bench.contactors().close(); // energized, as a session would have it
                LockSupport.parkNanos(5_000_000L);
                long t = System.nanoTime();
                rig.bench.controlPilot().injectShortToPe(true);
                long deadline = t + 1_000_000_000L;
                while (rig.bench.contactors().state().commandedClosed()) {
                    if (System.nanoTime() > deadline) {
                        var ev = rig.bench.events().events();
                        throw new IllegalStateException("no contactor-open command within 1 s at fault " + n + ": pilot " + rig.cp.pilot().state()
                                + ", output " + rig.bench.controlPilot().output() + ", contactors " + rig.bench.contactors().state()
                                + ", bench now " + rig.bench.nanos() + ", last events " + ev.subList(Math.max(0, ev.size() - 6), ev.size()));
                    }
                    Thread.onSpinWait();
                }
                lat[n] = System.nanoTime() - t;
                rig.bench.controlPilot().injectShortToPe(false);
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
        System.out.printf(Locale.ROOT, "stage=%s faults=%d hogs=%d: pilot E -> contactors commanded open p50=%.3f ms p99=%.3f ms max=%.3f ms%n",
                stageKind, faults, hogs, lat[faults / 2] / 1e6, lat[(int) (faults * 0.99)] / 1e6, lat[faults - 1] / 1e6);
        System.exit(0);
    }
}
