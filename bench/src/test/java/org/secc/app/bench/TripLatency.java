package org.secc.app.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.secc.app.charge.HalChargeControl;
import org.secc.app.charge.LoopRequest;
import org.secc.app.grid.TripRecord;
import org.secc.app.run.ChargePoint;
import org.secc.exi.ExiCodec;
import org.secc.exi.SchemaKind;
import org.secc.exi.iso20.types.V2GResponseType;
import org.secc.hal.sim.GridEvent;

/**
 * Trip path under a running session: grid sample beyond the OV2 threshold handed to the supervisor →
 * the supervisor thread's contactor-open command. Production wiring: ChargePoint with
 * {@link ChargePoint.SupervisorMode#THREAD} (SupervisorRunner on its own thread, actuator on the HAL),
 * the simulated grid monitor delivering samples on this thread, and a DC BPT Dynamic session that was
 * driven into its loop and then keeps running on a third thread (EXI decode of the loop request,
 * HalChargeControl.chargeLoop, EXI encode of the loop response) for the whole measurement.
 *
 * <p>Latency = {@link ChargePoint#lastOpenCommandNanos()} − System.nanoTime() just before the tripping
 * sample was offered (a tap registered ahead of the supervisor stamps every sample). The monitor delivers
 * one 10 ms bench sample about every 1 ms of real time, like the existing TripLatencyHarness.
 *
 * <p>Args: [trips=1000] [sessionPeriodUs=0 (back to back: worst case for CPU contention)]
 * [stage=sim|modbus-slow|modbus-silent]: with a Modbus stage the power stage is a ModbusPowerStage
 * on a real j2mod Modbus TCP server that answers after 200 ms, or never (silent from the charge
 * loop on): the trip must not wait for it. [hogs=0]: CPU-hog threads running throughout.
 */
public final class TripLatency {

    private static final long SAMPLE_MS = 10; // grid.sample_period_ms default of the sim HAL
    private static final int RING = 1 << 12;

    private static volatile boolean running = true;

    public static void main(String[] args) throws Exception {
        int trips = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long sessionPeriodNanos = TimeUnit.MICROSECONDS.toNanos(args.length > 1 ? Long.parseLong(args[1]) : 0);
        String stageKind = args.length > 2 ? args[2] : "sim";
        int hogs = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        ModbusStageServer server = stageKind.equals("sim") ? null : new ModbusStageServer(stageKind.equals("modbus-slow") ? 200 : 0);

        // Hand-over time per sample, indexed by bench sample number; written before the supervisor sees it.
        long[] handedOver = new long[RING];
        LoopRig rig = new LoopRig(LoopRig.Variant.DC_BPT_Dynamic, ChargePoint.SupervisorMode.THREAD, "trip_margin_ms = 0\n",
                s -> handedOver[slot(s.monotonicNanos())] = System.nanoTime(), b -> server == null ? b.powerStage() : modbus(server, b));
        if (server != null && stageKind.equals("modbus-silent")) {
            server.silent();
        }
        ChargePoint cp = rig.cp;
        byte[] reqExi = rig.loopRequestExi;
        V2GResponseType res = rig.loopResponse();
        ExiCodec codec = ExiCodec.of(SchemaKind.DC);
        HalChargeControl charge = cp.charge();
        // The DC BPT Dynamic loop request of the rig in SI units (the session's own mapping of it).
        LoopRequest loop = LoopRequest.builder(false, true, true).evPresentVoltageV(400).evMaxChargePowerW(100_000).evMinChargePowerW(0)
                .evMaxChargeCurrentA(250).evMaxVoltageV(450).evMaxDischargePowerW(20_000).evMinDischargePowerW(0).evMaxDischargeCurrentA(50)
                .socPct(55).evTargetEnergyRequestWh(-5000).build();
        long[] sessionSteps = {0};
        Thread session = new Thread(() -> {
            while (running) {
                codec.decode(reqExi);
                charge.chargeLoop(loop);
                codec.encode(res);
                sessionSteps[0]++;
                if (sessionPeriodNanos > 0) {
                    LockSupport.parkNanos(sessionPeriodNanos);
                }
            }
        }, "session-loop");
        session.start();
        java.util.List<Thread> hogThreads = new java.util.ArrayList<>();
        for (int i = 0; i < hogs; i++) {
            Thread h = new Thread(() -> {
                long x = 1;
                while (running) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
                if (x == 0) {
                    System.out.print("");
                }
            }, "cpu-hog-" + i);
            h.start();
            hogThreads.add(h);
        }

        long[] lat = new long[trips];
        long wallStart = System.nanoTime();
        try {
            for (int n = 0; n < trips; n++) {
                // Nominal grid long enough for enter service (delay 0, 1 s ramp).
                rig.bench.grid().script(new GridEvent.VoltageStep(Duration.ofNanos(rig.bench.nanos()), 0, 230));
                for (int i = 0; i < 105; i++) {
                    sample(rig);
                }
                int before = cp.trips().size();
                // OV2 (1.2 pu, 0.16 s): the sample completing the clearing time trips.
                rig.bench.grid().script(new GridEvent.VoltageStep(Duration.ofNanos(rig.bench.nanos()), 0, 1.3 * 230));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (cp.trips().size() == before) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no trip within 2 s at iteration " + n);
                    }
                    sample(rig);
                }
                var all = cp.trips();
                if (all.size() != before + 1) {
                    throw new IllegalStateException("expected one trip, got " + all.subList(before, all.size()));
                }
                TripRecord t = all.get(before);
                lat[n] = cp.lastOpenCommandNanos() - handedOver[slot(t.tripNanos())];
                if (lat[n] <= 0) {
                    throw new IllegalStateException("open command before the tripping sample: " + t);
                }
            }
        } finally {
            running = false;
            session.join();
            for (Thread h : hogThreads) {
                h.join();
            }
            rig.close();
            if (server != null) {
                server.close();
            }
        }
        double wallS = (System.nanoTime() - wallStart) / 1e9;
        Arrays.sort(lat);
        System.out.printf(Locale.ROOT, "stage=%s trips=%d sessionPeriodUs=%d hogs=%d session steps=%d (%.0f/s): p50=%.3f ms p99=%.3f ms max=%.3f ms%n",
                stageKind, trips, TimeUnit.NANOSECONDS.toMicros(sessionPeriodNanos), hogs, sessionSteps[0], sessionSteps[0] / wallS, lat[trips / 2] / 1e6,
                lat[(int) (trips * 0.99)] / 1e6, lat[trips - 1] / 1e6);
        System.exit(0);
    }

    static org.secc.hal.power.PowerStage modbus(ModbusStageServer server, org.secc.hal.sim.SimBench b) {
        try {
            return server.stage(b.powerStage().capabilities());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int slot(long monotonicNanos) {
        return (int) (monotonicNanos / (SAMPLE_MS * 1_000_000L)) & (RING - 1);
    }

    /** One grid sample on the bench, then about 1 ms of real time (parks; the monitor does not burn a core). */
    private static void sample(LoopRig rig) {
        rig.bench.step(Duration.ofMillis(SAMPLE_MS));
        LockSupport.parkNanos(1_000_000L);
    }
}
