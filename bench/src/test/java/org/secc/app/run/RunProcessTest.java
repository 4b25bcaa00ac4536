package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.ctl.CtlClient;
import org.secc.ev.link.EdgeClock;
import org.secc.ev.link.V2gClientConnector;
import org.secc.ev.scenario.ScenarioResult;
import org.secc.ev.scenario.ScenarioRunner;
import org.secc.ev.scenario.Scenarios;
import org.secc.ev.session.ControlMode;
import org.secc.bench.BenchPack;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.Service;

/**
 * `secc run` as an operator runs it: the charger jar itself ({@code secc-app/target/secc-app.jar}, the
 * shaded artifact flashed onto a charger, so that what its shade filters left out is proven unneeded)
 * in its own process on the loopback bench, a session from the EV emulator over TLS 1.3, `secc ctl
 * status` on the socket, SIGHUP with a valid and an invalid policy file, SIGTERM.
 */
class RunProcessTest {

    private static String waitFor(Path log, String regex, int seconds) throws Exception {
        Pattern p = Pattern.compile(regex);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (Files.exists(log)) {
                Matcher m = p.matcher(Files.readString(log));
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
            }
            Thread.sleep(50);
        }
        fail("'" + regex + "' did not appear:\n" + (Files.exists(log) ? Files.readString(log) : "no log"));
        return null;
    }

    /** The reactor builds secc-app (and its shaded jar) before this module; its tests run in {@code bench/}. */
    static Path chargerJar() {
        Path jar = Path.of("..", "secc-app", "target", "secc-app.jar").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build it first (mvn -B -ntp -pl bench -am verify)");
        return jar;
    }

    @Test
    void runServesASessionReloadsOnSighupAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.conf");
        Files.writeString(policy, BenchPack.policy(0, 1));
        Path sock = dir.resolve("secc.sock");
        Path cfg = dir.resolve("secc.conf");
        Path pki = org.secc.app.pki.TestPkiSupport.pki().dir().toAbsolutePath();
        Files.writeString(cfg, BenchPack.HAL + "policy.file = policy.conf\nctl.socket = " + sock + "\ntls.pki_dir = " + pki + "\n");
        Path log = dir.resolve("secc.log");
        String javaBin = System.getProperty("java.home") + "/bin/java";
        Path jar = chargerJar();
        Process p = new ProcessBuilder(List.of(javaBin, "-jar", jar.toString(), "run",
                "--config", cfg.toString(), "--iface", "lo", "--hal", "sim", "--no-slac", "--tls", "--pcap", dir.resolve("v2g.pcap").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int port = Integer.parseInt(waitFor(log, "SECC up: V2G TLS on /\\[[0-9a-f:]+\\]:(\\d+)", 60));
            Thread.sleep(1500); // the grid enters service (delay 0, ramp 1 s) on the real-time bench
            ScenarioResult r = new ScenarioRunner(V2gClientConnector.tls("::1", port, org.secc.app.pki.TestPkiSupport.pki().vehicleKeys(),
                    org.secc.app.pki.TestPkiSupport.pki().password(), org.secc.app.pki.TestPkiSupport.pki().v2gRootTrust()),
                    EdgeClock.SYSTEM, null)
                    .run(Scenarios.get("stop-by-ev"), EvConfig.defaults(Service.DC_BPT, ControlMode.DYNAMIC).withLoopPeriod(50));
            assertTrue(r.passed(), r.failures() + "\n" + Files.readString(log));
            waitFor(log, "SessionStopReq -> SessionStopRes OK", 10);

            String status = CtlClient.send(sock, "status", java.time.Duration.ofSeconds(5));
            assertTrue(status.startsWith("{\"ok\":true"), status);

            Runtime.getRuntime().exec(new String[] {"kill", "-HUP", Long.toString(p.pid())}).waitFor();
            waitFor(log, "policy .*policy.conf loaded", 10);
            Files.writeString(policy, BenchPack.policy(0, 1) + "soc_floor_pct = 50\n");
            Runtime.getRuntime().exec(new String[] {"kill", "-HUP", Long.toString(p.pid())}).waitFor();
            waitFor(log, "rejected, the old policy stays: .*soc_floor_pct", 10);
            assertTrue(p.isAlive(), "an invalid reload keeps the service running");
        } finally {
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        }
        // The JVM reports a SIGTERM shutdown as 143 (128 + 15); the unit file lists it as success.
        assertTrue(p.exitValue() == 143 || p.exitValue() == 0, "exit " + p.exitValue() + "\n" + Files.readString(log));
        assertTrue(Files.readString(log).contains("secc: stopped; power off, contactors open"), Files.readString(log));
        // The shutdown reaches the log (java.util.logging's own shutdown hook no longer silences it).
        assertTrue(Files.readString(log).contains("shutdown: power off first"), Files.readString(log));
        assertTrue(Files.readString(log).contains("shutdown: contactors open, hardware released"), Files.readString(log));
        // the capture Wireshark reads: pcap magic, then the session's frames
        byte[] pcap = Files.readAllBytes(dir.resolve("v2g.pcap"));
        assertEquals(0xa1b2c3d4L, java.nio.ByteBuffer.wrap(pcap, 0, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL,
                "pcap magic");
        assertTrue(pcap.length > 5_000, "the session's frames are in the capture: " + pcap.length + " bytes");
    }
}
