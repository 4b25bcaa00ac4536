package org.secc.app.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.secc.app.run.ChargePoint;
import org.secc.hal.cp.CpState;
import org.secc.hal.sim.SimControlPilot.EvSide;

/**
 * Chaos with the service's threads (supervisor, pilot, charge controller, emergency stop, stage
 * executor) and two CPU hogs, the power stage on Modbus against a real j2mod Modbus TCP server that
 * answers slowly (200 ms per exchange) or never. A watcher checks every millisecond: the contactors
 * are never commanded closed outside CP C/D, and never stay closed after a fault (emergency stop, insulation fault, the EV leaving C, a silent stage); the next
 * session is always served, or refused with its reason. The IEC 61851-1 100 ms bound and the 10 ms
 * emergency-stop target are measured by the harnesses, not asserted here.
 */
class ModbusChaosTest {

    /**
     * "Never left closed": closed this long outside C/D or after a fault is a violation. Not a latency
     * measurement (the shared machine's scheduling decides those; EstopLatency and TripLatency
     * measure them): a path that waited for a 200 ms Modbus exchange per register, or for the EV,
     * would exceed it.
     */
    static final long PILOT_BOUND_NANOS = 1_000_000_000L;
    static final long FAULT_BOUND_NANOS = 1_000_000_000L;

    private static final class Watch implements AutoCloseable {
        final List<String> violations = new CopyOnWriteArrayList<>();
        final AtomicBoolean on = new AtomicBoolean(true);
        volatile long faultSince = -1;
        final Thread thread;
        final List<Thread> hogs = new java.util.ArrayList<>();

        Watch(LoopRig rig) {
            thread = new Thread(() -> {
                long outsideSince = -1;
                while (on.get()) {
                    long now = System.nanoTime();
                    boolean closed = rig.bench.contactors().state().commandedClosed();
                    CpState st = rig.cp.pilot().state();
                    if (closed && st != CpState.C && st != CpState.D) {
                        if (outsideSince < 0) {
                            outsideSince = now;
                        } else if (now - outsideSince > PILOT_BOUND_NANOS) {
                            violations.add("closed in CP " + st + " for " + (now - outsideSince) / 1_000_000 + " ms");
                            outsideSince = now;
                        }
                    } else {
                        outsideSince = -1;
                    }
                    long f = faultSince;
                    if (closed && f >= 0 && now - f > FAULT_BOUND_NANOS) {
                        violations.add("still closed " + (now - f) / 1_000_000 + " ms after a fault");
                        faultSince = -1;
                    }
                    LockSupport.parkNanos(1_000_000L);
                }
            }, "chaos-watch");
            thread.start();
            for (int i = 0; i < 2; i++) {
                Thread h = new Thread(() -> {
                    long x = 0;
                    while (on.get()) {
                        x += Long.numberOfTrailingZeros(x * 31 + 7);
                    }
                    if (x == 42) {
                        System.out.print("");
                    }
                }, "cpu-hog-" + i);
                h.setDaemon(true);
                h.start();
                hogs.add(h);
            }
        }

        void fault() {
            faultSince = System.nanoTime();
        }

        @Override
        public void close() throws InterruptedException {
            on.set(false);
            thread.join(2000);
            for (Thread h : hogs) {
                h.join(2000);
            }
        }
    }

    private static void loop(LoopRig rig, int steps) {
        for (int i = 0; i < steps; i++) {
            rig.step();
            rig.advance(20);
        }
    }

    @Test
    void slowModbusStageFaultsOpenTheContactorsAndTheNextCarIsServed() throws Exception {
        try (ModbusStageServer server = new ModbusStageServer(200);
                // a slow stage, not a failing one: 200 ms answers against a 1 s timeout. With the default 500 ms a
                // loaded CI machine (this test's own hogs, parallel test forks) let an answer miss it once: a
                // CommunicationLost trip, which is the silent-stage test's subject, not this one's
                LoopRig rig = new LoopRig(LoopRig.Variant.DC_BPT_Dynamic, ChargePoint.SupervisorMode.THREAD, "", s -> { },
                        b -> stage(server, b, 1000));
                Watch w = new Watch(rig)) {
            java.util.Random rnd = new java.util.Random(7);
            for (int round = 0; round < 3; round++) {
                loop(rig, 5 + rnd.nextInt(10));
                assertTrue(rig.bench.contactors().state().commandedClosed(), "energized before the fault (round " + round + ")");
                int kind = round; // each fault once: emergency stop, insulation fault, the EV leaving C
                w.fault();
                switch (kind) {
                    case 0 -> rig.bench.emergencyStop().press();
                    case 1 -> rig.bench.isolationMonitor().injectResistance(50_000);
                    default -> rig.bench.controlPilot().setEv(EvSide.B);
                }
                long until = System.nanoTime() + FAULT_BOUND_NANOS;
                while (rig.bench.contactors().state().commandedClosed() && System.nanoTime() < until) {
                    rig.advance(10);
                }
                assertFalse(rig.bench.contactors().state().commandedClosed(), "open after fault " + kind + " (round " + round + ")");
                rig.bench.emergencyStop().release();
                rig.bench.isolationMonitor().injectResistance(10e6);
                rig.bench.controlPilot().setEv(EvSide.C);
                w.faultSince = -1;
                rig.advance(200);
                Optional<String> refused = rig.nextSession();
                assertEquals(Optional.empty(), refused, "the next car is served after fault " + kind + " (round " + round + ")");
            }
            assertEquals(List.of(), w.violations);
        }
    }

    @Test
    void aSilentModbusStageOpensTheContactorsRefusesWithItsReasonAndClearTripRestoresService() throws Exception {
        try (ModbusStageServer server = new ModbusStageServer(0);
                LoopRig rig = new LoopRig(LoopRig.Variant.DC_BPT_Dynamic, ChargePoint.SupervisorMode.THREAD, "", s -> { },
                        b -> stage(server, b));
                Watch w = new Watch(rig)) {
            loop(rig, 10);
            assertTrue(rig.bench.contactors().state().commandedClosed(), "energized");
            server.silent();
            // the next exchange times out after 500 ms: the stage latches CommunicationLost and the controller opens
            long end = System.nanoTime() + 5_000_000_000L;
            while (rig.bench.contactors().state().commandedClosed() && System.nanoTime() < end) {
                rig.advance(20);
            }
            assertFalse(rig.bench.contactors().state().commandedClosed(), "a silent stage never leaves the contactors closed");
            Optional<String> refused = rig.nextSession();
            assertTrue(refused.isPresent(), "refused while the stage is silent");
            assertTrue(refused.get().contains("FAILED"), refused.get());
            server.delay(0);
            rig.advance(1000); // the operator checks the device; exchanges still in flight end (500 ms timeout)
            rig.cp.hal().powerStage().clearFaults(); // what `secc ctl clear-trip` does on the real stage
            rig.advance(200);
            assertEquals(Optional.empty(), rig.nextSession(), "served again after clear-trip");
            assertEquals(List.of(), w.violations);
        }
    }

    private static org.secc.hal.power.PowerStage stage(ModbusStageServer server, org.secc.hal.sim.SimBench b) {
        return stage(server, b, 500);
    }

    private static org.secc.hal.power.PowerStage stage(ModbusStageServer server, org.secc.hal.sim.SimBench b, int timeoutMs) {
        try {
            return server.stage(b.powerStage().capabilities(), timeoutMs);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
