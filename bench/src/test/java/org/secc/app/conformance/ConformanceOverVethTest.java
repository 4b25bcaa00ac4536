package org.secc.app.conformance;

import static org.junit.jupiter.api.Assertions.*;
import static org.secc.testsupport.Prerequisites.require;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.bench.BenchPack;

/**
 * {@code conformance --iface IF} as the README shows it: {@code secc run} and the suite as two processes
 * in two network namespaces joined by a veth pair; the suite finds the charger by SDP (IPv6 link-local
 * multicast, ff02::1 UDP 15118), connects to the announced link-local address and runs a selection of
 * cases. Root only (CI runs as root); skipped with a message elsewhere, failed when {@code CI} is set.
 */
class ConformanceOverVethTest {
    private static final String ID = Long.toHexString(System.nanoTime() & 0xFFFFF);
    private static final String NS_E = "conf-e-" + ID;
    private static final String NS_P = "conf-p-" + ID;
    private static final String EVSE_IF = "confe" + ID;
    private static final String PEV_IF = "confp" + ID;
    private static boolean ready;

    @BeforeAll
    static void namespaces() throws Exception {
        require("root".equals(System.getProperty("user.name")), "skipped: the veth/network-namespace conformance test needs root (CI runs it as root)");
        require(run("ip", "netns", "list").code == 0, "skipped: `ip netns` is not available (install iproute2)");
        sh("ip", "netns", "add", NS_E);
        sh("ip", "netns", "add", NS_P);
        sh("ip", "link", "add", EVSE_IF, "type", "veth", "peer", "name", PEV_IF);
        sh("ip", "link", "set", EVSE_IF, "netns", NS_E);
        sh("ip", "link", "set", PEV_IF, "netns", NS_P);
        sh("ip", "-n", NS_E, "link", "set", "lo", "up");
        sh("ip", "-n", NS_P, "link", "set", "lo", "up");
        sh("ip", "-n", NS_E, "addr", "add", "fe80::e/64", "dev", EVSE_IF, "nodad");
        sh("ip", "-n", NS_P, "addr", "add", "fe80::a/64", "dev", PEV_IF, "nodad");
        sh("ip", "-n", NS_E, "link", "set", EVSE_IF, "up");
        sh("ip", "-n", NS_P, "link", "set", PEV_IF, "up");
        ready = true;
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (!ready) {
            return;
        }
        run("ip", "netns", "del", NS_E);
        run("ip", "netns", "del", NS_P);
    }

    @Test
    void theSuiteFindsTheChargerBySdpOnTheInterface(@TempDir Path dir) throws Exception {
        require(ready, "the network namespaces could not be set up (see the error above)");
        Path cfg = dir.resolve("secc.conf");
        Files.writeString(cfg, BenchPack.HAL + "ctl.socket = " + dir.resolve("secc.sock") + "\n"
                + "session.sequence_timeout_ms = 2000\nsession.loop_sequence_timeout_ms = 500\n");
        Path seccLog = dir.resolve("secc.log");
        Process secc = java(NS_E, "org.secc.app.cli.SeccMain", List.of("run", "--config", cfg.toString(), "--iface", EVSE_IF, "--hal", "sim",
                "--no-slac", "--no-tls"), seccLog);
        try {
            waitFor(seccLog, "SECC up: V2G TCP", 20);
            for (String protocol : List.of("iso20", "din", "iso2")) {
                Path report = dir.resolve("report-" + protocol);
                Path evLog = dir.resolve("conformance-" + protocol + ".log");
                Process ev = java(NS_P, "org.secc.ev.cli.EvMain", List.of("conformance", "--iface", PEV_IF, "--protocol", protocol,
                        "--cases", protocol.equals("iso20") ? "SAP-01,SES-*,SVC-01" : "SAP-01,SES-01,DC-01", "--seed", "5",
                        "--sequence-timeout-ms", "2000", "--loop-sequence-timeout-ms", "500", "--timing-scale", "10",
                        "--report", report.toString()), evLog);
                assertTrue(ev.waitFor(120, TimeUnit.SECONDS), "the suite finished");
                String out = Files.readString(evLog);
                assertEquals(0, ev.exitValue(), out + "\n--- SECC ---\n" + Files.readString(seccLog));
                // the target is the link-local address SDP announced, scoped to the interface
                assertTrue(out.contains("against [fe80:0:0:0:0:0:0:e%"), out);
                assertTrue(out.contains("PASSED"), out);
                assertTrue(Files.readString(report.resolve("report.html")).contains("fe80"), "the report names the charger's address");
            }
        } finally {
            secc.destroy(); // SIGTERM: the shutdown hook stops the service and opens the contactors
            assertTrue(secc.waitFor(20, TimeUnit.SECONDS));
        }
    }

    private static void waitFor(Path log, String text, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        fail("'" + text + "' did not appear: " + (Files.exists(log) ? Files.readString(log) : "no log"));
    }

    private static Process java(String ns, String main, List<String> args, Path log) throws IOException {
        String javaBin = System.getProperty("java.home") + "/bin/java";
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, javaBin, "-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    record Result(int code, String out) {
    }

    private static Result run(String... cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(124, out);
        }
        return new Result(p.exitValue(), out);
    }

    private static void sh(String... cmd) throws Exception {
        Result r = run(cmd);
        if (r.code != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.out);
        }
    }
}
