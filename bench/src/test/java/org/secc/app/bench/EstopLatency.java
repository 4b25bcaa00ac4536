package org.secc.app.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import org.secc.app.charge.LoopRequest;
import org.secc.app.run.ChargePoint;

/**
 * Emergency stop → contactor-open command, with the service's threads (the emergency-stop watch
 * reading the input every millisecond, the charge controller, the grid supervisor, the stage
 * executor) while a session's charge loop runs back to back on another thread and the power stage is
 * a ModbusPowerStage on a real j2mod Modbus TCP server that answers after 200 ms or never: the
 * controller thread is stuck in Modbus exchanges most of the time, the opening must not be.
 *
 * <p>Latency = {@link org.secc.app.charge.ChargeController#lastSafetyOpenNanos()} − System.nanoTime()
 * just before the simulated input was pressed (it includes up to one 1 ms poll period).
 *
 * <p>Args: [presses=500] [stage=modbus-slow|modbus-silent|sim] [hogs=0].
 */
public final class EstopLatency {

    private static volatile boolean running = true;

    public static void main(String[] args) throws Exception {
        int presses = args.length > 0 ? Integer.parseInt(args[0]) : 500;
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
        long[] lat = new long[presses];
        long[] seen = new long[presses];
        try {
            for (int n = 0; n < presses; n++) {
                rig.bench.contactors().close(); // energized, as a session would have it
                LockSupport.parkNanos(5_000_000L);
                long before = rig.cp.controller().lastSafetyOpenNanos();
                long t = System.nanoTime();
                rig.bench.emergencyStop().press();
                long deadline = t + 1_000_000_000L;
                while (rig.cp.controller().lastSafetyOpenNanos() == before) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no contactor-open command within 1 s at press " + n);
                    }
                    Thread.onSpinWait();
                }
                lat[n] = rig.cp.controller().lastSafetyOpenNanos() - t;
                seen[n] = rig.cp.emergencyStopWatch().lastPressSeenNanos() - t;
                rig.bench.emergencyStop().release();
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
        System.out.printf(Locale.ROOT, "stage=%s presses=%d hogs=%d: p50=%.3f ms p99=%.3f ms max=%.3f ms (press read by the thread: "
                + "p50=%.3f ms p99=%.3f ms max=%.3f ms)%n", stageKind, presses, hogs,
                lat[presses / 2] / 1e6, lat[(int) (presses * 0.99)] / 1e6, lat[presses - 1] / 1e6,
                seen[presses / 2] / 1e6, seen[(int) (presses * 0.99)] / 1e6, seen[presses - 1] / 1e6);
        System.exit(0);
    }
}
