package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.cli.SeccMain;
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
 * {@code secc ctl wake-up} (README "secc ctl", README-grid's table) against the running service over its
 * Unix socket: refused while no EV is paused; the EV emulator pauses its session (pilot X1, lifecycle
 * Paused) and waits like a car for the charger's wake-up; the command brings the pilot back to 5 %
 * (IEC 61851-1), the lifecycle to LinkUp, and the EV resumes its session and charges.
 */
class CtlWakeUpTest {

    private static void await(BooleanSupplier c, String what) throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        while (!c.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out: " + what);
            Thread.sleep(5);
        }
    }

    private static String ctl(Path sock, String... words) {
        StringWriter out = new StringWriter();
        var cl = SeccMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        String[] args = new String[words.length + 3];
        args[0] = "ctl";
        args[1] = "--socket";
        args[2] = sock.toString();
        System.arraycopy(words, 0, args, 3, words.length);
        return cl.execute(args) + " " + out;
    }

    @Test
    void theOperatorWakesThePausedEv(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("policy.conf"), SteppedBench.POLICY);
        Path sock = dir.resolve("secc.sock");
        SeccConfig cfg = SeccConfig.parse(ServiceOverSocketsTest.CONFIG + "ctl.socket = " + sock + "\n", dir);
        try (SeccService svc = new SeccService(cfg, new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0),
                Optional.empty(), Optional.empty(), true))) {
            SimBench bench = svc.chargePoint().hal().bench().orElseThrow();
            await(() -> svc.chargePoint().gridStatus() == null || svc.chargePoint().gridStatus().state().name().equals("IN_SERVICE"),
                    "the grid in service");
            String refused = ctl(sock, "wake-up");
            assertTrue(refused.startsWith("1 ") && refused.contains("\"ok\":false") && refused.contains("no paused EV to wake"), refused);

            List<String> seen = new ArrayList<>();
            Connector tcp = V2gClientConnector.tcp("::1", svc.v2gServer().port());
            int[] connects = {0};
            Connector ev = () -> {
                if (++connects[0] == 2) {
                    try {
                        // paused: X1; the car waits for the charger's wake-up before it comes back
                        await(() -> svc.connector().status().state().equals("Paused"), "lifecycle Paused");
                        await(() -> bench.controlPilot().output() instanceof PilotOutput.X1, "pilot X1 while paused");
                        seen.add(ctl(sock, "wake-up"));
                        await(() -> bench.controlPilot().output() instanceof PilotOutput.Pwm p && p.dutyPercent() == 5, "5 % again");
                        await(() -> !svc.connector().status().state().equals("Paused"), "the lifecycle past Paused");
                        seen.add(svc.connector().status().state() + " " + svc.connector().status().reason());
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                }
                return tcp.connect();
            };
            Scenario sc = new Scenario("ctl-wake-up", "charge, pause, operator wake-up, resume, charge, stop", () -> Scenarios.bench(50), () -> {
                boolean[] pausedOnce = {false};
                return (b, t) -> {
                    if (!pausedOnce[0]) {
                        if (t >= 400) {
                            pausedOnce[0] = true;
                            return Decision.PAUSE;
                        }
                        return Decision.CHARGE;
                    }
                    return t < 400 ? Decision.CHARGE : Decision.STOP;
                };
            }, Fault.NONE, true, 0, false, false, false, 30_000);
            ScenarioResult r = new ScenarioRunner(ev, EdgeClock.SYSTEM, null).run(sc, EvConfig.defaults(Service.DC, ControlMode.DYNAMIC)
                    .withLoopPeriod(50));
            assertTrue(r.passed(), r.failures() + " " + r.notes());
            assertTrue(r.notes().contains("resumed paused session"), r.notes().toString());
            assertEquals(2, seen.size(), seen.toString());
            assertTrue(seen.get(0).startsWith("0 ") && seen.get(0).contains("\"ok\":true") && seen.get(0).contains("wake-up"), seen.get(0));
            assertTrue(seen.get(1).startsWith("LinkUp charger wake-up: operator (secc ctl wake-up)"), seen.get(1));
            ServiceOverSocketsTest.assertSafe(svc);
        }
    }
}
