package org.secc.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.ocpp.rpc.OcppVersion;
import org.secc.common.json.JsonNode;
import org.secc.common.json.ArrayNode;

/** The station core without sockets: frames in and out as text, time driven by the test. */
class OcppStationTest {
    @TempDir Path dir;
    Instant now = Instant.parse("2026-12-07T10:00:00Z");
    final List<String> sent = new ArrayList<>();
    final BenchCharger car = new BenchCharger();

    OcppStation station(Path d) {
        OcppSettings s = OcppSettings.of(URI.create("ws://csms.example/ocpp"), "CS001", 1, "0123456789abcdef", d)
                .withTimes(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(60));
        return new OcppStation(s, car, sent::add, now);
    }

    JsonNode last() { return JsonNode.parse(sent.get(sent.size() - 1)); }

    /** The station's answer to the CSMS's CALL with this id. */
    JsonNode reply(String id) {
        for (String s : sent) {
            JsonNode n = JsonNode.parse(s);
            if (n.get(0).asInt() != 2 && id.equals(n.get(1).asString())) return n;
        }
        throw new AssertionError("no answer to " + id + " in " + sent);
    }

    /** Answers the CALL just sent with this payload. */
    void answer(OcppStation st, String payload) {
        JsonNode call = last();
        assertEquals(2, call.get(0).asInt(), "expected a CALL, got " + call);
        st.text("[3,\"" + call.get(1).asString() + "\"," + payload + "]", now);
    }

    void advance(OcppStation st, long seconds) {
        advance(st, seconds, 1);
    }

    void advance(OcppStation st, long seconds, long step) {
        for (long i = 0; i < seconds; i += step) {
            now = now.plusSeconds(step);
            st.tick(now);
        }
    }

    List<JsonNode> calls(String action) {
        List<JsonNode> out = new ArrayList<>();
        for (String s : sent) {
            JsonNode n = JsonNode.parse(s);
            if (n.get(0).asInt() == 2 && action.equals(n.get(2).asString())) out.add(n);
        }
        return out;
    }

    @Test
    void boot_pending_then_rejected_then_accepted_with_the_csms_interval() {
        OcppStation st = station(dir);
        st.connected(OcppVersion.OCPP21, now);
        assertEquals("BootNotification", last().get(2).asString());
        answer(st, "{\"currentTime\":\"2026-12-07T10:00:00Z\",\"interval\":20,\"status\":\"Pending\"}");
        assertEquals(OcppStation.Registration.PENDING, st.registration());
        // B02.FR.02/05: while Pending nothing but Boot; a RequestStartTransaction is refused with SecurityError.
        st.text("[2,\"c1\",\"RequestStartTransaction\",{\"idToken\":{\"idToken\":\"A\",\"type\":\"Central\"},\"remoteStartId\":1}]", now);
        assertEquals("[4,\"c1\",\"SecurityError\",\"boot not accepted yet\",{}]", sent.get(sent.size() - 1));
        // B02.FR.01: GetVariables is answered while Pending.
        st.text("[2,\"c2\",\"GetVariables\",{\"getVariableData\":[{\"component\":{\"name\":\"SecurityCtrlr\"},\"variable\":{\"name\":\"Identity\"}}]}]", now);
        assertEquals("CS001", last().get(2).path("getVariableResult").path(0).path("attributeValue").asString());
        int before = calls("BootNotification").size();
        advance(st, 19);
        assertEquals(before, calls("BootNotification").size(), "no new boot before interval (B02.FR.07)");
        advance(st, 1);
        assertEquals(before + 1, calls("BootNotification").size());
        answer(st, "{\"currentTime\":\"2026-12-07T10:00:20Z\",\"interval\":40,\"status\":\"Rejected\"}");
        assertEquals(OcppStation.Registration.REJECTED, st.registration());
        st.text("[2,\"c3\",\"GetVariables\",{\"getVariableData\":[{\"component\":{\"name\":\"SecurityCtrlr\"},\"variable\":{\"name\":\"Identity\"}}]}]", now);
        assertEquals("SecurityError", last().get(2).asString(), "B03.FR.08");
        advance(st, 40);
        answer(st, "{\"currentTime\":\"2026-12-07T10:01:00Z\",\"interval\":15,\"status\":\"Accepted\"}");
        assertEquals(OcppStation.Registration.ACCEPTED, st.registration());
        assertEquals("StatusNotification", last().get(2).asString());
        answer(st, "{}");
        assertEquals("15", st.deviceModel().value("OCPPCommCtrlr", "HeartbeatInterval", null).orElseThrow(), "B01.FR.04");
        int hb = calls("Heartbeat").size();
        advance(st, 14);
        assertEquals(hb, calls("Heartbeat").size());
        advance(st, 1);
        assertEquals(hb + 1, calls("Heartbeat").size());
        // F06.FR.17: TriggerMessage(BootNotification) after Accepted is Rejected.
        answer(st, "{\"currentTime\":\"2026-12-07T10:01:15Z\"}");
        st.text("[2,\"c4\",\"TriggerMessage\",{\"requestedMessage\":\"BootNotification\"}]", now);
        assertEquals("Rejected", last().get(2).path("status").asString());
    }

    @Test
    void one_outstanding_call_and_a_timeout_frees_the_line() {
        OcppStation st = station(dir);
        st.connected(OcppVersion.OCPP21, now);
        answer(st, "{\"currentTime\":\"2026-12-07T10:00:00Z\",\"interval\":300,\"status\":\"Accepted\"}");
        answer(st, "{}");
        car.plug();
        st.tick(now);
        // StatusNotification out, TransactionEvent waits behind it.
        assertEquals("StatusNotification", last().get(2).asString());
        int n = sent.size();
        st.tick(now);
        assertEquals(n, sent.size(), "nothing else while a CALL is outstanding");
        advance(st, 30); // the CALL times out (MessageTimeout 30 s)
        assertEquals("TransactionEvent", last().get(2).asString());
    }

    @Test
    void offline_events_survive_a_crash_and_go_out_in_order_with_offline_and_continuous_seqNo() {
        OcppStation st = station(dir);
        st.connected(OcppVersion.OCPP21, now);
        answer(st, "{\"currentTime\":\"2026-12-07T10:00:00Z\",\"interval\":300,\"status\":\"Accepted\"}");
        answer(st, "{}"); // status
        car.plug();
        st.tick(now);
        answer(st, "{}"); // status Occupied
        JsonNode started = last();
        assertEquals("Started", started.get(3).path("eventType").asString());
        answer(st, "{}");
        String txId = started.get(3).path("transactionInfo").path("transactionId").asString();
        st.disconnected(now);
        car.chargingState = "Charging";
        car.run(-7000, 60);
        advance(st, 1);
        car.chargingState = "SuspendedEVSE";
        advance(st, 58);
        assertNull(car.failsafe, "not before offline_failsafe_s");
        advance(st, 1);
        assertEquals(Boolean.TRUE, car.failsafe, "fail-safe after offline_failsafe_s");
        assertEquals(2, st.queuedTransactionEvents());
        // SIGKILL: the process is gone; a new station on the same data directory.
        sent.clear();
        car.unplug(); // the car left while the station was down
        OcppStation st2 = station(dir);
        assertEquals(3, st2.queuedTransactionEvents(), "two queued + the Ended of the transaction cut by the crash");
        st2.connected(OcppVersion.OCPP21, now);
        answer(st2, "{\"currentTime\":\"2026-12-07T10:02:00Z\",\"interval\":300,\"status\":\"Accepted\"}");
        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < 20 && st2.queuedTransactionEvents() > 0; i++) {
            JsonNode call = last();
            if ("TransactionEvent".equals(call.get(2).asString())) events.add(call.get(3));
            answer(st2, "{}");
        }
        assertEquals(0, st2.queuedTransactionEvents());
        assertEquals(List.of(1, 2, 3), events.stream().map(e -> e.path("seqNo").asInt()).toList());
        assertTrue(events.stream().allMatch(e -> e.path("offline").asBoolean()), "offline = true on every queued event");
        assertTrue(events.stream().allMatch(e -> txId.equals(e.path("transactionInfo").path("transactionId").asString())));
        assertEquals("Ended", events.get(2).path("eventType").asString());
        assertEquals("PowerLoss", events.get(2).path("transactionInfo").path("stoppedReason").asString());
        // Nothing is delivered twice: a third start of the station finds an empty queue.
        assertEquals(0, station(dir).queuedTransactionEvents());
    }

    @Test
    void failsafe_applies_after_offline_failsafe_s_and_lifts_on_reconnect() {
        OcppStation st = station(dir);
        st.connected(OcppVersion.OCPP21, now);
        answer(st, "{\"currentTime\":\"2026-12-07T10:00:00Z\",\"interval\":300,\"status\":\"Accepted\"}");
        st.disconnected(now);
        advance(st, 59);
        assertNull(car.failsafe);
        advance(st, 1);
        assertEquals(Boolean.TRUE, car.failsafe);
        st.connected(OcppVersion.OCPP21, now);
        assertEquals(Boolean.FALSE, car.failsafe, "lifted on reconnect, no new BootNotification needed");
        assertEquals(1, calls("BootNotification").size());
    }

    @Test
    void the_queue_is_bounded_and_drops_intermediate_updated_events_first() {
        OcppSettings s = OcppSettings.of(URI.create("ws://csms.example/ocpp"), "CS001", 1, "0123456789abcdef", dir)
                .withTimes(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(1)).withQueueCapacity(10);
        OcppStation st = new OcppStation(s, car, sent::add, now);
        car.plug();
        advance(st, 30); // offline: Started + 29 periodic Updated events into a queue of 10
        assertEquals(10, st.queuedTransactionEvents());
        car.unplug();
        advance(st, 1);
        st.connected(OcppVersion.OCPP21, now);
        answer(st, "{\"currentTime\":\"2026-12-07T10:02:00Z\",\"interval\":300,\"status\":\"Accepted\"}");
        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < 40 && st.queuedTransactionEvents() > 0; i++) {
            JsonNode call = last();
            if ("TransactionEvent".equals(call.get(2).asString())) events.add(call.get(3));
            answer(st, "{}");
        }
        assertEquals("Started", events.get(0).path("eventType").asString(), "Started is never dropped (E12.FR.04)");
        assertEquals("Ended", events.get(events.size() - 1).path("eventType").asString(), "Ended is never dropped");
        assertEquals(10, events.size());
        assertEquals(30, events.get(events.size() - 1).path("seqNo").asInt(), "seqNo counts the dropped ones too");
    }

    @Test
    void set_charging_profile_field_rules_and_reason_codes() {
        OcppStation st = station(dir);
        st.connected(OcppVersion.OCPP21, now);
        answer(st, "{\"currentTime\":\"2026-12-07T10:00:00Z\",\"interval\":300,\"status\":\"Accepted\"}");
        answer(st, "{}");
        car.plug();
        st.tick(now);
        answer(st, "{}");
        String tx = last().get(3).path("transactionInfo").path("transactionId").asString();
        answer(st, "{}");
        assertReason(st, "{\"startPeriod\":0,\"limit\":7000,\"setpoint\":3000}", "InvalidSchedule", tx); // Q02.FR.02 (ChargingOnly)
        assertReason(st, "{\"startPeriod\":0,\"operationMode\":\"CentralSetpoint\",\"limit\":7000}", "InvalidSchedule", tx); // Q03.FR.01
        assertReason(st, "{\"startPeriod\":0,\"operationMode\":\"CentralSetpoint\",\"setpoint\":-8000,\"dischargeLimit\":-7000}", "InvalidSchedule", tx); // V2X.05
        assertReason(st, "{\"startPeriod\":0,\"operationMode\":\"Idle\",\"limit\":0}", "InvalidSchedule", tx); // Q10.FR.02
        assertReason(st, "{\"startPeriod\":0,\"operationMode\":\"LocalFrequency\",\"v2xBaseline\":0,\"v2xFreqWattCurve\":[{\"frequency\":49.8,\"power\":10000}]}", "NoFreqWattCurve", tx); // Q08.FR.03
        assertReason(st, "{\"startPeriod\":0,\"operationMode\":\"LocalFrequency\",\"limit\":5}", "InvalidSchedule", tx); // Q08.FR.04
        assertReason(st, "{\"startPeriod\":0,\"operationMode\":\"LocalLoadBalancing\"}", "UnsupportedParam", tx); // Q09.FR.01
        assertReason(st, "{\"startPeriod\":0,\"operationMode\":\"ExternalLimits\",\"setpoint\":0}", "InvalidSchedule", tx); // Q05.FR.02: limits only
        assertReason(st, "{\"startPeriod\":5,\"limit\":1000}", "InvalidSchedule", tx); // K01.FR.31
        assertReason(st, "{\"startPeriod\":0,\"limit\":1000}", "TxNotFound", "no-such-transaction"); // K01.FR.09
        // The schema itself refuses a positive dischargeLimit: FormatViolation-class CALLERROR, nothing stored.
        st.text(profile("c9", "{\"startPeriod\":0,\"operationMode\":\"CentralSetpoint\",\"setpoint\":0,\"dischargeLimit\":7000}", tx, "Relative", ""), now);
        assertEquals("PropertyConstraintViolation", reply("c9").get(2).asString());
        // Max profile only ChargingOnly (K01.FR.111).
        st.text("[2,\"m1\",\"SetChargingProfile\",{\"evseId\":0,\"chargingProfile\":{\"id\":50,\"stackLevel\":0,\"chargingProfilePurpose\":\"ChargingStationMaxProfile\","
                + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2026-12-07T09:00:00Z\",\"chargingRateUnit\":\"W\","
                + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"operationMode\":\"CentralSetpoint\",\"setpoint\":1}]}]}}]", now);
        assertEquals("InvalidOperationMode", reply("m1").get(2).path("statusInfo").path("reasonCode").asString());
        assertTrue(car.limits.isEmpty(), "no rejected profile reached the charger: " + car.limits);
    }

    @Test
    void composite_takes_the_lowest_limit_caps_the_setpoint_and_applies_the_dead_man_rule() {
        OcppStation st = station(dir);
        st.connected(OcppVersion.OCPP21, now);
        answer(st, "{\"currentTime\":\"2026-12-07T10:00:00Z\",\"interval\":300,\"status\":\"Accepted\"}");
        answer(st, "{}");
        car.plug();
        st.tick(now);
        answer(st, "{}");
        String tx = last().get(3).path("transactionInfo").path("transactionId").asString();
        answer(st, "{}");
        // Station max 11 kW from 10:00 for an hour, then 4 kW.
        st.text("[2,\"m1\",\"SetChargingProfile\",{\"evseId\":0,\"chargingProfile\":{\"id\":50,\"stackLevel\":0,\"chargingProfilePurpose\":\"ChargingStationMaxProfile\","
                + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2026-12-07T10:00:00Z\",\"chargingRateUnit\":\"W\","
                + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":11000},{\"startPeriod\":3600,\"limit\":4000}]}]}}]", now);
        assertEquals("Accepted", reply("m1").get(2).path("status").asString());
        assertEquals(11000.0, car.limits.get(1).maxChargeW());
        assertEquals(0.0, car.limits.get(1).maxDischargeW(), "no Tx profile: charging only");
        // Dynamic CentralSetpoint +15 kW with a 60 s dead-man: capped by the max profile (V2X.03).
        st.text(profile("d1", "{\"startPeriod\":0,\"operationMode\":\"CentralSetpoint\",\"setpoint\":15000}", tx, "Dynamic", ",\"duration\":60"), now);
        assertEquals("Accepted", reply("d1").get(2).path("status").asString());
        assertEquals(11000.0, car.limits.get(1).setpointW(), "setpoint capped by the limit");
        assertEquals("CentralSetpoint", car.limits.get(1).operationMode());
        st.text("[2,\"u1\",\"UpdateDynamicSchedule\",{\"chargingProfileId\":9,\"scheduleUpdate\":{\"setpoint\":-7000}}]", now);
        assertEquals("Accepted", reply("u1").get(2).path("status").asString());
        assertEquals(-7000.0, car.limits.get(1).setpointW());
        // GetCompositeSchedule over two hours: the 4 kW step at 3600 s shows.
        st.text("[2,\"g1\",\"GetCompositeSchedule\",{\"duration\":7200,\"evseId\":1}]", now);
        ArrayNode periods = (ArrayNode) reply("g1").get(2).path("schedule").path("chargingSchedulePeriod");
        assertEquals(-7000.0, periods.get(0).path("setpoint").asDouble());
        assertEquals("CentralSetpoint", periods.get(0).path("operationMode").asString());
        // K28.FR.13: no update for more than 60 s: the dynamic profile is invalid, the max profile alone applies.
        advance(st, 60);
        assertEquals(-7000.0, car.limits.get(1).setpointW());
        advance(st, 1);
        assertNull(car.limits.get(1).setpointW(), "dead-man: the setpoint lapsed");
        assertEquals("ChargingOnly", car.limits.get(1).operationMode());
        assertEquals(0.0, car.limits.get(1).maxDischargeW());
        // K28.FR.15: an update revives it.
        st.text("[2,\"u2\",\"UpdateDynamicSchedule\",{\"chargingProfileId\":9,\"scheduleUpdate\":{\"setpoint\":-3000}}]", now);
        assertEquals(-3000.0, car.limits.get(1).setpointW());
        advance(st, 3600, 60);
        assertEquals(4000.0, car.limits.get(1).maxChargeW(), "the max profile's second period");
        assertNull(car.limits.get(1).setpointW(), "an hour without updates: lapsed again");
        st.text("[2,\"u3\",\"UpdateDynamicSchedule\",{\"chargingProfileId\":9,\"scheduleUpdate\":{\"setpoint\":-3000}}]", now);
        st.text("[2,\"x1\",\"ClearChargingProfile\",{\"chargingProfileCriteria\":{\"evseId\":0}}]", now);
        assertEquals("Accepted", reply("x1").get(2).path("status").asString());
        assertFalse(car.limits.get(1).isNone());
        st.text("[2,\"x2\",\"ClearChargingProfile\",{\"chargingProfileId\":9}]", now);
        assertTrue(car.limits.get(1).isNone());
    }

    @Test
    void charging_needs_go_once_per_new_needs_the_schedule_follows_and_a_rejection_ends_the_transaction() {
        OcppStation st = station(dir);
        st.connected(OcppVersion.OCPP21, now);
        answer(st, "{\"currentTime\":\"2026-12-07T10:00:00Z\",\"interval\":300,\"status\":\"Accepted\"}");
        answer(st, "{}");
        car.plug();
        st.tick(now);
        answer(st, "{}");
        String tx = last().get(3).path("transactionInfo").path("transactionId").asString();
        answer(st, "{}");
        car.needs = new EvChargingNeeds(1, now, "DC_BPT", List.of("DC_BPT", "DC"), false, now.plusSeconds(7200), 24, 50_000.0, 11_000.0,
                30_000.0, 0.0, 40_000.0, null, null, 80);
        advance(st, 1);
        JsonNode n = last();
        assertEquals("NotifyEVChargingNeeds", n.get(2).asString());
        JsonNode needs = n.get(3).path("chargingNeeds");
        assertEquals(1, n.get(3).path("evseId").asInt());
        assertEquals(24, n.get(3).path("maxScheduleTuples").asInt());
        assertEquals("DC_BPT", needs.path("requestedEnergyTransfer").asString());
        assertEquals("ScheduledControl", needs.path("controlMode").asString());
        assertEquals("[\"DC_BPT\",\"DC\"]", needs.path("availableEnergyTransfer").toString());
        assertEquals("2026-12-07T12:00:00Z", needs.path("departureTime").asString());
        assertEquals(11_000.0, needs.path("v2xChargingParameters").path("maxDischargePower").asDouble(), "a magnitude, as on the wire");
        assertEquals(30_000.0, needs.path("v2xChargingParameters").path("evTargetEnergyRequest").asDouble());
        assertEquals(80, needs.path("v2xChargingParameters").path("targetSoC").asInt());
        assertFalse(n.get(3).has("timestamp"), "sent at once: no timestamp (K15.FR.20 is for needs held while offline)");
        answer(st, "{\"status\":\"Processing\"}");
        // The same needs again (a renegotiation the charger asked for): nothing goes (K16.FR.09).
        car.needs = new EvChargingNeeds(2, now, "DC_BPT", List.of("DC_BPT", "DC"), false, now.minusSeconds(1).plusSeconds(7200), 24, 50_000.0,
                11_000.0, 30_000.0, 0.0, 40_000.0, null, null, 80);
        advance(st, 2);
        assertEquals(1, calls("NotifyEVChargingNeeds").size());
        // The car starts with its power profile for tuple 1: 11 kW for an hour, then 5 kW discharge.
        car.schedule = new EvChargingSchedule(1, now, false, 1, List.of(new EvChargingSchedule.Entry(3600, 11_000),
                new EvChargingSchedule.Entry(3600, -5_000)), true);
        advance(st, 1);
        JsonNode sch = last();
        assertEquals("NotifyEVChargingSchedule", sch.get(2).asString());
        assertEquals(1, sch.get(3).path("selectedChargingScheduleId").asInt());
        assertTrue(sch.get(3).path("powerToleranceAcceptance").asBoolean());
        JsonNode periods = sch.get(3).path("chargingSchedule").path("chargingSchedulePeriod");
        assertEquals(11_000.0, periods.path(0).path("limit").asDouble());
        assertEquals(3600, periods.path(1).path("startPeriod").asInt());
        assertEquals(-5_000.0, periods.path(1).path("dischargeLimit").asDouble());
        assertEquals(7200, sch.get(3).path("chargingSchedule").path("duration").asInt());
        answer(st, "{\"status\":\"Accepted\"}");
        // New needs (the car renegotiated itself, K17): they go; the CSMS refuses them: the transaction ends (K18.FR.22).
        car.needs = new EvChargingNeeds(3, now, "DC_BPT", List.of("DC_BPT", "DC"), false, now.plusSeconds(3600), 24, 50_000.0, 11_000.0,
                20_000.0, 0.0, 40_000.0, null, null, 60);
        advance(st, 1);
        assertEquals(2, calls("NotifyEVChargingNeeds").size());
        answer(st, "{\"status\":\"Rejected\"}");
        assertTrue(car.pushed.contains("remoteStop 1"), car.pushed.toString());
        JsonNode ended = last();
        assertEquals("TransactionEvent", ended.get(2).asString());
        assertEquals("Ended", ended.get(3).path("eventType").asString());
        assertEquals("AbnormalCondition", ended.get(3).path("triggerReason").asString());
        assertEquals("ReqEnergyTransferRejected", ended.get(3).path("transactionInfo").path("stoppedReason").asString());
        assertEquals(tx, ended.get(3).path("transactionInfo").path("transactionId").asString());
    }

    @Test
    void charging_needs_received_offline_go_after_the_reconnect_with_their_timestamp() {
        OcppStation st = station(dir);
        car.plug();
        st.tick(now);
        Instant received = now;
        car.needs = new EvChargingNeeds(1, received, "DC_BPT", List.of("DC_BPT", "DC"), true, null, 12, 50_000.0, 11_000.0,
                30_000.0, 0.0, 40_000.0, -10_000.0, 40_000.0, null);
        advance(st, 30);
        assertTrue(calls("NotifyEVChargingNeeds").isEmpty(), "nothing goes while offline");
        st.connected(OcppVersion.OCPP21, now);
        JsonNode needs = null;
        for (int i = 0; i < 20 && needs == null; i++) {
            JsonNode call = last();
            String action = call.get(2).asString();
            if ("NotifyEVChargingNeeds".equals(action)) needs = call.get(3);
            else answer(st, "BootNotification".equals(action) ? "{\"currentTime\":\"2026-12-07T10:00:30Z\",\"interval\":300,\"status\":\"Accepted\"}" : "{}");
        }
        assertTrue(needs != null, "NotifyEVChargingNeeds after the reconnect: " + sent);
        assertEquals(received.toString(), needs.path("timestamp").asString(), "K15.FR.20: when the car sent them");
        assertEquals("DynamicControl", needs.path("chargingNeeds").path("controlMode").asString());
        assertEquals(-10_000.0, needs.path("chargingNeeds").path("v2xChargingParameters").path("evMinV2XEnergyRequest").asDouble());
    }

    @Test
    void the_charger_learns_the_composites_later_changes_for_a_scheduled_car() {
        OcppStation st = station(dir);
        st.connected(OcppVersion.OCPP21, now);
        answer(st, "{\"currentTime\":\"2026-12-07T10:00:00Z\",\"interval\":300,\"status\":\"Accepted\"}");
        answer(st, "{}");
        car.plug();
        st.tick(now);
        answer(st, "{}");
        String tx = last().get(3).path("transactionInfo").path("transactionId").asString();
        answer(st, "{}");
        Instant start = now;
        st.text(profile("s1", "{\"startPeriod\":0,\"limit\":11000},{\"startPeriod\":600,\"limit\":4000},{\"startPeriod\":1200,\"limit\":4000}", tx, "Relative", ""), now);
        assertEquals("Accepted", reply("s1").get(2).path("status").asString());
        CsmsLimit l = car.limits.get(1);
        assertEquals(11_000.0, l.maxChargeW());
        assertEquals(List.of(new CsmsLimit.PlanStep(start.plusSeconds(600), 4_000.0, 0.0)), l.plan(), "one change; the equal third period adds none");
        advance(st, 601);
        assertEquals(4_000.0, car.limits.get(1).maxChargeW());
        assertTrue(car.limits.get(1).plan().isEmpty(), car.limits.get(1).toString());
    }

    private String profile(String id, String period, String tx, String kind, String scheduleExtra) {
        return "[2,\"" + id + "\",\"SetChargingProfile\",{\"evseId\":1,\"chargingProfile\":{\"id\":9,\"stackLevel\":1,\"chargingProfilePurpose\":\"TxProfile\","
                + "\"chargingProfileKind\":\"" + kind + "\",\"transactionId\":\"" + tx + "\",\"chargingSchedule\":[{\"id\":1,\"chargingRateUnit\":\"W\"" + scheduleExtra + ","
                + "\"chargingSchedulePeriod\":[" + period + "]}]}}]";
    }

    private void assertReason(OcppStation st, String period, String reason, String tx) {
        String id = "p" + sent.size();
        st.text(profile(id, period, tx, "Relative", ""), now);
        JsonNode res = reply(id);
        assertEquals(3, res.get(0).asInt(), "a CALLRESULT: " + res);
        assertEquals("Rejected", res.get(2).path("status").asString(), period);
        assertEquals(reason, res.get(2).path("statusInfo").path("reasonCode").asString(), period);
    }
}
