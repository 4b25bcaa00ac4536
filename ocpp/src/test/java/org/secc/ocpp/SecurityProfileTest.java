package org.secc.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.ocpp.security.StationTls;

/** Security profiles 1–3 (A00) against the Node CSMS with generated certificates; every failure is refused, logged and retried with back-off. */
class SecurityProfileTest {
    static final Duration T = Duration.ofSeconds(20);
    static final String PASSWORD = "s3cret-password-0123";

    @TempDir Path dir;
    final List<String> log = new CopyOnWriteArrayList<>();
    final Handler handler = new Handler() {
        @Override public void publish(LogRecord r) { log.add(r.getMessage()); }
        @Override public void flush() {}
        @Override public void close() {}
    };
    final Logger clientLog = Logger.getLogger(OcppClient.class.getName());

    @BeforeEach
    void capture() { clientLog.addHandler(handler); }

    @AfterEach
    void release() { clientLog.removeHandler(handler); }

    TestCertificates.Issued ca, server;
    Path caPem, serverPem, serverKey;

    void pki() throws Exception {
        ca = TestCertificates.ca("Test CSMS Root");
        server = TestCertificates.valid(ca, "CN=localhost,O=Test CSO", true);
        caPem = dir.resolve("ca.pem");
        serverPem = dir.resolve("server.pem");
        serverKey = dir.resolve("server.key");
        ca.write(caPem, null);
        server.write(serverPem, serverKey);
    }

    OcppSettings settings(String scheme, int port, int profile, String password) {
        return new OcppSettings(URI.create(scheme + "://127.0.0.1:" + port + "/ocpp"), "CS001", profile, password, dir.resolve("data"),
                10_000, Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(600), 65_536, "SECC", "SECC-BPT", "CS001", "0.1.0", 1, 1, 1, 2);
    }

    void awaitLog(String fragment, int times) {
        long end = System.nanoTime() + T.toNanos();
        while (System.nanoTime() < end) {
            if (log.stream().filter(l -> l.contains(fragment)).count() >= times) return;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
        throw new AssertionError("log line '" + fragment + "' not seen " + times + " times: " + log);
    }

    @Test
    void profile_1_wrong_password_is_refused_with_a_log_line_and_back_off() throws Exception {
        try (CsmsProcess csms = new CsmsProcess("--password", PASSWORD);
             OcppClient client = new OcppClient(settings("ws", csms.port, 1, "wrong-password-0123"), new BenchCharger(), Clock.systemUTC(), null)) {
            client.start();
            awaitLog("HTTP 401", 2); // refused, then tried again after the back-off
            assertTrue(log.stream().anyMatch(l -> l.startsWith("ocpp: reconnecting in ")), log.toString());
            assertTrue(csms.calls("BootNotification").isEmpty());
            assertTrue(csms.events().stream().anyMatch(e -> "authRejected".equals(e.path("event").asString())));
        }
    }

    @Test
    void profile_2_basic_auth_over_tls_with_the_csms_certificate_checked() throws Exception {
        pki();
        try (CsmsProcess csms = new CsmsProcess("--password", PASSWORD, "--tls-key", serverKey.toString(), "--tls-cert", serverPem.toString());
             OcppClient client = new OcppClient(settings("wss", csms.port, 2, PASSWORD), new BenchCharger(), Clock.systemUTC(),
                     () -> StationTls.context(caPem, null, null))) {
            client.start();
            assertEquals("ocpp2.1", csms.await(e -> "connected".equals(e.path("event").asString()), T).path("protocol").asString());
            csms.awaitCall("BootNotification", 0, T);
        }
    }

    @Test
    void profile_2_with_a_csms_certificate_from_another_ca_is_refused_never_downgraded() throws Exception {
        pki();
        TestCertificates.Issued other = TestCertificates.ca("Someone Else");
        Path otherPem = dir.resolve("other.pem");
        other.write(otherPem, null);
        try (CsmsProcess csms = new CsmsProcess("--password", PASSWORD, "--tls-key", serverKey.toString(), "--tls-cert", serverPem.toString());
             OcppClient client = new OcppClient(settings("wss", csms.port, 2, PASSWORD), new BenchCharger(), Clock.systemUTC(),
                     () -> StationTls.context(otherPem, null, null))) {
            client.start();
            awaitLog("cannot connect", 2);
            assertTrue(log.stream().anyMatch(l -> l.contains("cannot connect") && (l.contains("PKIX") || l.contains("certificate") || l.contains("SSL"))), log.toString());
            assertTrue(csms.calls("BootNotification").isEmpty(), "no OCPP traffic without a trusted CSMS");
        }
    }

    @Test
    void profile_3_mutual_tls_with_the_station_certificate_and_an_expired_one_is_refused() throws Exception {
        pki();
        TestCertificates.Issued station = TestCertificates.valid(ca, "CN=CS001,O=Test CSO", false);
        Path stPem = dir.resolve("station.pem"), stKey = dir.resolve("station.key");
        station.write(stPem, stKey);
        try (CsmsProcess csms = new CsmsProcess("--tls-key", serverKey.toString(), "--tls-cert", serverPem.toString(), "--tls-ca", caPem.toString(), "--mtls");
             OcppClient client = new OcppClient(settings("wss", csms.port, 3, null), new BenchCharger(), Clock.systemUTC(),
                     () -> StationTls.context(caPem, stPem, stKey))) {
            client.start();
            assertEquals("CS001", csms.await(e -> "clientCertificate".equals(e.path("event").asString()), T).path("cn").asString(),
                    "CN = the station's serial number (A00.FR.405)");
            csms.awaitCall("BootNotification", 0, T);
        }
        TestCertificates.Issued expired = TestCertificates.leaf(ca, "CN=CS001,O=Test CSO", false,
                Instant.now().minus(Duration.ofDays(20)), Instant.now().minus(Duration.ofDays(10)));
        Path exPem = dir.resolve("expired.pem"), exKey = dir.resolve("expired.key");
        expired.write(exPem, exKey);
        log.clear();
        try (CsmsProcess csms = new CsmsProcess("--tls-key", serverKey.toString(), "--tls-cert", serverPem.toString(), "--tls-ca", caPem.toString(), "--mtls");
             OcppClient client = new OcppClient(settings("wss", csms.port, 3, null), new BenchCharger(), Clock.systemUTC(),
                     () -> StationTls.context(caPem, exPem, exKey))) {
            client.start();
            awaitLog("station certificate refused", 2);
            assertTrue(csms.calls("BootNotification").isEmpty(), "the CSMS refuses the expired certificate");
        }
    }
}
