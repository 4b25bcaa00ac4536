package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.bench.BenchPack;

/**
 * The OCPP module's memory cost: `secc run` in two child JVMs with the same flags, one without OCPP, one connected
 * and registered to the Node CSMS; after a full GC each reports its live heap (jcmd GC.heap_info) and its resident
 * set (VmRSS). The difference is the module's cost at rest (connection, schemas and validators, device model,
 * journal). Printed for ocpp/README.md ("Cost"); the machine is shared, so the figures carry the load.
 */
class OcppMemoryCostTest {
    static final String PASSWORD = "bench-password-0123";
    static final List<String> JVM = List.of("-XX:+UseSerialGC", "-Xmx256m");

    @TempDir Path dir;

    record Usage(long heapUsedKb, long rssKb) {}

    @Test
    void the_ocpp_module_heap_and_rss_at_rest() throws Exception {
        try (NodeCsms csms = new NodeCsms(PASSWORD)) {
            Usage without = measure("plain", "", null);
            Usage with = measure("ocpp", """
                    ocpp.csms_url = ws://127.0.0.1:%d/ocpp
                    ocpp.identity = CS-MEMORY
                    ocpp.security_profile = 1
                    ocpp.password = %s
                    ocpp.data_dir = ocpp-data
                    """.formatted(csms.port, PASSWORD), csms);
            String load = Files.readString(Path.of("/proc/loadavg")).trim();
            System.out.printf(Locale.ROOT, "OCPP memory cost at rest (%s, load %s): live heap %d KiB without, %d KiB with OCPP (+%d KiB); "
                            + "RSS %d KiB without, %d KiB with (+%d KiB)%n", String.join(" ", JVM), load, without.heapUsedKb(), with.heapUsedKb(),
                    with.heapUsedKb() - without.heapUsedKb(), without.rssKb(), with.rssKb(), with.rssKb() - without.rssKb());
            assertTrue(with.heapUsedKb() > 0 && without.heapUsedKb() > 0 && with.rssKb() > 0 && without.rssKb() > 0);
        }
    }

    private Usage measure(String name, String ocpp, NodeCsms csms) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("policy.conf"), BenchPack.policy(0, 1));
        Path cfg = d.resolve("secc.conf");
        Files.writeString(cfg, BenchPack.HAL + "policy.file = policy.conf\nctl.socket = " + d.resolve("secc.sock") + "\n" + ocpp);
        Path log = d.resolve("secc.log");
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java"));
        cmd.addAll(JVM);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.secc.app.cli.SeccMain", "run", "--config", cfg.toString(),
                "--iface", "lo", "--hal", "sim", "--no-slac"));
        Process p = new ProcessBuilder(cmd).directory(d.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            waitFor(log, "SECC up", p);
            if (csms != null) {
                csms.await(e -> "call".equals(e.path("event").asString()) && "StatusNotification".equals(e.path("action").asString()), Duration.ofSeconds(60));
            }
            Thread.sleep(3000); // settle: heartbeats, the first policy steps, JIT
            jcmd(p, "GC.run");
            String heap = jcmd(p, "GC.heap_info");
            long used = 0;
            Matcher m = Pattern.compile("used (\\d+)K").matcher(heap);
            while (m.find()) used += Long.parseLong(m.group(1));
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("\\D", ""));
            }
            return new Usage(used, rss);
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
        }
    }

    private static String jcmd(Process p, String what) throws IOException, InterruptedException {
        Process j = new ProcessBuilder(System.getProperty("java.home") + "/bin/jcmd", Long.toString(p.pid()), what).redirectErrorStream(true).start();
        String out = new String(j.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(j.waitFor(60, TimeUnit.SECONDS) && j.exitValue() == 0, "jcmd " + what + ": " + out);
        return out;
    }

    private static void waitFor(Path log, String text, Process p) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(text)) return;
            assertTrue(p.isAlive(), "secc run ended: " + (Files.exists(log) ? Files.readString(log) : ""));
            Thread.sleep(50);
        }
        throw new AssertionError(text + " not in the log: " + Files.readString(log));
    }
}
