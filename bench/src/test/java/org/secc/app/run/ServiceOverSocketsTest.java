package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secc.app.pki.TestPkiSupport;
import org.secc.ev.battery.Battery;
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
 * The running service (sim HAL in real time, grid supervisor thread, policy, V2GTP server) against the
 * EV emulator over real loopback sockets, TCP and TLS 1.3: every service × control mode, pause and
 * resume, every fault injection, and a malformed frame. After each run the power is off and the
 * contactors are open, and the server serves the next session.
 */
class ServiceOverSocketsTest {

    static final String CONFIG = SteppedBench.HAL + """
            network.iface = lo
            network.slac = false
            session.services = DC_BPT, DC, AC_BPT, AC
            session.control_modes = scheduled, dynamic
            session.loop_sequence_timeout_ms = 1000
            power.current_ramp_a_per_s = 1000
            policy.file = policy.conf
            """;

    @TempDir
    static Path dir;
    static SeccService tcp;
    static SeccService tls;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("policy.conf"), SteppedBench.POLICY);
        var pki = TestPkiSupport.pki();
        SeccConfig c = SeccConfig.parse(CONFIG, dir);
        tcp = new SeccService(c, new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0), Optional.empty(),
                Optional.empty(), false));
        SeccConfig ct = SeccConfig.parse(CONFIG + "network.tls = true\ntls.pki_dir = " + pki.dir().toAbsolutePath() + "\n", dir);
        tls = new SeccService(ct, new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0), Optional.empty(),
                Optional.empty(), false));
        Thread.sleep(1500); // the grid enters service (delay 0, ramp 1 s) on the real-time bench
    }

    @AfterAll
    static void stop() {
        tcp.close();
        tls.close();
    }

    private static Scenario scenario(String name, boolean bpt, long ms, Fault fault, boolean pause) {
        return new Scenario(name, name, () -> Scenarios.bench(50), () -> {
            boolean[] pausedOnce = {false};
            return (Battery b, long t) -> {
                if (pause && !pausedOnce[0]) {
                    if (t >= ms) {
                        pausedOnce[0] = true;
                        return Decision.PAUSE;
                    }
                    return Decision.CHARGE;
                }
                if (bpt) {
                    return t < ms ? Decision.CHARGE : t < 2 * ms ? Decision.DISCHARGE : Decision.STOP;
                }
                return t < ms ? Decision.CHARGE : Decision.STOP;
            };
        }, fault, pause, 0, bpt, bpt, false, 30_000);
    }

    private static ScenarioResult run(SeccService svc, Scenario sc, Service service, ControlMode mode) throws Exception {
        V2gClientConnector c = svc == tls ? V2gClientConnector.tls("::1", svc.v2gServer().port(),
                TestPkiSupport.pki().vehicleKeys(), TestPkiSupport.pki().password(), TestPkiSupport.pki().v2gRootTrust())
                : V2gClientConnector.tcp("::1", svc.v2gServer().port());
        ScenarioResult r = new ScenarioRunner(c, EdgeClock.SYSTEM, null).run(sc, EvConfig.defaults(service, mode).withLoopPeriod(50));
        assertSafe(svc);
        return r;
    }

    /** Power off and contactors open within the ramp-down bound after the session. */
    static void assertSafe(SeccService svc) throws InterruptedException {
        SimBench b = svc.chargePoint().hal().bench().orElseThrow();
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        // the command too, not only the feedback: a session that ends while the contactors were just commanded
        // closed (SessionStop during cable check) has them commanded closed with the mirror still open
        while ((b.contactors().state().commandedClosed() || b.contactors().state().mirrorClosed()
                || b.powerStage().present().currentA() != 0) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertFalse(b.contactors().state().commandedClosed(), "contactors commanded open");
        assertFalse(b.contactors().state().mirrorClosed(), "contactors open");
        assertEquals(0, b.powerStage().present().currentA(), 1e-9);
    }

    @ParameterizedTest(name = "TCP {0} {1}")
    @CsvSource({"DC, SCHEDULED", "DC, DYNAMIC", "DC_BPT, SCHEDULED", "DC_BPT, DYNAMIC", "AC, SCHEDULED", "AC, DYNAMIC",
            "AC_BPT, SCHEDULED", "AC_BPT, DYNAMIC"})
    void everyServiceAndModeOverTcp(Service service, ControlMode mode) throws Exception {
        boolean bpt = service == Service.DC_BPT || service == Service.AC_BPT;
        ScenarioResult r = run(tcp, scenario("e2e", bpt, 800, Fault.NONE, false), service, mode);
        assertTrue(r.passed(), r.failures() + " " + r.notes());
        assertTrue(r.chargedWh() > 0);
        if (bpt) {
            assertTrue(r.dischargedWh() > 0);
        }
    }

    @ParameterizedTest(name = "TLS 1.3 {0} {1}")
    @CsvSource({"DC_BPT, DYNAMIC", "AC_BPT, SCHEDULED", "DC, SCHEDULED", "AC, DYNAMIC"})
    void overTls13(Service service, ControlMode mode) throws Exception {
        boolean bpt = service == Service.DC_BPT || service == Service.AC_BPT;
        ScenarioResult r = run(tls, scenario("e2e-tls", bpt, 600, Fault.NONE, false), service, mode);
        assertTrue(r.passed(), r.failures() + " " + r.notes());
    }

    @Test
    void pauseAndResumeOverTcp() throws Exception {
        ScenarioResult r = run(tcp, scenario("pause", false, 600, Fault.NONE, true), Service.DC, ControlMode.DYNAMIC);
        assertTrue(r.passed(), r.failures() + " " + r.notes());
        assertTrue(r.notes().contains("resumed paused session"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"fault-wrong-sequence", "fault-unknown-session", "fault-malformed-exi", "fault-silence", "fault-tcp-drop"})
    void faultInjectionsEndSafeAndTheServerServesOn(String name) throws Exception {
        Scenario sc = Scenarios.get(name);
        ScenarioResult r = run(tcp, new Scenario(sc.name(), sc.description(), sc.battery(), () -> (b, t) -> t >= 800 ? Decision.STOP : Decision.CHARGE,
                sc.fault(), false, 0, false, false, false, 30_000), Service.DC_BPT, ControlMode.DYNAMIC);
        assertTrue(r.passed(), r.failures() + " " + r.notes());
    }

    @Test
    void garbageFramesNeverStopTheServer() throws Exception {
        int port = tcp.v2gServer().port();
        for (byte[] junk : List.of(new byte[] {0x02, (byte) 0xFD, (byte) 0x80, 0x01, 0, 0, 0, 0}, new byte[] {0x01, (byte) 0xFE, (byte) 0x80, 0x01, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
                new byte[] {0x01, (byte) 0xFE, (byte) 0x80, 0x01, 0, 0, 0, 4, (byte) 0x80, 0, 0, 0})) {
            try (Socket s = new Socket("::1", port)) {
                s.setSoTimeout(3000);
                OutputStream o = s.getOutputStream();
                o.write(junk);
                o.flush();
                assertEquals(-1, s.getInputStream().read(), "the server closes the connection");
            }
        }
        ScenarioResult r = run(tcp, scenario("after-garbage", false, 500, Fault.NONE, false), Service.DC, ControlMode.SCHEDULED);
        assertTrue(r.passed(), r.failures().toString());
    }

    @Test
    void statusJsonDescribesTheChargePoint() {
        String s = tcp.statusJson();
        assertTrue(s.startsWith("{\"session_state\":"), s);
        assertTrue(s.contains("\"grid\":{\"state\":\"in_service\""), s);
        assertTrue(s.contains("\"faults\":[]"), s);
        // the bench's car is plugged in (C) and the link is plain Ethernet: the connector serves sessions
        assertTrue(s.contains("\"connectors\":[{\"id\":1,\"state\":\""), s);
        assertTrue(s.matches(".*\"state\":\"(LinkUp|InSession|SessionDone)\",\"reason\":\"[^\"]+\".*"), s);
    }
}
