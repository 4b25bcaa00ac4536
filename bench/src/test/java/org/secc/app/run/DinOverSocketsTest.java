package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.secc.ev.din.DinQuirks;
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

/**
 * The running service against the emulator's DIN EV over real loopback TCP (DIN runs without TLS):
 * a charge with each real-car quirk, and every fault injection (the charger must then serve a clean
 * DIN session on a new connection). Power off and contactors open after each run.
 */
class DinOverSocketsTest {

    @TempDir
    static Path dir;
    static SeccService tcp;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("policy.conf"), SteppedBench.POLICY);
        SeccConfig c = SeccConfig.parse(ServiceOverSocketsTest.CONFIG, dir);
        // The control pilot is polled every 2 ms and a gap over 50 ms counts as a lost pilot, which
        // latches the PWM off (IEC 61851-1). A start-up stall of the shared, overloaded test host can
        // cause exactly that before any car is there; such a start is discarded and repeated.
        for (int attempt = 1; ; attempt++) {
            tcp = new SeccService(c, new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0), Optional.empty(),
                    Optional.empty(), false));
            Thread.sleep(1500); // the grid enters service (delay 0, ramp 1 s) on the real-time bench
            if (tcp.chargePoint().pilot().closeAllowed() || attempt == 3) {
                break;
            }
            System.err.println("DinOverSocketsTest: the pilot was lost during start-up (host stall); starting again");
            tcp.close();
        }
    }

    @AfterAll
    static void stop() {
        tcp.close();
    }

    static Scenario charge(Fault fault) {
        return new Scenario("din-charge", "DIN charge 1 s", () -> Scenarios.bench(50),
                () -> (b, t) -> t < 1_000 ? Decision.CHARGE : Decision.STOP, fault, false, 1, false, false, false, 30_000);
    }

    static ScenarioResult run(String quirks, Fault fault) throws Exception {
        V2gClientConnector c = V2gClientConnector.tcp("::1", tcp.v2gServer().port());
        // the shared test host can stall a JVM past DIN's 0.25 s CurrentDemand deadline; that deadline is
        // the EV's own and is exercised on the stepped bench, so the socket runs allow 2 s
        ScenarioResult r = new ScenarioRunner(c, EdgeClock.SYSTEM, null).din(DinQuirks.parse(quirks), 2_000)
                .run(charge(fault), EvConfig.defaults(Service.DC, ControlMode.SCHEDULED).withLoopPeriod(50));
        ServiceOverSocketsTest.assertSafe(tcp);
        return r;
    }

    @ParameterizedTest(name = "quirks [{0}]")
    @ValueSource(strings = {"", "unit-omitted", "changing-multipliers", "wrong-first-precharge-target", "short-session-id",
            "session-stop-in-cable-check"})
    void dinSessionOverTcp(String quirks) throws Exception {
        ScenarioResult r = run(quirks, Fault.NONE);
        if (quirks.equals("session-stop-in-cable-check")) {
            // no charge: the car stops during the cable check and the charger answers OK
            assertTrue(r.failures().stream().allMatch(f -> f.startsWith("SOC did not rise")), r.failures().toString());
            assertEquals(r.socStart(), r.socEnd(), 1e-9);
        } else {
            assertEquals(List.of(), r.failures(), String.join("\n", r.timeline().stream().map(s -> s.line()).toList()));
            assertTrue(r.socEnd() > r.socStart(), r.summary());
        }
    }

    /** The two commands of README-din-iso2.md, against this service (the deadline widened for the shared host). */
    @ParameterizedTest(name = "quirks [{0}]")
    @ValueSource(strings = {"", "unit-omitted,changing-multipliers"})
    void readmeCommandsExitZero(String quirks) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--protocol", "din"));
        if (!quirks.isEmpty()) {
            args.addAll(List.of("--quirks", quirks));
        }
        args.addAll(List.of("--scenario", "stop-by-ev", "--host", "::1", "--port", String.valueOf(tcp.v2gServer().port()),
                "--loop-timeout-ms", "2000"));
        assertEquals(0, org.secc.ev.cli.EvMain.commandLine().execute(args.toArray(String[]::new)));
        ServiceOverSocketsTest.assertSafe(tcp);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"WRONG_SEQUENCE", "UNKNOWN_SESSION", "MALFORMED_EXI", "TCP_DROP", "SILENCE"})
    void dinFaultInjections(Fault fault) throws Exception {
        ScenarioResult r = run("", fault);
        List<String> real = r.failures().stream().filter(f -> !f.startsWith("SOC did not rise")).toList();
        assertEquals(List.of(), real, r.notes().toString());
    }
}
