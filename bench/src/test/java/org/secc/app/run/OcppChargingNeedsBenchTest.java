package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
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
import org.secc.common.json.JsonNode;

/**
 * The ISO 15118-20 bridge of the OCPP station, whole: `secc run`'s service with ocpp.* keys, the Node CSMS
 * (strict 2.1 validation), the EV emulator in DC_BPT sessions over loopback. NotifyEVChargingNeeds after the
 * transaction started and the car's schedule exchange, NotifyEVChargingSchedule when power starts; in a
 * Scheduled session a new CSMS TxProfile reaches the car by schedule renegotiation (K16) without a second
 * NotifyEVChargingNeeds (K16.FR.09); in a Dynamic session the reported schedule is the CSMS's composite (K19).
 */
class OcppChargingNeedsBenchTest {
    static final Duration T = Duration.ofSeconds(40);
    static final String PASSWORD = "bench-password-0123";

    @TempDir Path dir;
    private NodeCsms csms;

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

    @Test
    void needs_the_csms_rejects_end_the_transaction() throws Exception {
        run(ControlMode.SCHEDULED, "Rejected", (svc, tx) -> {
            awaitCall("NotifyEVChargingNeeds", 0);
            // K18.FR.22, Q01.FR.04: the requested energy transfer is refused: the session stops, the transaction ends.
            JsonNode ended = await(e -> "call".equals(e.path("event").asString()) && "TransactionEvent".equals(e.path("action").asString())
                    && "Ended".equals(e.path("payload").path("eventType").asString())).path("payload");
            assertEquals(tx, ended.path("transactionInfo").path("transactionId").asString());
            assertEquals("AbnormalCondition", ended.path("triggerReason").asString());
            assertEquals("ReqEnergyTransferRejected", ended.path("transactionInfo").path("stoppedReason").asString());
            eventually(() -> svc.chargePoint().charge().snapshot().powerW() == 0, "no power after the refusal");
            assertEquals(1, calls("TransactionEvent").stream().filter(c -> "Started".equals(c.path("payload").path("eventType").asString())).count(),
                    "no new transaction while the car stays plugged in");
        });
    }

    interface Body {
        void run(SeccService svc, String tx) throws Exception;
    }

    private void run(ControlMode mode, Body body) throws Exception {
        run(mode, null, body);
    }

    private void run(ControlMode mode, String needsStatus, Body body) throws Exception {
        try (NodeCsms node = new NodeCsms(PASSWORD)) {
            csms = node;
            if (needsStatus != null) node.set("evChargingNeedsStatus", needsStatus);
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
                    """.formatted(node.port, PASSWORD);
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
                if (needsStatus == null) call("RequestStopTransaction", "{\"transactionId\":\"" + tx + "\"}");
                ev.get(60, TimeUnit.SECONDS);
                assertTrue(!node.strictValidationFailed(), node.events.toString());
            }
        }
    }

    private int index(JsonNode e) {
        List<JsonNode> l = csms.events;
        for (int i = 0; i < l.size(); i++) if (l.get(i) == e) return i;
        return -1;
    }

    private List<JsonNode> calls(String action) {
        return csms.calls(action);
    }

    /** Sends a CALL and waits for its answer, which must be a CALLRESULT. */
    private void call(String action, String payload) throws Exception {
        int n = csms.answers(action).size();
        csms.send(action, payload);
        JsonNode answer = csms.await(e -> same(csms.answers(action), n, e), T);
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
        return csms.await(p, T);
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
