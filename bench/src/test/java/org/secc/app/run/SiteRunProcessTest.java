package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.ctl.CtlClient;
import org.secc.bench.BenchPack;
import org.secc.common.json.Json;
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
 * `secc run` with {@code mqtt.*} configured, as a site runs it: the charger jar in its own process, a real
 * Mosquitto, the README walkthrough's own {@code mosquitto_sub}/{@code mosquitto_rr}/{@code mosquitto_pub}
 * lines, a site controller (Paho) whose replies come back on its Response Topic with its Correlation
 * Data, telemetry from a session with the EV emulator, the energy registers across a restart, and the
 * broker killed: charge-only (the fail-safe in `secc ctl status` and on the retained limits topic) within
 * {@code site_heartbeat_timeout_s}, and back when the broker and the heartbeat return.
 */
class SiteRunProcessTest {
    static final int TIMEOUT_S = 3;

    static String waitFor(Path log, String regex, int seconds) throws Exception {
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

    @SuppressWarnings("unchecked")
    static Map<String, Object> status(Path sock) throws Exception {
        Map<String, Object> reply = (Map<String, Object>) Json.parse(CtlClient.send(sock, "status", Duration.ofSeconds(5)));
        return (Map<String, Object>) reply.get("status");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> failsafe(Map<String, Object> status) {
        return (Map<String, Object>) ((Map<String, Object>) status.get("policy")).get("failsafe");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> connector(Map<String, Object> status) {
        return ((List<Map<String, Object>>) status.get("connectors")).get(0);
    }

    static long awaitStatus(Path sock, String what, Predicate<Map<String, Object>> cond, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Map<String, Object> last = null;
        while (System.nanoTime() < end) {
            last = status(sock);
            if (cond.test(last)) {
                return System.nanoTime();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + seconds + " s: " + what + "; status " + last);
    }

    /** The last payload seen on a topic, or null. */
    static String last(SiteController c, String topic) {
        String p = null;
        for (SiteController.Received r : c.received) {
            if (r.topic().equals(topic)) {
                p = r.payload();
            }
        }
        return p;
    }

    static void awaitTopic(SiteController c, String topic, Predicate<String> cond, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (c.received.stream().anyMatch(r -> r.topic().equals(topic) && cond.test(r.payload()))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + seconds + " s on " + topic + "; last " + last(c, topic));
    }

    static Process start(Path cfg, Path log) throws Exception {
        Files.deleteIfExists(log);
        return new ProcessBuilder(List.of(System.getProperty("java.home") + "/bin/java", "-jar", RunProcessTest.chargerJar().toString(),
                "run", "--config", cfg.toString(), "--iface", "lo", "--hal", "sim", "--no-slac"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM: the ordered shutdown, which saves the energy registers last
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "secc run stops on SIGTERM");
    }

    /** The walkthrough lines of site-mqtt/README.md, as a reader copies them (comments dropped). */
    static List<String> walkthrough() throws Exception {
        String readme = Files.readString(Path.of("..", "site-mqtt", "README.md"));
        String block = readme.substring(readme.indexOf("<!-- walkthrough -->"), readme.indexOf("<!-- /walkthrough -->"));
        List<String> lines = new ArrayList<>();
        for (String l : block.split("\n")) {
            if (l.startsWith("mosquitto_")) {
                lines.add(l.replaceAll("\\s+#.*$", ""));
            }
        }
        assertEquals(7, lines.size(), block);
        return lines;
    }

    @Test
    void seccRunServesTheSiteOverARealBrokerAndGoesChargeOnlyWhenTheBrokerDies(@TempDir Path dir) throws Exception {
        Mosquitto.require("mosquitto_rr");
        Path brokerDir = Files.createDirectories(dir.resolve("broker"));
        try (Mosquitto broker = Mosquitto.start(brokerDir, "allow_anonymous true\n")) {
            Path policy = dir.resolve("policy.conf");
            Files.writeString(policy, BenchPack.policy(0, 1).replace("site_heartbeat_timeout_s = 0", "site_heartbeat_timeout_s = " + TIMEOUT_S));
            Path sock = dir.resolve("secc.sock");
            Path state = dir.resolve("state");
            Path cfg = dir.resolve("secc.conf");
            // the "discharge" scenario's car is at 60 %: the simulated battery too, so the two sides agree on its voltage
            Files.writeString(cfg, BenchPack.HAL.replace("sim.battery_initial_soc = 0.5", "sim.battery_initial_soc = 0.6") + "policy.file = policy.conf\nctl.socket = " + sock + "\nstate.dir = state\n"
                    + "mqtt.url = " + broker.url("tcp") + "\nmqtt.station_id = secc-1\nmqtt.telemetry_interval_ms = 200\n"
                    + "mqtt.reconnect_min_s = 1\nmqtt.reconnect_max_s = 1\n");
            Path log = dir.resolve("secc.log");
            Process p = start(cfg, log);
            AtomicBoolean beating = new AtomicBoolean(true);
            AtomicReference<SiteController> hbClient = new AtomicReference<>();
            Thread heart = null;
            try {
                int port = Integer.parseInt(waitFor(log, "SECC up: V2G TCP on /\\[[0-9a-f:]+\\]:(\\d+)", 60));
                waitFor(log, "MQTT connected to " + Pattern.quote(broker.url("tcp")), 30);
                SiteController watch = new SiteController(broker.url("tcp"), "watch", null, null, null, null);
                watch.subscribe("site/secc-1/#");

                // the README walkthrough against the running charger, with the broker's port for 1883
                List<String> out = new ArrayList<>();
                for (String line : walkthrough()) {
                    String cmd = line.replace("-p 1883", "-p " + broker.port());
                    if (line.contains("cmd/heartbeat")) {
                        // the walkthrough's heartbeat arms the supervision: keep it beating from here on (every 500 ms)
                        hbClient.set(new SiteController(broker.url("tcp"), "ems-hb", "site/secc-1/reply/hb", null, null, null));
                        heart = new Thread(() -> {
                            int n = 0;
                            while (beating.get()) {
                                try {
                                    SiteController c = hbClient.get();
                                    if (c != null && c.isConnected()) {
                                        c.publish("site/secc-1/cmd/heartbeat", "{\"id\":\"hb-t" + n++ + "\"}", false);
                                    }
                                    Thread.sleep(500);
                                } catch (Exception e) {
                                    // the broker is down: try again at the next beat
                                }
                            }
                        }, "site-heartbeat");
                        heart.setDaemon(true);
                    }
                    Process c = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
                    String text = new String(c.getInputStream().readAllBytes()).strip();
                    assertTrue(c.waitFor(20, TimeUnit.SECONDS), cmd);
                    assertEquals(0, c.exitValue(), cmd + " -> " + text);
                    out.add(text);
                    if (heart != null && heart.getState() == Thread.State.NEW) {
                        heart.start();
                    }
                }
                assertEquals("true", out.get(0), "online, retained");
                @SuppressWarnings("unchecked")
                Map<String, Object> st = (Map<String, Object>) Json.parse(out.get(1));
                assertEquals(1, ((Number) st.get("evse_id")).intValue());
                for (String k : List.of("lifecycle", "lifecycle_reason", "protocol", "session_state", "mode", "charge_limit_w",
                        "charge_limit_reason", "discharge_limit_w", "discharge_limit_reason", "trips", "faults", "ts")) {
                    assertTrue(st.containsKey(k), k + " in " + out.get(1));
                }
                assertEquals("{\"id\":\"p-1\",\"accepted\":true,\"duplicate\":false,\"message\":\"price 0.42 for 900 s\"}", out.get(2));
                assertTrue(out.get(3).startsWith("{\"id\":\"d-1\",\"accepted\":true,\"duplicate\":false,\"message\":\"dispatch setpoint from mqtt"),
                        out.get(3));
                assertEquals("{\"id\":\"p-2\",\"accepted\":false,\"duplicate\":false,\"message\":\"price_per_kwh: expected a number, got string\"}",
                        out.get(4));
                assertTrue(out.get(6).contains("\"source\":\"mqtt\",\"id\":\"d-1\",\"kind\":\"setpoint\"") && out.get(6).contains("evening peak"),
                        out.get(6));

                // the site controller's own client: replies on its Response Topic, matched by its Correlation Data
                try (SiteController ems = new SiteController(broker.url("tcp"), "ems", "site/secc-1/reply/ems", null, null, null)) {
                    assertEquals("{\"id\":\"p-1\",\"accepted\":true,\"duplicate\":true,\"message\":\"price 0.42 for 900 s\"}",
                            ems.request("site/secc-1/cmd/price", "{\"id\":\"p-1\",\"price_per_kwh\":0.05,\"valid_s\":900}"),
                            "the walkthrough's id again: applied once");
                    String bad = ems.request("site/secc-1/cmd/dispatch", "{\"id\":\"d-9\",\"setpoint_w\":-7000}");
                    assertEquals("{\"id\":\"d-9\",\"accepted\":false,\"duplicate\":false,\"message\":\"valid_s: required\"}", bad);
                    assertTrue(ems.request("site/secc-1/cmd/nap", "{\"id\":\"n-1\"}").contains("unknown command 'nap'"));
                    assertTrue(ems.isConnected());
                }

                // a session with the EV emulator under the walkthrough's 7 kW discharge setpoint: telemetry and the registers
                Thread.sleep(1500); // the grid enters service (delay 0, ramp 1 s) on the real-time bench
                ScenarioResult r = new ScenarioRunner(V2gClientConnector.tcp("::1", port), EdgeClock.SYSTEM, null)
                        .run(Scenarios.get("discharge"), EvConfig.defaults(Service.DC_BPT, ControlMode.DYNAMIC).withLoopPeriod(50));
                assertTrue(r.passed(), r.failures() + "\n" + Files.readString(log));
                awaitTopic(watch, "site/secc-1/evse/1/state", s -> s.contains("\"protocol\":\"iso15118-20\""), 10);
                awaitTopic(watch, "site/secc-1/evse/1/measurements", s -> {
                    Object e = ((Map<?, ?>) Json.parse(s)).get("energy_exported_wh");
                    return e instanceof Number n && n.doubleValue() > 0;
                }, 20);
                assertTrue(watch.received.stream().anyMatch(x -> x.topic().endsWith("/measurements") && x.payload().contains("\"power_w\":-")),
                        "a sample with power out of the EV (negative)");
                double exported = ((Number) connector(status(sock)).get("energy_exported_wh")).doubleValue();
                assertTrue(exported > 0, "status shows the register too: " + exported);

                // the broker killed: charge-only within site_heartbeat_timeout_s
                long killed = System.nanoTime();
                broker.kill();
                long failsafeAt = awaitStatus(sock, "fail-safe after the broker loss", s -> (Boolean) failsafe(s).get("active")
                        && failsafe(s).get("reasons").toString().contains("mqtt connection lost"), TIMEOUT_S + 5);
                double afterS = (failsafeAt - killed) / 1e9;
                assertTrue(afterS <= TIMEOUT_S + 1.0, "charge-only " + afterS + " s after the broker died; timeout " + TIMEOUT_S + " s");
                assertTrue(afterS >= TIMEOUT_S - 0.5, "not before the timeout: " + afterS + " s");

                // back: the broker restarts, the charger reconnects and publishes the fail-safe; the next heartbeat lifts it
                broker.restart();
                SiteController watch2 = new SiteController(broker.url("tcp"), "watch2", null, null, null, null);
                watch2.subscribe("site/secc-1/#");
                awaitTopic(watch2, "site/secc-1/online", "true"::equals, 15);
                // before the heartbeat is back the charger shows its fail-safe on the retained limits topic
                awaitTopic(watch2, "site/secc-1/limits", x -> x.contains("\"failsafe\":{\"active\":true,\"reasons\":[\"site controller heartbeat lost"),
                        10);
                hbClient.set(new SiteController(broker.url("tcp"), "ems-hb2", "site/secc-1/reply/hb2", null, null, null));
                awaitStatus(sock, "fail-safe lifted after the broker and the heartbeat are back", x -> !(Boolean) failsafe(x).get("active"), 15);
                awaitTopic(watch2, "site/secc-1/limits", x -> x.contains("\"failsafe\":{\"active\":false"), 10);
                watch.close();
                watch2.close();
                beating.set(false);
                hbClient.get().close();
            } finally {
                beating.set(false);
                stop(p);
            }
            assertTrue(Files.readString(log).contains("shutdown: contactors open"), Files.readString(log));

            // the registers survive the restart: what the service saved last is where the next one starts
            @SuppressWarnings("unchecked")
            Map<String, Object> saved = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) Json.parse(
                    Files.readString(state.resolve("energy-registers.json")))).get("connectors")).get("1");
            double savedExport = ((Number) saved.get("exported_wh")).doubleValue();
            assertTrue(savedExport > 0, saved.toString());
            Process again = start(cfg, log);
            try {
                waitFor(log, "SECC up", 60);
                Map<String, Object> c = connector(status(sock));
                assertEquals(savedExport, ((Number) c.get("energy_exported_wh")).doubleValue(), 0.05, "restored after the restart: " + c);
            } finally {
                stop(again);
            }
        }
    }
}
