package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.connector.ConnectorLifecycle;
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
import org.secc.hal.sim.SimBench;

/**
 * -20 pause and resume through the running service ([V2G20-…] SessionStop Pause; IEC 61851-1 X1 while
 * paused, the charger's wake-up): the EV emulator charges, pauses, and reconnects with its old
 * SessionID. While the EV is away the connector's lifecycle is Paused, the pilot is X1 (PWM off), the
 * contactors are open and may not close; when the paused EV comes back the pilot's wake-up restores
 * the 5 %, the lifecycle is InSession again and the resumed session charges.
 */
class PauseOnThePilotTest {

    private static void await(BooleanSupplier c, String what) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!c.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out: " + what);
            Thread.sleep(2);
        }
    }

    @Test
    void pauseDrivesX1AndTheResumeWakesThePilot(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("policy.conf"), SteppedBench.POLICY);
        List<String> transitions = new CopyOnWriteArrayList<>();
        Logger lcLog = Logger.getLogger(ConnectorLifecycle.class.getName());
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getMessage() != null && r.getMessage().startsWith("connector ")) {
                    transitions.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        lcLog.addHandler(h);
        try (SeccService svc = new SeccService(SeccConfig.parse(ServiceOverSocketsTest.CONFIG, dir),
                new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0), Optional.empty(), Optional.empty(), false))) {
            SimBench bench = svc.chargePoint().hal().bench().orElseThrow();
            PilotSupervisor pilot = svc.chargePoint().pilot();
            await(() -> svc.chargePoint().gridStatus() == null || svc.chargePoint().gridStatus().state().name().equals("IN_SERVICE"),
                    "the grid in service");
            List<String> whilePaused = new ArrayList<>();
            long[] closesBeforeResume = {-1};
            Connector tcp = V2gClientConnector.tcp("::1", svc.v2gServer().port());
            int[] connects = {0};
            Connector ev = () -> {
                if (++connects[0] == 2) {
                    // the paused EV comes back: first look at what the charger did while it was away
                    try {
                        await(() -> svc.connector().status().state().equals("Paused"), "lifecycle Paused");
                        await(() -> bench.controlPilot().output() instanceof PilotOutput.X1, "pilot X1 while paused");
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                    whilePaused.add(svc.connector().status().state());
                    whilePaused.add(bench.controlPilot().output().getClass().getSimpleName());
                    whilePaused.add("commandedClosed=" + bench.contactors().state().commandedClosed());
                    whilePaused.add("closeAllowed=" + pilot.closeAllowed());
                    closesBeforeResume[0] = closes(bench);
                }
                return tcp.connect();
            };
            Scenario sc = new Scenario("pause-on-the-pilot", "charge, pause, resume, charge, stop", () -> Scenarios.bench(50), () -> {
                boolean[] pausedOnce = {false};
                return (b, t) -> {
                    if (!pausedOnce[0]) {
                        if (t >= 600) {
                            pausedOnce[0] = true;
                            return Decision.PAUSE;
                        }
                        return Decision.CHARGE;
                    }
                    return t < 600 ? Decision.CHARGE : Decision.STOP;
                };
            }, Fault.NONE, true, 0, false, false, false, 30_000);
            ScenarioResult r = new ScenarioRunner(ev, EdgeClock.SYSTEM, null).run(sc, EvConfig.defaults(Service.DC, ControlMode.DYNAMIC)
                    .withLoopPeriod(50));
            assertTrue(r.passed(), r.failures() + " " + r.notes());
            assertTrue(r.notes().contains("resumed paused session"), r.notes().toString());
            assertEquals(List.of("Paused", "X1", "commandedClosed=false", "closeAllowed=false"), whilePaused);
            // the resumed session was powered: the wake-up restored the 5 % and the contactors closed again
            assertTrue(closesBeforeResume[0] >= 1 && closes(bench) > closesBeforeResume[0],
                    "contactor closings before the resume " + closesBeforeResume[0] + ", after " + closes(bench));
            int paused = indexOf(transitions, "-> Paused");
            int resumed = indexOf(transitions, "Paused -> InSession (the paused EV came back");
            assertTrue(paused >= 0 && resumed > paused, "InSession -> Paused -> InSession: " + transitions);
            ServiceOverSocketsTest.assertSafe(svc);
        } finally {
            lcLog.removeHandler(h);
        }
    }

    private static long closes(SimBench b) {
        return b.events().events().stream().filter(e -> e.kind() == org.secc.hal.sim.HalEventLog.Kind.CONTACTORS_CLOSE).count();
    }

    private static int indexOf(List<String> l, String part) {
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
