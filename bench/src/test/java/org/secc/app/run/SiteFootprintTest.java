package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.bench.BenchPack;
import org.secc.ev.link.EdgeClock;
import org.secc.ev.link.V2gClientConnector;
import org.secc.ev.scenario.ScenarioResult;
import org.secc.ev.scenario.ScenarioRunner;
import org.secc.ev.scenario.Scenarios;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.Service;
import org.secc.site.testing.Mosquitto;
import org.secc.site.testing.SiteController;

/**
 * What the MQTT site interface adds to the charger: `secc run` (the charger jar, the unit's JVM options)
 * twice under the same bench load (two sessions with the EV emulator), once without and once with
 * {@code mqtt.*} against a real Mosquitto (telemetry every 200 ms, a site controller sending a heartbeat
 * and a price (below the charge threshold) every 500 ms with replies). Heap used after a full GC ({@code jcmd GC.heap_info}) and the
 * RSS ({@code /proc/<pid>/status}) of each; the line goes to {@code bench/target/site-mqtt-footprint.txt}
 * with the machine's load (site-mqtt/README.md, "Footprint").
 */
class SiteFootprintTest {
    /** The unit's JVM options (yocto/meta-secc/recipes-secc/secc/files/secc.service). */
    static final List<String> JVM = List.of("-Xms32m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    record Footprint(long heapKib, long rssKib) {
    }

    static String jcmd(long pid, String what) throws Exception {
        Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/jcmd", Long.toString(pid), what).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "jcmd " + what + ": " + out);
        return out;
    }

    static Footprint measure(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Thread.sleep(300);
        jcmd(pid, "GC.run");
        String heap = jcmd(pid, "GC.heap_info");
        long used = 0;
        Matcher m = Pattern.compile("(?:def new generation|tenured generation)\\s+total \\d+K, used (\\d+)K").matcher(heap);
        int found = 0;
        while (m.find()) {
            used += Long.parseLong(m.group(1));
            found++;
        }
        assertEquals(2, found, "Serial GC's two generations in:\n" + heap);
        Matcher r = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
        assertTrue(r.find());
        return new Footprint(used, Long.parseLong(r.group(1)));
    }

    static Footprint run(Path dir, String mqtt, Mosquitto broker) throws Exception {
        Files.createDirectories(dir);
        Path policy = dir.resolve("policy.conf");
        Files.writeString(policy, BenchPack.policy(0, 1));
        Path cfg = dir.resolve("secc.conf");
        Files.writeString(cfg, BenchPack.HAL + "policy.file = policy.conf\nctl.socket = " + dir.resolve("secc.sock") + "\nstate.dir = state\n" + mqtt);
        Path log = dir.resolve("secc.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + "/bin/java");
        cmd.addAll(JVM);
        cmd.addAll(List.of("-jar", RunProcessTest.chargerJar().toString(), "run", "--config", cfg.toString(), "--iface", "lo", "--hal", "sim",
                "--no-slac"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SiteController ems = null;
        Thread load = null;
        try {
            int port = Integer.parseInt(SiteRunProcessTest.waitFor(log, "SECC up: V2G TCP on /\\[[0-9a-f:]+\\]:(\\d+)", 60));
            if (broker != null) {
                SiteRunProcessTest.waitFor(log, "MQTT connected", 30);
                SiteController c = new SiteController(broker.url("tcp"), "ems", "site/secc-1/reply/ems", null, null, null);
                c.subscribe("site/secc-1/#");
                ems = c;
                load = new Thread(() -> {
                    for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                        try {
                            c.request("site/secc-1/cmd/heartbeat", "{\"id\":\"hb-" + i + "\"}");
                            c.request("site/secc-1/cmd/price", "{\"id\":\"p-" + i + "\",\"price_per_kwh\":0.05,\"valid_s\":900}");
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }
                }, "site-load");
                load.setDaemon(true);
                load.start();
            }
            Thread.sleep(1500); // the grid enters service
            for (int i = 0; i < 2; i++) {
                ScenarioResult r = new ScenarioRunner(V2gClientConnector.tcp("::1", port), EdgeClock.SYSTEM, null)
                        .run(Scenarios.get("stop-by-ev"), EvConfig.defaults(Service.DC_BPT, ControlMode.DYNAMIC).withLoopPeriod(50));
                assertTrue(r.passed(), r.failures() + "\n" + Files.readString(log));
            }
            if (ems != null) {
                SiteController e = ems;
                assertTrue(e.received.stream().filter(x -> x.topic().endsWith("/measurements")).count() >= 5, "telemetry flowed");
            }
            return measure(p.pid());
        } finally {
            if (load != null) {
                load.interrupt();
                load.join(5000);
            }
            if (ems != null) {
                ems.close();
            }
            SiteRunProcessTest.stop(p);
        }
    }

    @Test
    void theSiteInterfaceAddsLittleHeapAndRss(@TempDir Path dir) throws Exception {
        Mosquitto.require("mosquitto");
        Footprint without = run(dir.resolve("without"), "", null);
        Footprint with;
        try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")), "allow_anonymous true\n")) {
            with = run(dir.resolve("with"), "mqtt.url = " + broker.url("tcp") + "\nmqtt.station_id = secc-1\nmqtt.telemetry_interval_ms = 200\n",
                    broker);
        }
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        String line = String.format(Locale.ROOT, "site-mqtt footprint (secc run %s, 2 EV sessions): heap after full GC %d KiB without mqtt.*, "
                + "%d KiB with (%+d KiB); RSS %d KiB without, %d KiB with (%+d KiB); load average %s, %d cores%n", String.join(" ", JVM),
                without.heapKib(), with.heapKib(), with.heapKib() - without.heapKib(), without.rssKib(), with.rssKib(),
                with.rssKib() - without.rssKib(), load, Runtime.getRuntime().availableProcessors());
        Files.writeString(Path.of("target", "site-mqtt-footprint.txt"), line);
        System.out.print(line);
        // Bounds far above what was measured (README), so that only a real leak or a heavy dependency trips them.
        assertTrue(with.heapKib() - without.heapKib() < 8 * 1024, line);
        assertTrue(with.rssKib() - without.rssKib() < 48 * 1024, line);
    }
}
