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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
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
            // it works: messages are encoded and decoded (it runs only on idle CPU: on a busy machine it may take a while)
            long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (w.operations() < 1000 && w.result().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertTrue(w.operations() >= 1000, "warm-up progress: " + w.operations());
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
            // while the EV's connection holds the session slot, the warm-up's count of encodes and decodes stands still
            // (but for the one message it may have been in when the connection came)
            long[] during = {-1, -1};
            AtomicBoolean sessionOver = new AtomicBoolean();
            Thread watch = new Thread(() -> {
                while (!sessionOver.get()) {
                    if (svc.v2gServer().hasActiveConnection()) {
                        long ops = w.operations();
                        if (during[0] < 0) {
                            during[0] = ops;
                        }
                        during[1] = ops;
                    }
                    LockSupport.parkNanos(1_000_000L);
                }
            }, "watch");
            watch.start();
            ScenarioResult r = new ScenarioRunner(V2gClientConnector.tcp("::1", svc.v2gServer().port()), EdgeClock.SYSTEM, null).run(sc,
                    EvConfig.defaults(Service.DC, ControlMode.DYNAMIC).withLoopPeriod(50));
            sessionOver.set(true);
            watch.join();
            assertTrue(r.passed(), r.failures().toString());
            assertTrue(during[0] >= 0, "the watch saw the session's connection");
            assertTrue(during[1] - during[0] <= 2, "no warm-up work while the session ran: " + during[0] + " -> " + during[1]);
            ServiceOverSocketsTest.assertSafe(svc);

            // and it goes on once the session is over
            until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (w.operations() <= during[1] + 2 && w.result().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertTrue(w.operations() > during[1] + 2 || w.result().isPresent(), "it went on after the session");
            // done, or (a busy machine: it runs only on idle CPU) stopped as the service's close stops it; one line either way
            w.join(Duration.ofSeconds(30));
            w.stop();
            w.join(Duration.ofSeconds(10));
            JitWarmUp.Result done = w.result().orElseThrow(() -> new AssertionError("warm-up neither done nor stopped"));
            assertTrue(done.operations() > during[1], done.toString());
            assertEquals(1, lines.size(), "one line: " + lines.stream().map(LogRecord::getMessage).toList());
            assertEquals(Level.INFO, lines.get(0).getLevel());
            assertTrue(lines.get(0).getMessage().startsWith(done.stopped() ? "JIT warm-up stopped" : "JIT warm-up done"), lines.get(0).getMessage());
        } finally {
            root.removeHandler(h);
        }
    }
}
