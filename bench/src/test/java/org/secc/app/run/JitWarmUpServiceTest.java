package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.charge.EnergyRegisters;
import org.secc.app.jit.JitWarmUp;
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
import org.secc.hal.sim.SimBench;

/**
 * The JIT warm-up of the running service (jit.warmup, on by default): it runs after start-up without anything
 * a user or the CSMS could see (no HAL command, no session, no energy, no V2G frame, one INFO line), gives way
 * to an EV that connects meanwhile (whose session is served), and finishes afterwards.
 */
class JitWarmUpServiceTest {

    @TempDir
    Path dir;

    @Test
    void warmsUpWithoutSideEffectsAndGivesWayToASession() throws Exception {
        Files.writeString(dir.resolve("policy.conf"), SteppedBench.POLICY);
        SeccConfig c = SeccConfig.parse(ServiceOverSocketsTest.CONFIG + "state.dir = state\n", dir);
        assertTrue(c.jitWarmUp(), "on by default");
        List<LogRecord> lines = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLoggerName() != null && r.getLoggerName().startsWith("org.secc.app.jit")) {
                    lines.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(h);
        try (SeccService svc = new SeccService(c, new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0),
                Optional.empty(), Optional.empty(), false))) {
            JitWarmUp w = svc.jitWarmUp().orElseThrow();
            SimBench bench = svc.chargePoint().hal().bench().orElseThrow();
            // it works: messages are encoded and decoded
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (w.operations() < 20_000 && w.result().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertTrue(w.operations() >= 20_000, "warm-up progress: " + w.operations());
            assertTrue(w.result().isEmpty(), "still running when the EV connects (the test needs it so): " + w.result());
            // and nothing outside the JVM saw it
            assertEquals(List.of(), bench.events().events(), "no contactor or stage command");
            assertEquals("idle", svc.sessionState());
            assertEquals(EnergyRegisters.Values.ZERO, svc.chargePoint().charge().registers().counted());
            assertEquals(List.of(), svc.v2gServer().timings().entries(), "no V2G frame");
            assertEquals(List.of(), lines, "no log line before it is done");

            // an EV connects: its session is served while the warm-up waits
            Scenario sc = new Scenario("warm", "warm", () -> Scenarios.bench(50), () -> (b, t) -> t < 500 ? Decision.CHARGE : Decision.STOP,
                    Fault.NONE, false, 0, false, false, false, 30_000);
            long before = System.nanoTime();
            ScenarioResult r = new ScenarioRunner(V2gClientConnector.tcp("::1", svc.v2gServer().port()), EdgeClock.SYSTEM, null).run(sc,
                    EvConfig.defaults(Service.DC, ControlMode.DYNAMIC).withLoopPeriod(50));
            long session = System.nanoTime() - before;
            assertTrue(r.passed(), r.failures().toString());
            ServiceOverSocketsTest.assertSafe(svc);

            w.join(Duration.ofSeconds(120));
            JitWarmUp.Result done = w.result().orElseThrow(() -> new AssertionError("warm-up not done within 120 s"));
            assertFalse(done.stopped());
            assertTrue(done.gaveWay() >= 1, done.toString());
            assertTrue(done.gaveWayFor().toNanos() >= session / 2, "waited while the session ran: " + done + ", session " + session / 1_000_000 + " ms");
            assertEquals(1, lines.size(), "one line: " + lines.stream().map(LogRecord::getMessage).toList());
            assertEquals(Level.INFO, lines.get(0).getLevel());
            assertTrue(lines.get(0).getMessage().startsWith("JIT warm-up done"), lines.get(0).getMessage());
        } finally {
            root.removeHandler(h);
        }
    }
}
