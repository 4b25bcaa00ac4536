package org.secc.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.common.json.JsonNode;
import org.secc.common.json.ObjectNode;

/** Whole scenarios against the Node CSMS (ocpp-rpc, strict schema validation of 2.1 and 2.0.1). */
class CsmsScenarioTest {
    static final Duration T = Duration.ofSeconds(20);
    static final String PASSWORD = "s3cret-password-0123";

    @TempDir Path dir;

    static OcppSettings settings(int port, Path dir) {
        return OcppSettings.of(URI.create("ws://127.0.0.1:" + port + "/ocpp"), "CS 001|a", 1, PASSWORD, dir)
                .withTimes(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(3600));
    }

    static void eventually(BooleanSupplier cond, String what) {
        long end = System.nanoTime() + T.toNanos();
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) return;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("not within " + T + ": " + what);
    }

    static ObjectNode json(String s) {
        return (ObjectNode) JsonNode.parse(s);
    }

    @Test
    void boot_authorize_discharge_at_a_central_setpoint_then_clear_and_stop_over_2_1() throws Exception {
        BenchCharger car = new BenchCharger();
        try (CsmsProcess csms = new CsmsProcess("--password", PASSWORD);
             OcppClient client = new OcppClient(settings(csms.port, dir), car, Clock.systemUTC(), null)) {
            client.start();
            JsonNode connected = csms.await(e -> "connected".equals(e.path("event").asString()), T);
            assertEquals("ocpp2.1", connected.path("protocol").asString());
            assertEquals("CS 001|a", connected.path("identity").asString(), "identity percent-encoded in the URL, decoded by the CSMS");
            JsonNode boot = csms.awaitCall("BootNotification", 0, T);
            assertEquals("PowerUp", boot.path("payload").path("reason").asString());
            JsonNode status = csms.awaitCall("StatusNotification", 0, T);
            assertEquals("Available", status.path("payload").path("connectorStatus").asString());

            car.plug();
            JsonNode started = csms.awaitCall("TransactionEvent", 0, T).path("payload");
            assertEquals("Started", started.path("eventType").asString());
            assertEquals("CablePluggedIn", started.path("triggerReason").asString());
            assertEquals(0, started.path("seqNo").asInt());
            String txId = started.path("transactionInfo").path("transactionId").asString();
            assertEquals("Occupied", csms.awaitCall("StatusNotification", 1, T).path("payload").path("connectorStatus").asString());

            client.authorize(1, "EIM-TOKEN-1");
            assertEquals("EIM-TOKEN-1", csms.awaitCall("Authorize", 0, T).path("payload").path("idToken").path("idToken").asString());
            eventually(() -> car.pushed.contains("authorization EIM-TOKEN-1 true Accepted"), "authorization pushed to the charger");
            JsonNode authorized = csms.awaitCall("TransactionEvent", 1, T).path("payload");
            assertEquals("Authorized", authorized.path("triggerReason").asString());
            assertEquals(1, authorized.path("seqNo").asInt());

            // The CSMS dispatches a discharge: CentralSetpoint −7 kW (Q03), no limit/dischargeLimit from a CSMS (Q03.FR.02).
            csms.call("SetChargingProfile", json("""
                    {"evseId":1,"chargingProfile":{"id":7,"stackLevel":1,"chargingProfilePurpose":"TxProfile",
                     "chargingProfileKind":"Relative","transactionId":"%s",
                     "chargingSchedule":[{"id":1,"chargingRateUnit":"W",
                       "chargingSchedulePeriod":[{"startPeriod":0,"setpoint":-7000,"operationMode":"CentralSetpoint"}]}]}}
                    """.formatted(txId)));
            assertEquals("Accepted", csms.awaitAnswer("SetChargingProfile", 0, T).path("result").path("status").asString());
            eventually(() -> car.limits.containsKey(1) && Double.valueOf(-7000).equals(car.limits.get(1).setpointW()), "setpoint −7000 W pushed");
            assertEquals("CentralSetpoint", car.limits.get(1).operationMode());
            JsonNode modeChanged = csms.awaitCall("TransactionEvent", 2, T).path("payload");
            assertEquals("OperationModeChanged", modeChanged.path("triggerReason").asString());
            assertEquals("CentralSetpoint", modeChanged.path("transactionInfo").path("operationMode").asString());

            car.chargingState = "Charging";
            car.run(-7000, 360); // 0.7 kWh exported at 7 kW
            JsonNode stateChanged = csms.awaitCall("TransactionEvent", 3, T).path("payload");
            assertEquals("ChargingStateChanged", stateChanged.path("triggerReason").asString());
            assertEquals(700.0, sampled(stateChanged, "Energy.Active.Export.Register"), 0.5);
            assertEquals(7000.0, sampled(stateChanged, "Power.Active.Export"), 0.5, "export power is a positive magnitude");
            assertEquals(0.0, sampled(stateChanged, "Power.Active.Import"), 0.0);

            csms.call("GetCompositeSchedule", json("{\"duration\":600,\"evseId\":1,\"chargingRateUnit\":\"W\"}"));
            JsonNode composite = csms.awaitAnswer("GetCompositeSchedule", 0, T).path("result");
            assertEquals("Accepted", composite.path("status").asString());
            assertEquals(-7000.0, composite.path("schedule").path("chargingSchedulePeriod").path(0).path("setpoint").asDouble(), 0.0);

            csms.call("ClearChargingProfile", json("{\"chargingProfileId\":7}"));
            assertEquals("Accepted", csms.awaitAnswer("ClearChargingProfile", 0, T).path("result").path("status").asString());
            eventually(() -> car.limits.get(1).isNone(), "limit lifted after ClearChargingProfile");

            car.run(11000, 360);
            csms.call("RequestStopTransaction", json("{\"transactionId\":\"" + txId + "\"}"));
            assertEquals("Accepted", csms.awaitAnswer("RequestStopTransaction", 0, T).path("result").path("status").asString());
            JsonNode ended = csms.await(e -> "call".equals(e.path("event").asString()) && "TransactionEvent".equals(e.path("action").asString())
                    && "Ended".equals(e.path("payload").path("eventType").asString()), T).path("payload");
            assertEquals("RemoteStop", ended.path("triggerReason").asString());
            assertEquals("Remote", ended.path("transactionInfo").path("stoppedReason").asString());
            assertEquals(1100.0, sampled(ended, "Energy.Active.Import.Register"), 0.5);
            assertEquals(700.0, sampled(ended, "Energy.Active.Export.Register"), 0.5);
            assertSeqNoContinuous(csms.calls("TransactionEvent"), txId);
            assertTrue(csms.events().stream().noneMatch(e -> e.path("event").asString().equals("strictValidationFailure")),
                    "every message passed the CSMS's strict 2.1 validation: " + csms.events());
        }
    }

    @Test
    void a_2_0_1_csms_gets_2_0_1_messages() throws Exception {
        BenchCharger car = new BenchCharger();
        try (CsmsProcess csms = new CsmsProcess("--password", PASSWORD, "--protocols", "ocpp2.0.1");
             OcppClient client = new OcppClient(settings(csms.port, dir), car, Clock.systemUTC(), null)) {
            client.start();
            assertEquals("ocpp2.0.1", csms.await(e -> "connected".equals(e.path("event").asString()), T).path("protocol").asString());
            csms.awaitCall("StatusNotification", 0, T);
            car.plug();
            String txId = csms.awaitCall("TransactionEvent", 0, T).path("payload").path("transactionInfo").path("transactionId").asString();
            csms.call("SetChargingProfile", json("""
                    {"evseId":1,"chargingProfile":{"id":3,"stackLevel":0,"chargingProfilePurpose":"TxProfile",
                     "chargingProfileKind":"Relative","transactionId":"%s",
                     "chargingSchedule":[{"id":1,"chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":5000}]}]}}
                    """.formatted(txId)));
            assertEquals("Accepted", csms.awaitAnswer("SetChargingProfile", 0, T).path("result").path("status").asString());
            eventually(() -> car.limits.containsKey(1) && Double.valueOf(5000).equals(car.limits.get(1).maxChargeW()), "5 kW cap pushed");
            assertEquals(0.0, car.limits.get(1).maxDischargeW(), "ChargingOnly: no discharge");
            JsonNode ev = csms.awaitCall("TransactionEvent", 1, T).path("payload");
            assertEquals("ChargingRateChanged", ev.path("triggerReason").asString());
            assertFalse(ev.path("transactionInfo").has("operationMode"), "2.0.1 has no operationMode");
            car.unplug();
            csms.await(e -> "call".equals(e.path("event").asString()) && "Ended".equals(e.path("payload").path("eventType").asString()), T);
            assertTrue(csms.events().stream().noneMatch(e -> e.path("event").asString().equals("strictValidationFailure")), csms.events().toString());
        }
    }

    @Test
    void bad_frames_get_the_right_callerror_and_the_connection_stays() throws Exception {
        BenchCharger car = new BenchCharger();
        OcppSettings s = settings(0, dir);
        try (CsmsProcess csms = new CsmsProcess("--password", PASSWORD);
             OcppClient client = new OcppClient(settings(csms.port, dir), car, Clock.systemUTC(), null)) {
            client.start();
            csms.awaitCall("StatusNotification", 0, T);
            csms.raw("this is not json");
            assertEquals("[4,\"-1\",\"RpcFrameworkError\"", prefix(csms, 0));
            csms.raw("[2,\"u1\",\"MakeCoffee\",{}]");
            assertEquals("[4,\"u1\",\"NotImplemented\"", prefix(csms, 1));
            csms.raw("[2,\"u2\",\"Reset\",{\"type\":\"Sometime\"}]");
            assertEquals("[4,\"u2\",\"PropertyConstraintViolation\"", prefix(csms, 2));
            csms.raw("[2,\"u3\",\"Reset\",{}]");
            assertEquals("[4,\"u3\",\"OccurrenceConstraintViolation\"", prefix(csms, 3));
            csms.raw("[2,\"u4\",\"Reset\",{\"type\":7}]");
            assertEquals("[4,\"u4\",\"TypeConstraintViolation\"", prefix(csms, 4));
            csms.raw("[2,\"u5\",\"Reset\",{\"type\":\"Immediate\",\"extra\":1}]");
            assertEquals("[4,\"u5\",\"FormatViolation\"", prefix(csms, 5));
            csms.raw("[2,\"u6\",\"Reset\",{\"type\":\"Immediate\",\"customData\":{\"vendorId\":\"x\",\"pad\":\"" + "x".repeat(70_000) + "\"}}]");
            assertEquals("[4,\"u6\",\"FormatViolation\"", prefix(csms, 6));
            csms.raw("[2,\"u7\",\"BatterySwap\",{\"eventType\":\"BatteryIn\",\"requestId\":1,\"idToken\":{\"idToken\":\"a\",\"type\":\"Central\"},\"batteryData\":[{\"evseId\":1,\"serialNumber\":\"s\",\"soC\":50,\"soH\":90}]}]");
            assertEquals("[4,\"u7\",\"NotSupported\"", prefix(csms, 7));
            assertFalse(car.pushed.stream().anyMatch(p -> p.startsWith("reset")), "no invalid Reset acted on: " + car.pushed);
            // Still connected and serving: a valid call is answered.
            csms.call("GetVariables", json("{\"getVariableData\":[{\"component\":{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":\"HeartbeatInterval\"}},"
                    + "{\"component\":{\"name\":\"SecurityCtrlr\"},\"variable\":{\"name\":\"BasicAuthPassword\"}},"
                    + "{\"component\":{\"name\":\"NoSuchCtrlr\"},\"variable\":{\"name\":\"X\"}}]}"));
            JsonNode res = csms.awaitAnswer("GetVariables", 0, T).path("result").path("getVariableResult");
            assertEquals("Accepted", res.path(0).path("attributeStatus").asString());
            assertEquals("300", res.path(0).path("attributeValue").asString());
            assertEquals("Rejected", res.path(1).path("attributeStatus").asString(), "the password is write-only");
            assertEquals("UnknownComponent", res.path(2).path("attributeStatus").asString());
            assertEquals(1, csms.events().stream().filter(e -> "connected".equals(e.path("event").asString())).count(), "one connection throughout");
        }
    }

    /** The first 3 elements of the n-th raw answer the station sent, as JSON text. */
    private static String prefix(CsmsProcess csms, int n) {
        JsonNode resp = csms.await(e -> {
            if (!"response".equals(e.path("event").asString())) return false;
            return csms.events().stream().filter(x -> "response".equals(x.path("event").asString())).toList().indexOf(e) == n;
        }, T).path("payload");
        return "[" + resp.path(0).asInt() + ",\"" + resp.path(1).asString() + "\",\"" + resp.path(2).asString() + "\"";
    }

    static double sampled(JsonNode event, String measurand) {
        for (JsonNode mv : event.path("meterValue"))
            for (JsonNode sv : mv.path("sampledValue"))
                if (measurand.equals(sv.path("measurand").asString())) return sv.path("value").asDouble();
        throw new AssertionError(measurand + " missing in " + event);
    }

    static void assertSeqNoContinuous(List<JsonNode> calls, String txId) {
        int expect = 0;
        for (JsonNode c : calls) {
            JsonNode p = c.path("payload");
            if (!txId.equals(p.path("transactionInfo").path("transactionId").asString())) continue;
            assertEquals(expect++, p.path("seqNo").asInt(), "seqNo without gaps: " + calls);
        }
        assertTrue(expect > 0);
    }
}
