package org.secc.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.site.testing.Mosquitto;
import org.secc.site.testing.SiteController;
import org.secc.site.testing.TestPort;

/** The site client against a real Mosquitto: plain, TLS with client certificates, an ACL; broker loss; bad input. */
class SiteBrokerTest {

    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    static SiteConfig cfg(String url, Map<String, String> extra) {
        Map<String, String> kv = new HashMap<>(Map.of("mqtt.url", url, "mqtt.station_id", "secc-1", "mqtt.telemetry_interval_ms", "100",
                "mqtt.reconnect_min_s", "1", "mqtt.reconnect_max_s", "2", "mqtt.will_delay_s", "0"));
        kv.putAll(extra);
        return SiteConfig.parse(kv, Path.of("/"));
    }

    static SiteClient start(SiteConfig cfg, TestPort port) throws Exception {
        SiteClient c = new SiteClient(cfg, port, System::nanoTime, Clock.systemUTC());
        c.start();
        await("connected", c::isConnected);
        return c;
    }

    @Test
    void commandsRepliesTelemetryAndBadInputOnAPlainBroker(@TempDir Path dir) throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir, "allow_anonymous true\n")) {
            TestPort port = new TestPort();
            try (SiteClient client = start(cfg(broker.url("tcp"), Map.of()), port);
                 SiteController ems = new SiteController(broker.url("tcp"), "ems", "ems/replies", null, null, null)) {
                ems.subscribe("site/secc-1/#");
                port.telemetry.set(TestPort.snapshot(5000)); // a change beyond the deadband: a sample now
                await("online, state and a sample", () -> has(ems, "site/secc-1/online", "true")
                        && ems.received.stream().anyMatch(r -> r.topic().equals("site/secc-1/evse/1/state") && r.retained())
                        && ems.received.stream().anyMatch(r -> r.topic().equals("site/secc-1/evse/1/measurements")));
                SiteController.Received sample = ems.received.stream().filter(r -> r.topic().endsWith("/measurements")).findFirst().orElseThrow();
                assertFalse(sample.retained());
                assertTrue(sample.expiry() != null && sample.expiry() == 30, "samples carry a message expiry: " + sample.expiry());
                assertEquals(List.of(), Schemas.validate(Schemas.schema("measurements.schema.json"), sample.payload()));

                String ok = ems.request("site/secc-1/cmd/dispatch", "{\"id\":\"d-1\",\"setpoint_w\":-7000,\"valid_s\":30}");
                assertEquals("{\"id\":\"d-1\",\"accepted\":true,\"duplicate\":false,\"message\":\"dispatch applied\"}", ok);
                String dup = ems.request("site/secc-1/cmd/dispatch", "{\"id\":\"d-1\",\"setpoint_w\":-1000,\"valid_s\":30}");
                assertEquals("{\"id\":\"d-1\",\"accepted\":true,\"duplicate\":true,\"message\":\"dispatch applied\"}", dup);
                assertEquals(1, port.applied.size(), "a duplicate id is applied once");

                String[][] bad = {
                    {"price", "not json", "{\"id\":null,\"accepted\":false,\"duplicate\":false,\"message\":\"payload is not valid JSON: "},
                    {"price", "{\"id\":\"p\",\"price_per_kwh\":\"high\"}", "{\"id\":\"p\",\"accepted\":false,\"duplicate\":false,"
                            + "\"message\":\"price_per_kwh: expected a number, got string\"}"},
                    {"reboot", "{\"id\":\"r\"}", "{\"id\":null,\"accepted\":false,\"duplicate\":false,\"message\":\"unknown command 'reboot'; allowed: "},
                    {"force-discharge", "{\"id\":\"f\",\"power_w\":-5}", "{\"id\":\"f\",\"accepted\":false,\"duplicate\":false,"
                            + "\"message\":\"force-discharge power must be > 0 W\"}"},
                };
                for (String[] b : bad) {
                    String r = ems.request("site/secc-1/cmd/" + b[0], b[1]);
                    assertTrue(r.startsWith(b[2]), r);
                    assertEquals(List.of(), Schemas.validate(Schemas.schema("reply.schema.json"), r));
                }
                byte[] big = new byte[60_000];
                java.util.Arrays.fill(big, (byte) ' ');
                String r = ems.send("site/secc-1/cmd/price", big).get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals("{\"id\":null,\"accepted\":false,\"duplicate\":false,\"message\":\"payload of 60000 bytes; a command is at most 4096\"}", r);
                assertEquals(1, port.applied.size(), "nothing applied from a refused command");
                assertTrue(client.isConnected(), "still connected after bad input");

                ems.publish("site/secc-1/cmd/price", "{\"id\":\"q\"}", false); // no response topic: the refusal goes to <prefix>/reply
                await("refusal on site/secc-1/reply", () -> ems.received.stream().anyMatch(x -> x.topic().equals("site/secc-1/reply")
                        && x.payload().contains("price_per_kwh: required")));
                String hb = ems.request("site/secc-1/cmd/heartbeat", "{\"id\":\"hb-1\"}");
                assertTrue(hb.contains("\"accepted\":true"), hb);
            }
            assertEquals(List.of(false, true), port.links);
        }
    }

    static boolean has(SiteController c, String topic, String payload) {
        return c.received.stream().anyMatch(r -> r.topic().equals(topic) && r.payload().equals(payload));
    }

    @Test
    void brokerKilledAndBackTheClientReconnectsAndTheWillMarksItOffline(@TempDir Path dir) throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir, "allow_anonymous true\n")) {
            TestPort port = new TestPort();
            SiteClient client = start(cfg(broker.url("tcp"), Map.of()), port);
            try {
                broker.kill();
                await("link down reported", () -> port.links.equals(List.of(false, true, false)));
                assertFalse(client.isConnected());
                broker.restart();
                await("reconnected with back-off", () -> port.links.equals(List.of(false, true, false, true)));
                try (SiteController ems = new SiteController(broker.url("tcp"), "ems", "ems/replies", null, null, null)) {
                    ems.subscribe("site/secc-1/online");
                    await("retained online after the reconnect", () -> has(ems, "site/secc-1/online", "true"));
                    assertTrue(ems.request("site/secc-1/cmd/heartbeat", "{\"id\":\"hb-2\"}").contains("\"accepted\":true"),
                            "commands are subscribed again");
                }
            } finally {
                client.close();
            }
            try (SiteController ems = new SiteController(broker.url("tcp"), "ems2", null, null, null, null)) {
                ems.subscribe("site/secc-1/online");
                await("retained offline after close", () -> has(ems, "site/secc-1/online", "false"));
            }
        }
    }

    @Test
    void mqttsWithClientCertificates(@TempDir Path dir) throws Exception {
        Mosquitto.pki(dir, "secc-1", "ems");
        String tls = "cafile " + dir.resolve("ca.pem") + "\ncertfile " + dir.resolve("server.pem") + "\nkeyfile " + dir.resolve("server.key")
                + "\nrequire_certificate true\nuse_identity_as_username true\ntls_version tlsv1.2\nallow_anonymous false\n";
        try (Mosquitto broker = Mosquitto.start(dir, tls)) {
            TestPort port = new TestPort();
            Map<String, String> certs = Map.of("mqtt.tls.ca_file", dir.resolve("ca.pem").toString(),
                    "mqtt.tls.cert_file", dir.resolve("secc-1.pem").toString(), "mqtt.tls.key_file", dir.resolve("secc-1.key").toString());
            try (SiteClient client = start(cfg(broker.url("ssl"), certs), port);
                 SiteController ems = new SiteController(broker.url("ssl"), "ems", "ems/replies", null, null,
                         PemTls.context(dir.resolve("ca.pem"), dir.resolve("ems.pem"), dir.resolve("ems.key")).getSocketFactory())) {
                assertTrue(ems.request("site/secc-1/cmd/price", "{\"id\":\"p-1\",\"price_per_kwh\":0.42,\"valid_s\":900}").contains("\"accepted\":true"));
                assertEquals(1, port.applied.size());
            }
            // without a client certificate the broker refuses the connection
            assertThrows(MqttException.class, () -> new SiteController(broker.url("ssl"), "anon", null, null, null,
                    PemTls.context(dir.resolve("ca.pem"), null, null).getSocketFactory()).close());
        }
    }

    @Test
    void aclLetsTheChargerPublishOnlyUnderItsOwnPrefix(@TempDir Path dir) throws Exception {
        Mosquitto.require("mosquitto_passwd");
        Path pw = dir.resolve("passwd");
        Files.writeString(pw, "");
        Mosquitto.run(dir, "mosquitto_passwd", "-b", pw.toString(), "secc-1", "charger-pw");
        Mosquitto.run(dir, "mosquitto_passwd", "-b", pw.toString(), "ems", "ems-pw");
        Path acl = dir.resolve("acl");
        Files.writeString(acl, "user secc-1\ntopic write site/secc-1/#\ntopic read site/secc-1/cmd/#\n\nuser ems\ntopic readwrite site/#\n");
        try (Mosquitto broker = Mosquitto.start(dir, "allow_anonymous false\npassword_file " + pw + "\nacl_file " + acl + "\n")) {
            TestPort port = new TestPort();
            Map<String, String> creds = Map.of("mqtt.username", "secc-1", "mqtt.password", "charger-pw");
            try (SiteClient client = start(cfg(broker.url("tcp"), creds), port);
                 SiteController ems = new SiteController(broker.url("tcp"), "ems", "site/secc-1/reply/ems", "ems", "ems-pw", null)) {
                ems.subscribe("site/#");
                assertTrue(ems.request("site/secc-1/cmd/auto", "{\"id\":\"a-1\"}").contains("\"accepted\":true"),
                        "replies under the charger's own prefix pass the ACL");
                // the charger's identity cannot publish under another station's prefix
                try (SiteController rogue = new SiteController(broker.url("tcp"), "secc-1-rogue", null, "secc-1", "charger-pw", null)) {
                    try {
                        rogue.publish("site/secc-2/cmd/emergency-stop", "{\"id\":\"x\"}", false).waitForCompletion(5000);
                    } catch (MqttException refused) {
                        // MQTT v5: PUBACK with 0x87 not authorized
                    }
                    rogue.publish("site/secc-1/marker", "{}", false).waitForCompletion(5000);
                }
                await("marker", () -> ems.received.stream().anyMatch(r -> r.topic().equals("site/secc-1/marker")));
                assertFalse(ems.received.stream().anyMatch(r -> r.topic().startsWith("site/secc-2/")),
                        "nothing the charger's identity publishes outside site/secc-1/ is delivered");
            }
            assertThrows(MqttException.class, () -> new SiteController(broker.url("tcp"), "x", null, "secc-1", "wrong", null),
                    "a wrong password is refused");
        }
    }

    static String sample(int i) {
        return "{\"evse_id\":1,\"soc_pct\":50.0,\"voltage_v\":400.0,\"current_a\":" + i + ",\"power_w\":" + (400 * i)
                + ",\"energy_imported_wh\":0.0,\"energy_exported_wh\":0.0,\"ts\":\"2026-12-07T04:00:00Z\"}";
    }

    @Test
    void tenThousandTelemetryMessagesAndAThousandCommandsWithoutLossOnQos1(@TempDir Path dir) throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir, "allow_anonymous true\nmax_queued_messages 20000\n")) {
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long heapBefore = rt.totalMemory() - rt.freeMemory();
            long rssBefore = rssKb();
            TestPort port = new TestPort();
            try (SiteController ems = new SiteController(broker.url("tcp"), "ems", "ems/replies", null, null, null);
                 SiteClient client = start(cfg(broker.url("tcp"), Map.of("mqtt.telemetry_interval_ms", "3600000")), port)) {
                ems.subscribe("site/secc-1/load");
                for (int i = 0; i < 10_000; i++) {
                    client.submit(new Publication("site/secc-1/load", sample(i).getBytes(StandardCharsets.UTF_8), false, 60));
                }
                List<java.util.concurrent.CompletableFuture<String>> replies = new java.util.ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    replies.add(ems.send("site/secc-1/cmd/price", ("{\"id\":\"p-" + i + "\",\"price_per_kwh\":0." + i + ",\"valid_s\":900}")
                            .getBytes(StandardCharsets.UTF_8)));
                }
                for (var f : replies) {
                    assertTrue(f.get(60, java.util.concurrent.TimeUnit.SECONDS).contains("\"accepted\":true"));
                }
                await("10,000 samples", () -> ems.received.stream().filter(r -> r.topic().equals("site/secc-1/load")).count() >= 10_000);
                long distinct = ems.received.stream().filter(r -> r.topic().equals("site/secc-1/load")).map(SiteController.Received::payload)
                        .distinct().count();
                assertEquals(10_000, distinct, "every sample arrived");
                assertEquals(1000, port.applied.size(), "every command applied once");
                System.gc();
                long heapAfter = rt.totalMemory() - rt.freeMemory();
                long rssAfter = rssKb();
                String report = String.format(java.util.Locale.ROOT,
                        "site-mqtt load: 10000 telemetry + 1000 commands on QoS 1, no loss; heap after GC %+d KiB, RSS %+d KiB "
                                + "(both clients in this JVM)%n", (heapAfter - heapBefore) / 1024, rssAfter - rssBefore);
                System.out.print(report);
                Files.writeString(Path.of("target", "site-mqtt-footprint.txt"), report);
            }
        }
    }

    static long rssKb() throws java.io.IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
