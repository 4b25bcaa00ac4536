package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.ev.link.Connector;
import org.secc.ev.link.EdgeClock;
import org.secc.ev.link.V2gClientConnector;
import org.secc.ev.scenario.Scenario;
import org.secc.ev.scenario.ScenarioResult;
import org.secc.ev.scenario.ScenarioRunner;
import org.secc.ev.scenario.Scenarios;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Decision;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.Fault;
import org.secc.ev.session.Service;
import org.secc.hal.cp.PilotOutput;
import org.secc.hal.sim.GridEvent;
import org.secc.hal.sim.SimBench;

/**
 * A grid trip pauses the session and the charger wakes the EV when the grid is back, through the
 * running service: the EV emulator discharges, the grid goes over-voltage (OV2), the charger opens the
 * contactors and asks the EV to pause (EVSENotification Pause, [V2G20-1850]); the EV pauses (pilot X1,
 * lifecycle Paused) and, like a real car, waits for the charger's wake-up before it comes back. The
 * grid returns, the supervisor enters service, the charger wakes the EV (5 % again, lifecycle LinkUp),
 * the EV resumes its session with the old SessionID and charges.
 */
class GridTripWakeUpTest {

    private static void await(BooleanSupplier c, int seconds, String what) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!c.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out: " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void theEvPausedForATripIsWokenWhenTheGridIsBack(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("policy.conf"), SteppedBench.POLICY);
        try (SeccService svc = new SeccService(SeccConfig.parse(ServiceOverSocketsTest.CONFIG, dir),
                new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0), Optional.empty(), Optional.empty(), false))) {
            SimBench bench = svc.chargePoint().hal().bench().orElseThrow();
            await(() -> svc.chargePoint().gridStatus().state().name().equals("IN_SERVICE"), 10, "the grid in service");
            AtomicBoolean resumed = new AtomicBoolean();
            List<String> seen = new ArrayList<>();
            Connector tcp = V2gClientConnector.tcp("::1", svc.v2gServer().port());
            int[] connects = {0};
            Connector ev = () -> {
                if (++connects[0] == 2) {
                    try {
                        // paused for the trip: X1, and the EV waits for the charger's wake-up
                        await(() -> svc.connector().status().state().equals("Paused"), 10, "lifecycle Paused");
                        seen.add(svc.connector().status().state() + " " + bench.controlPilot().output().getClass().getSimpleName());
                        // the grid comes back: nominal voltage; the supervisor enters service (delay 0, ramp 1 s)
                        bench.grid().script(new GridEvent.VoltageStep(Duration.ofNanos(bench.nanos()), 0, 230));
                        await(() -> bench.controlPilot().output() instanceof PilotOutput.Pwm p && p.dutyPercent() == 5, 20,
                                "the charger's wake-up (5 % again)");
                        seen.add(svc.connector().status().state() + " " + svc.connector().status().reason());
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                    resumed.set(true);
                }
                return tcp.connect();
            };
            Scenario sc = new Scenario("grid-trip-wake-up", "discharge, grid trip, pause, wake-up, resume, charge, stop",
                    () -> Scenarios.bench(50), () -> (b, t) -> resumed.get() ? (t < 500 ? Decision.CHARGE : Decision.STOP)
                            : t < 300 ? Decision.CHARGE : Decision.DISCHARGE,
                    Fault.NONE, true, 0, false, true, true, 30_000);
            CompletableFuture<ScenarioResult> run = CompletableFuture.supplyAsync(() -> new ScenarioRunner(ev, EdgeClock.SYSTEM, null)
                    .run(sc, EvConfig.defaults(Service.DC_BPT, ControlMode.DYNAMIC).withLoopPeriod(50)));
            // once power flows back into the grid: over-voltage beyond OV2 (1.2 pu, 0.16 s)
            await(() -> bench.contactors().state().commandedClosed() && bench.powerStage().present().currentA() < -1, 30, "discharging");
            bench.grid().script(new GridEvent.VoltageStep(Duration.ofNanos(bench.nanos()), 0, 1.3 * 230));
            await(() -> !svc.chargePoint().trips().isEmpty(), 10, "the grid trip");
            ScenarioResult r = run.get(60, TimeUnit.SECONDS);
            assertTrue(r.passed(), r.failures() + " " + r.notes());
            assertTrue(r.notes().contains("EVSENotification Pause"), r.notes().toString());
            assertTrue(r.notes().contains("resumed paused session"), r.notes().toString());
            assertEquals(2, seen.size(), seen.toString());
            assertEquals("Paused X1", seen.get(0));
            assertTrue(seen.get(1).startsWith("LinkUp charger wake-up: the grid is back in service"), seen.toString());
            assertFalse(bench.contactors().state().commandedClosed());
            ServiceOverSocketsTest.assertSafe(svc);
        }
    }
}
