package org.secc.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.secc.ocpp.CsmsScenarioTest.T;
import static org.secc.ocpp.CsmsScenarioTest.eventually;
import static org.secc.ocpp.CsmsScenarioTest.json;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.common.json.JsonNode;

/**
 * The OCPP 2.1 operation modes beyond ChargingOnly and CentralSetpoint against the Node CSMS (strict 2.1
 * validation both ways): ExternalLimits, ExternalSetpoint, LocalFrequency with aFRR, CentralFrequency and
 * Idle, their field rules and reason codes, and what each pushes to the charger's policy.
 */
class OperationModesTest {
    @TempDir Path dir;
    int calls;

    /** Sends a TxProfile with one period (stack level 1: each replaces the previous one, K01.FR.06) and returns the answer. */
    private JsonNode set(CsmsProcess csms, int id, String kind, String tx, String period, String scheduleExtra) {
        csms.call("SetChargingProfile", json("""
                {"evseId":1,"chargingProfile":{"id":%d,"stackLevel":1,"chargingProfilePurpose":"TxProfile",
                 "chargingProfileKind":"%s","transactionId":"%s",
                 "chargingSchedule":[{"id":1,"chargingRateUnit":"W"%s,"chargingSchedulePeriod":[%s]}]}}
                """.formatted(id, kind, tx, scheduleExtra, period)));
        return csms.awaitAnswer("SetChargingProfile", calls++, T).path("result");
    }

    private static void assertRejected(JsonNode answer, String reasonCode) {
        assertEquals("Rejected", answer.path("status").asString(), answer.toString());
        assertEquals(reasonCode, answer.path("statusInfo").path("reasonCode").asString(), answer.toString());
    }

    @Test
    void each_mode_is_checked_and_reaches_the_charger_as_limits_setpoint_or_frequency_curve() throws Exception {
        BenchCharger car = new BenchCharger();
        try (CsmsProcess csms = new CsmsProcess("--password", CsmsScenarioTest.PASSWORD);
             OcppClient client = new OcppClient(CsmsScenarioTest.settings(csms.port, dir), car, Clock.systemUTC(), null)) {
            client.start();
            csms.awaitCall("StatusNotification", 0, T);
            car.plug();
            String tx = csms.awaitCall("TransactionEvent", 0, T).path("payload").path("transactionInfo").path("transactionId").asString();

            // ExternalLimits (Q05.FR.02): the limits come from the charger's external system (its site controller),
            // so the CSMS's own values are not caps; discharge is allowed (not ChargingOnly). A setpoint has no place.
            assertRejected(set(csms, 11, "Relative", tx, "{\"startPeriod\":0,\"operationMode\":\"ExternalLimits\",\"setpoint\":-3000}", ""), "InvalidSchedule");
            assertEquals("Accepted", set(csms, 11, "Relative", tx, "{\"startPeriod\":0,\"operationMode\":\"ExternalLimits\",\"limit\":5000}", "").path("status").asString());
            eventually(() -> car.limits.containsKey(1) && "ExternalLimits".equals(car.limits.get(1).operationMode()), "ExternalLimits pushed");
            CsmsLimit l = car.limits.get(1);
            assertNull(l.maxChargeW(), "limit set externally: " + l);
            assertNull(l.maxDischargeW(), "dischargeLimit set externally: " + l);
            assertNull(l.setpointW());
            JsonNode changed = csms.awaitCall("TransactionEvent", 1, T).path("payload");
            assertEquals("OperationModeChanged", changed.path("triggerReason").asString());
            assertEquals("ExternalLimits", changed.path("transactionInfo").path("operationMode").asString());

            // ExternalSetpoint (Q05.FR.01): the setpoint comes from the external system; the CSMS's caps stay.
            assertEquals("Accepted", set(csms, 12, "Relative", tx,
                    "{\"startPeriod\":0,\"operationMode\":\"ExternalSetpoint\",\"limit\":9000,\"dischargeLimit\":-4000}", "").path("status").asString());
            eventually(() -> "ExternalSetpoint".equals(car.limits.get(1).operationMode()), "ExternalSetpoint pushed");
            l = car.limits.get(1);
            assertEquals(9000.0, l.maxChargeW());
            assertEquals(4000.0, l.maxDischargeW(), "the discharge cap as a magnitude");
            assertNull(l.setpointW(), "the setpoint is the site controller's");

            // LocalFrequency (Q08): no limit/setpoint fields, a curve of ≥ 2 points and a baseline, in W.
            assertRejected(set(csms, 13, "Relative", tx, "{\"startPeriod\":0,\"operationMode\":\"LocalFrequency\",\"v2xFreqWattCurve\":"
                    + "[{\"frequency\":49.8,\"power\":10000},{\"frequency\":50.2,\"power\":-10000}]}", ""), "NoFreqWattCurve"); // Q08.FR.03: no baseline
            assertRejected(set(csms, 13, "Relative", tx, "{\"startPeriod\":0,\"operationMode\":\"LocalFrequency\",\"v2xBaseline\":0,\"setpoint\":100,"
                    + "\"v2xFreqWattCurve\":[{\"frequency\":49.8,\"power\":10000},{\"frequency\":50.2,\"power\":-10000}]}", ""), "InvalidSchedule"); // Q08.FR.04
            // aFRR before any LocalFrequency period with a signal curve: Rejected (Q08.FR.11).
            csms.call("AFRRSignal", json("{\"timestamp\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"signal\":50}"));
            assertRejected(csms.awaitAnswer("AFRRSignal", 0, T).path("result"), "NoSignalWattCurve");
            // Under-frequency discharges, over-frequency charges: ±10 kW at 49.8/50.2 Hz, a ±10 mHz dead band.
            String curve = "[{\"frequency\":49.8,\"power\":-10000},{\"frequency\":49.99,\"power\":0},{\"frequency\":50.01,\"power\":0},{\"frequency\":50.2,\"power\":10000}]";
            assertEquals("Accepted", set(csms, 13, "Relative", tx, "{\"startPeriod\":0,\"operationMode\":\"LocalFrequency\",\"v2xBaseline\":-2000,"
                    + "\"v2xFreqWattCurve\":" + curve + ",\"v2xSignalWattCurve\":[{\"signal\":-100,\"power\":-5000},{\"signal\":100,\"power\":5000}]}", "")
                    .path("status").asString());
            eventually(() -> car.limits.get(1).localFrequency() != null, "LocalFrequency pushed");
            l = car.limits.get(1);
            assertEquals("LocalFrequency", l.operationMode());
            assertNull(l.maxChargeW());
            assertNull(l.setpointW(), "the charger computes the setpoint from its own frequency measurement");
            assertEquals(-2000.0, l.localFrequency().baselineW());
            assertEquals(List.of(new CsmsLimit.FreqWattPoint(49.8, -10000), new CsmsLimit.FreqWattPoint(49.99, 0), new CsmsLimit.FreqWattPoint(50.01, 0),
                    new CsmsLimit.FreqWattPoint(50.2, 10000)), l.localFrequency().curve());
            assertEquals(10, l.localFrequency().updateThresholdMHz(), "V2XChargingCtrlr.LocalFrequencyUpdateThreshold");
            assertEquals(0.0, l.localFrequency().afrrW());
            // aFRR (Q08.FR.10): the signal curve's delta on top, from the signal's timestamp.
            csms.call("AFRRSignal", json("{\"timestamp\":\"" + Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS) + "\",\"signal\":50}"));
            assertEquals("Accepted", csms.awaitAnswer("AFRRSignal", 1, T).path("result").path("status").asString());
            eventually(() -> car.limits.get(1).localFrequency() != null && car.limits.get(1).localFrequency().afrrW() == 2500.0, "aFRR delta 2.5 kW pushed");
            // The update threshold is a device-model variable the CSMS may set; the charger gets the new value.
            csms.call("SetVariables", json("{\"setVariableData\":[{\"component\":{\"name\":\"V2XChargingCtrlr\",\"evse\":{\"id\":1}},"
                    + "\"variable\":{\"name\":\"LocalFrequencyUpdateThreshold\"},\"attributeValue\":\"25\"}]}"));
            assertEquals("Accepted", csms.awaitAnswer("SetVariables", 0, T).path("result").path("setVariableResult").path(0).path("attributeStatus").asString());
            eventually(() -> car.limits.get(1).localFrequency() != null && car.limits.get(1).localFrequency().updateThresholdMHz() == 25, "threshold 25 mHz");
            // GetCompositeSchedule reports the curve (strictly validated by the CSMS as a 2.1 response).
            csms.call("GetCompositeSchedule", json("{\"duration\":300,\"evseId\":1,\"chargingRateUnit\":\"W\"}"));
            JsonNode per = csms.awaitAnswer("GetCompositeSchedule", 0, T).path("result").path("schedule").path("chargingSchedulePeriod").path(0);
            assertEquals("LocalFrequency", per.path("operationMode").asString());
            assertEquals(-2000.0, per.path("v2xBaseline").asDouble());
            assertEquals(4, per.path("v2xFreqWattCurve").size());

            // CentralFrequency (Q07): the CSMS computes the setpoint; Dynamic only (Q07.FR.01).
            assertRejected(set(csms, 14, "Relative", tx, "{\"startPeriod\":0,\"operationMode\":\"CentralFrequency\",\"setpoint\":-3000}", ""), "InvalidSchedule");
            assertEquals("Accepted", set(csms, 14, "Dynamic", tx, "{\"startPeriod\":0,\"operationMode\":\"CentralFrequency\",\"setpoint\":-3000}",
                    ",\"duration\":60").path("status").asString());
            eventually(() -> "CentralFrequency".equals(car.limits.get(1).operationMode()), "CentralFrequency pushed");
            assertEquals(-3000.0, car.limits.get(1).setpointW());
            assertNull(car.limits.get(1).localFrequency());
            csms.call("UpdateDynamicSchedule", json("{\"chargingProfileId\":14,\"scheduleUpdate\":{\"setpoint\":-1500}}"));
            assertEquals("Accepted", csms.awaitAnswer("UpdateDynamicSchedule", 0, T).path("result").path("status").asString());
            eventually(() -> Double.valueOf(-1500).equals(car.limits.get(1).setpointW()), "updated setpoint pushed");

            // Idle (Q10): no fields, no energy transfer.
            assertRejected(set(csms, 15, "Relative", tx, "{\"startPeriod\":0,\"operationMode\":\"Idle\",\"setpoint\":0}", ""), "InvalidSchedule");
            assertEquals("Accepted", set(csms, 15, "Relative", tx, "{\"startPeriod\":0,\"operationMode\":\"Idle\"}", "").path("status").asString());
            eventually(() -> "Idle".equals(car.limits.get(1).operationMode()), "Idle pushed");
            assertEquals(0.0, car.limits.get(1).maxChargeW());
            assertEquals(0.0, car.limits.get(1).maxDischargeW());
            // No LocalFrequency period any more: aFRR refused again.
            csms.call("AFRRSignal", json("{\"timestamp\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"signal\":10}"));
            assertRejected(csms.awaitAnswer("AFRRSignal", 2, T).path("result"), "NoSignalWattCurve");

            // Every mode change went to the CSMS as OperationModeChanged with the new mode (K01.FR.110).
            eventually(() -> csms.calls("TransactionEvent").stream().anyMatch(c -> "Idle".equals(c.path("payload").path("transactionInfo").path("operationMode").asString())),
                    "OperationModeChanged Idle");
            List<String> modes = csms.calls("TransactionEvent").stream().map(c -> c.path("payload"))
                    .filter(p -> "OperationModeChanged".equals(p.path("triggerReason").asString()))
                    .map(p -> p.path("transactionInfo").path("operationMode").asString()).toList();
            assertEquals(List.of("ExternalLimits", "ExternalSetpoint", "LocalFrequency", "CentralFrequency", "Idle"), modes);
            JsonNode modesVar = null;
            csms.call("GetVariables", json("{\"getVariableData\":[{\"component\":{\"name\":\"V2XChargingCtrlr\",\"evse\":{\"id\":1}},"
                    + "\"variable\":{\"name\":\"SupportedOperationModes\"}},{\"component\":{\"name\":\"SmartChargingCtrlr\"},\"variable\":{\"name\":\"SetpointPriority\"}}]}"));
            modesVar = csms.awaitAnswer("GetVariables", 0, T).path("result").path("getVariableResult");
            assertNotNull(modesVar);
            assertEquals("CentralFrequency,CentralSetpoint,ChargingOnly,ExternalLimits,ExternalSetpoint,Idle,LocalFrequency",
                    modesVar.path(0).path("attributeValue").asString());
            assertEquals("CSMS", modesVar.path(1).path("attributeValue").asString());
            assertTrue(csms.events().stream().noneMatch(e -> e.path("event").asString().equals("strictValidationFailure")),
                    "every message passed the CSMS's strict 2.1 validation: " + csms.events());
        }
    }
}
