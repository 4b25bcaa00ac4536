package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.secc.ev.session.Service;
import org.secc.ocpp.rpc.Json;
import tools.jackson.databind.JsonNode;

/**
 * The ISO 15118-20 bridge of the OCPP station, whole: `secc run`'s service with ocpp.* keys, the Node CSMS
 * (strict 2.1 validation), the EV emulator in DC_BPT sessions over loopback. NotifyEVChargingNeeds after the
 * transaction started and the car's schedule exchange, NotifyEVChargingSchedule when power starts; in a
 * Scheduled session a new CSMS TxProfile reaches the car by schedule renegotiation (K16) without a second
 * NotifyEVChargingNeeds (K16.FR.09); in a Dynamic session the reported schedule is the CSMS's composite (K19).
 */
class OcppChargingNeedsBenchTest {
    static final Duration T = Duration.ofSeconds(40);
    static final Path CSMS_DIR = Path.of("../ocpp/src/test/csms").toAbsolutePath().normalize();
    static final String PASSWORD = "bench-password-0123";

    @TempDir Path dir;
    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private Writer w;

    @Test
    void scheduled_session_needs_schedule_and_a_csms_profile_by_renegotiation() throws Exception {
        run(ControlMode.SCHEDULED, (svc, tx) -> {
            JsonNode needs = awaitCall("NotifyEVChargingNeeds", 0).path("payload");
            assertTrue(index(awaitCall("TransactionEvent", 0)) < index(awaitCall("NotifyEVChargingNeeds", 0)),
                    "the transaction starts before the needs go (K15 prerequisites, K18.FR.16)");
            JsonNode cn = needs.path("chargingNeeds");
            assertEquals(1, needs.path("evseId").asInt());
            assertEquals("DC_BPT", cn.path("requestedEnergyTransfer").asString());
            assertEquals("ScheduledControl", cn.path("controlMode").asString());
            assertEquals("[\"DC_BPT\",\"DC\"]", cn.path("availableEnergyTransfer").toString());
            assertTrue(cn.path("v2xChargingParameters").path("maxChargePower").asDouble() > 0, cn.toString());
            assertTrue(cn.path("v2xChargingParameters").path("maxDischargePower").asDouble() > 0, "a positive magnitude: " + cn);
            assertTrue(cn.has("departureTime"), cn.toString());
            assertEquals(24, needs.path("maxScheduleTuples").asInt(), "the car's MaximumSupportingPoints");
            JsonNode sch = awaitCall("NotifyEVChargingSchedule", 0).path("payload");
            assertEquals(1, sch.path("selectedChargingScheduleId").asInt(), "the tuple the car selected");
            assertTrue(sch.path("chargingSchedule").path("chargingSchedulePeriod").path(0).path("limit").asDouble() > 0, sch.toString());
            eventually(() -> svc.chargePoint().charge().snapshot().powerW() > 4500, "charging above what the CSMS will allow");

            // A ChargingOnly TxProfile of 4 kW: the car renegotiates its schedule (K16.FR.01-03) and follows it.
            call("SetChargingProfile", """
                    {"evseId":1,"chargingProfile":{"id":21,"stackLevel":1,"chargingProfilePurpose":"TxProfile",
                     "chargingProfileKind":"Relative","transactionId":"%s","chargingSchedule":[{"id":1,"chargingRateUnit":"W",
                     "chargingSchedulePeriod":[{"startPeriod":0,"limit":4000}]}]}}""".formatted(tx));
            JsonNode again = awaitCall("NotifyEVChargingSchedule", 1).path("payload");
            assertEquals(1, again.path("selectedChargingScheduleId").asInt(), again.toString());
            eventually(() -> svc.chargePoint().charge().snapshot().powerW() < 4200, "the car at the CSMS's 4 kW");
            Thread.sleep(1000);
            assertEquals(1, calls("NotifyEVChargingNeeds").size(), "a renegotiation the CSMS caused sends no new needs (K16.FR.09)");
            assertTrue(svc.chargePoint().charge().snapshot().chargeReason().contains("CSMS TxProfile 21"), svc.chargePoint().charge().snapshot().chargeReason());
        });
    }

    @Test
    void dynamic_session_reports_the_csms_composite_as_the_schedule() throws Exception {
        run(ControlMode.DYNAMIC, (svc, tx) -> {
            JsonNode cn = awaitCall("NotifyEVChargingNeeds", 0).path("payload").path("chargingNeeds");
            assertEquals("DynamicControl", cn.path("controlMode").asString());
            assertTrue(cn.path("v2xChargingParameters").has("evMaxV2XEnergyRequest"), "the V2X energy requests of a Dynamic BPT car: " + cn);
            JsonNode sch = awaitCall("NotifyEVChargingSchedule", 0).path("payload");
            assertFalse(sch.has("selectedChargingScheduleId"), "no tuple in Dynamic mode: " + sch);
            assertEquals("ChargingOnly", sch.path("chargingSchedule").path("chargingSchedulePeriod").path(0).path("operationMode").asString(), sch.toString());
        });
    }

    interface Body {
        void run(SeccService svc, String tx) throws Exception;
    }

    private void run(ControlMode mode, Body body) throws Exception {
        boolean ok = Files.isDirectory(CSMS_DIR.resolve("node_modules/ocpp-rpc"));
        String why = "the test CSMS needs Node and `npm ci` in " + CSMS_DIR + " (.ci/run does that)";
        if (!ok && System.getenv("CI") != null) fail(why);
        Assumptions.assumeTrue(ok, why);
        Process node = new ProcessBuilder("node", "csms.js", "--password", PASSWORD).directory(CSMS_DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        w = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) events.add(Json.MAPPER.readTree(l));
            } catch (Exception ignored) {
                // the CSMS ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            int port = await(e -> "listening".equals(e.path("event").asString())).path("port").asInt();
            Files.writeString(dir.resolve("policy.conf"), SteppedBench.POLICY);
            String cfg = ServiceOverSocketsTest.CONFIG + """
                    charge.auto_authorize = false
                    ocpp.csms_url = ws://127.0.0.1:%d/ocpp
                    ocpp.identity = CS-BENCH-2
                    ocpp.security_profile = 1
                    ocpp.password = %s
                    ocpp.data_dir = ocpp-data
                    ocpp.id_token = EIM-4712
                    ocpp.tx_updated_interval_s = 3600
                    """.formatted(port, PASSWORD);
            try (SeccService svc = new SeccService(SeccConfig.parse(cfg, dir), new SeccService.Placement(
                    new InetSocketAddress(InetAddress.getByName("::1"), 0), Optional.empty(), Optional.empty(), false))) {
                awaitCall("StatusNotification", 0);
                Thread.sleep(1500); // the grid enters service (delay 0, ramp 1 s) on the real-time bench
                Scenario sc = new Scenario("ocpp-needs", "ocpp-needs", () -> Scenarios.bench(50), () -> (Battery b, long t) -> Decision.CHARGE,
                        null, false, 0, true, true, true, 120_000);
                CompletableFuture<ScenarioResult> ev = CompletableFuture.supplyAsync(() -> {
                    try {
                        return new ScenarioRunner(V2gClientConnector.tcp("::1", svc.v2gServer().port()), EdgeClock.SYSTEM, null)
                                .run(sc, EvConfig.defaults(Service.DC_BPT, mode).withLoopPeriod(50));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                String tx = awaitCall("TransactionEvent", 0).path("payload").path("transactionInfo").path("transactionId").asString();
                body.run(svc, tx);
                call("RequestStopTransaction", "{\"transactionId\":\"" + tx + "\"}");
                ev.get(60, TimeUnit.SECONDS);
                assertTrue(events.stream().noneMatch(e -> "strictValidationFailure".equals(e.path("event").asString())), events.toString());
            }
        } finally {
            node.destroyForcibly();
            node.waitFor();
        }
    }

    private int index(JsonNode e) {
        return events.indexOf(e);
    }

    private List<JsonNode> calls(String action) {
        return events.stream().filter(x -> "call".equals(x.path("event").asString()) && action.equals(x.path("action").asString())).toList();
    }

    private void call(String action, String payload) throws Exception {
        var c = Json.MAPPER.createObjectNode().put("cmd", "call").put("action", action);
        c.set("payload", Json.MAPPER.readTree(payload));
        w.write(c + "\n");
        w.flush();
        JsonNode answer = await(e -> ("callResult".equals(e.path("event").asString()) || "callError".equals(e.path("event").asString()))
                && action.equals(e.path("action").asString()));
        events.remove(answer);
        assertEquals("callResult", answer.path("event").asString(), answer.toString());
    }

    private JsonNode awaitCall(String action, int n) {
        return await(e -> "call".equals(e.path("event").asString()) && action.equals(e.path("action").asString()) && same(calls(action), n, e));
    }

    /** The n-th element is this very event (two identical CALLs are equal as JSON). */
    static boolean same(List<JsonNode> l, int n, JsonNode e) {
        return l.size() > n && l.get(n) == e;
    }

    private JsonNode await(Predicate<JsonNode> p) {
        long end = System.nanoTime() + T.toNanos();
        while (System.nanoTime() < end) {
            for (JsonNode e : events) if (p.test(e)) return e;
            sleep();
        }
        throw new AssertionError("CSMS event not seen: " + events);
    }

    private static void eventually(BooleanSupplier c, String what) {
        long end = System.nanoTime() + T.toNanos();
        while (System.nanoTime() < end) {
            if (c.getAsBoolean()) return;
            sleep();
        }
        throw new AssertionError("not within " + T + ": " + what);
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
