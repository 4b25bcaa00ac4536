package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.grid.GridSafetySupervisor;
import org.secc.bench.BenchPack;
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
import org.secc.hal.sim.HalEventLog.Event;
import org.secc.hal.sim.HalEventLog.Kind;
import org.secc.hal.sim.SimBench;

/**
 * The running service (real-time sim HAL, its threads, loopback TCP) against the EV emulator: an EV
 * that reconnects at once after a TCP drop waits for the old power-off and gets its own insulation
 * measurement; the old session's contactors never open under load. Read from the simulated HAL's event
 * log. The bench pack's 100 A ramp takes about a second at 100 A/s.
 */
class SafetyOverSocketsTest {

    static final String CONFIG = BenchPack.HAL + """
            network.iface = lo
            network.slac = false
            session.services = DC_BPT, DC
            session.control_modes = scheduled, dynamic
            policy.file = policy.conf
            """;

    private static SeccService start(Path dir) throws Exception {
        Files.writeString(dir.resolve("policy.conf"), BenchPack.policy(0, 1));
        SeccService svc = new SeccService(SeccConfig.parse(CONFIG, dir), new SeccService.Placement(
                new InetSocketAddress(InetAddress.getByName("::1"), 0), Optional.empty(), Optional.empty(), false));
        long end = System.nanoTime() + 10_000_000_000L;
        // the grid enters service (delay 0, ramp 1 s) on the real-time bench
        while (svc.chargePoint().gridStatus().state() != GridSafetySupervisor.State.IN_SERVICE) {
            assertTrue(System.nanoTime() < end, "the grid entered service");
            Thread.sleep(20);
        }
        return svc;
    }

    private static void assertNeverOpenedUnderLoad(List<Event> ev) {
        for (Event e : ev) {
            if (e.kind() == Kind.CONTACTORS_OPEN) {
                assertTrue(Math.abs(e.currentA()) < 1.0, "opened under load: " + e + " in " + ev);
            }
        }
    }

    @Test
    void anEvReconnectingAtOnceAfterATcpDropWaitsForThePowerOffAndIsMeasuredAgain(@TempDir Path dir) throws Exception {
        SeccService svc = start(dir);
        try {
            SimBench b = svc.chargePoint().hal().bench().orElseThrow();
            b.events().clear();
            Scenario sc = Scenarios.get("fault-tcp-drop");
            // The emulator drops TCP after 1 s in the charge loop (about 100 A flowing) and reconnects at once.
            ScenarioResult r = new ScenarioRunner(V2gClientConnector.tcp("::1", svc.v2gServer().port()), EdgeClock.SYSTEM, null)
                    .run(new Scenario(sc.name(), sc.description(), sc.battery(), () -> (bat, t) -> t >= 3000 ? Decision.STOP : Decision.CHARGE,
                            Fault.TCP_DROP, false, 0, false, false, false, 30_000), EvConfig.defaults(Service.DC, ControlMode.DYNAMIC)
                            .withLoopPeriod(50));
            assertTrue(r.passed(), r.failures() + " " + r.notes());
            ServiceOverSocketsTest.assertSafe(svc);
            List<Event> ev = b.events().events();
            assertNeverOpenedUnderLoad(ev);
            int firstOpen = -1;
            int starts = 0;
            int startAfterOpen = -1;
            for (int i = 0; i < ev.size(); i++) {
                if (ev.get(i).kind() == Kind.CONTACTORS_OPEN && firstOpen < 0) {
                    firstOpen = i;
                }
                if (ev.get(i).kind() == Kind.INSULATION_MEASUREMENT_START) {
                    starts++;
                    if (firstOpen >= 0 && startAfterOpen < 0) {
                        startAfterOpen = i;
                    }
                }
            }
            assertEquals(2, starts, "each session measured the insulation itself: " + ev);
            assertTrue(firstOpen >= 0 && startAfterOpen > firstOpen, "the second measurement began after the first power-off opened: " + ev);
            double before = ev.stream().filter(e -> e.kind() == Kind.STAGE_RAMP_TO_ZERO).mapToDouble(e -> Math.abs(e.currentA())).max()
                    .orElse(0);
            assertTrue(before > 30, "the drop happened under real load: " + ev);
        } finally {
            svc.close();
        }
    }
}
