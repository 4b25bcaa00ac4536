package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.pki.TestPkiSupport;
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
 * Issue #18 SEC1 with real TLS 1.3 handshakes over loopback: by default the service serves -20 over TLS only to an EV
 * that presents its certificate ([V2G20-2400]); the bench setting {@code tls.require_client_certificate = false}
 * serves an EV without one and says so loudly at start.
 */
class TlsClientCertificateTest {
    @TempDir
    static Path dir;
    static SeccService strict;
    static SeccService bench;
    static final List<LogRecord> LOGS = new ArrayList<>();
    static final Handler CAPTURE = new Handler() {
        @Override
        public synchronized void publish(LogRecord r) {
            LOGS.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start() throws Exception {
        Logger.getLogger("org.secc").addHandler(CAPTURE);
        Files.writeString(dir.resolve("policy.conf"), SteppedBench.POLICY);
        String tls = ServiceOverSocketsTest.CONFIG + "network.tls = true\ntls.pki_dir = " + TestPkiSupport.pki().dir().toAbsolutePath() + "\n";
        strict = new SeccService(SeccConfig.parse(tls, dir), new SeccService.Placement(
                new InetSocketAddress(InetAddress.getByName("::1"), 0), Optional.empty(), Optional.empty(), false));
        bench = new SeccService(SeccConfig.parse(tls + "tls.require_client_certificate = false\n", dir), new SeccService.Placement(
                new InetSocketAddress(InetAddress.getByName("::1"), 0), Optional.empty(), Optional.empty(), false));
        Thread.sleep(1500); // the grid enters service (delay 0, ramp 1 s) on the real-time bench
    }

    @AfterAll
    static void stop() {
        strict.close();
        bench.close();
        Logger.getLogger("org.secc").removeHandler(CAPTURE);
    }

    private static Scenario dc() {
        return new Scenario("cert", "cert", () -> Scenarios.bench(50), () -> (b, t) -> t < 300 ? Decision.CHARGE : Decision.STOP,
                Fault.NONE, false, 0, false, false, false, 30_000);
    }

    private static ScenarioResult run(V2gClientConnector c) {
        return new ScenarioRunner(c, EdgeClock.SYSTEM, null).run(dc(), EvConfig.defaults(Service.DC, ControlMode.DYNAMIC).withLoopPeriod(50));
    }

    @Test
    void byDefaultAnEvWithoutCertificateIsRefusedAndOneWithItIsServed() throws Exception {
        int port = strict.v2gServer().port();
        ScenarioResult anonymous = run(V2gClientConnector.tls("::1", port, TestPkiSupport.pki().v2gRootTrust()));
        assertFalse(anonymous.passed(), "an EV without certificate must not get a session: " + anonymous.notes());
        assertFalse(strict.v2gServer().hasActiveConnection());
        synchronized (CAPTURE) {
            assertTrue(LOGS.stream().anyMatch(r -> r.getMessage() != null && r.getMessage().contains("HANDSHAKE_FAILED")
                    && !r.getMessage().contains("null")), "the refusal is logged with its reason");
        }
        var pki = TestPkiSupport.pki();
        ScenarioResult withCert = run(V2gClientConnector.tls("::1", port, pki.vehicleKeys(), pki.password(), pki.v2gRootTrust()));
        assertTrue(withCert.passed(), withCert.failures() + " " + withCert.notes());
        ServiceOverSocketsTest.assertSafe(strict);
        // the session's lines carry its SessionID (hex) and the EV's EVCCID, as a capture shows them (issue #18)
        String evcc = " evccid=" + org.secc.app.run.SessionHandler.printable(EvConfig.defaults(Service.DC, ControlMode.DYNAMIC).evccId());
        synchronized (CAPTURE) {
            String setup = LOGS.stream().map(LogRecord::getMessage).filter(m -> m != null && m.startsWith("SessionSetupReq -> "))
                    .reduce((a, b) -> b).orElseThrow();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("session=([0-9A-F]{16})" + java.util.regex.Pattern.quote(evcc) + "$")
                    .matcher(setup);
            assertTrue(m.find(), setup);
            assertTrue(LOGS.stream().map(LogRecord::getMessage).anyMatch(x -> x != null && x.startsWith("SessionStopReq -> ")
                    && x.endsWith("session=" + m.group(1) + evcc)), "the stop line names the same session");
        }
    }

    @Test
    void theBenchSettingServesAnEvWithoutCertificateAndSaysSoAtStart() throws Exception {
        ScenarioResult anonymous = run(V2gClientConnector.tls("::1", bench.v2gServer().port(), TestPkiSupport.pki().v2gRootTrust()));
        assertTrue(anonymous.passed(), anonymous.failures() + " " + anonymous.notes());
        ServiceOverSocketsTest.assertSafe(bench);
        synchronized (CAPTURE) {
            assertTrue(LOGS.stream().anyMatch(r -> r.getLevel() == java.util.logging.Level.WARNING && r.getMessage() != null
                    && r.getMessage().startsWith("BENCH SETTING tls.require_client_certificate = false")));
        }
    }
}
