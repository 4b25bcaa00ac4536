package org.secc.ev.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.Sample;
import org.secc.ev.session.Service;
import org.secc.exi.iso20.types.evseNotificationType;

/** Every scenario against the scripted SECC, over the real EXI codec, with a fake clock (no sleeping). */
class ScenarioRunnerTest {
    private final FakeClock clock = new FakeClock();
    private final ScriptedSecc secc = new ScriptedSecc(clock);
    private final List<Sample> printed = new ArrayList<>();
    private final ScenarioRunner runner = new ScenarioRunner(secc, clock, printed::add);

    private ScenarioResult run(String name, Service s, ControlMode m) {
        ScenarioResult r = runner.run(Scenarios.get(name), s, m);
        System.out.println(r.summary());
        return r;
    }

    @ParameterizedTest
    @CsvSource({"DC,SCHEDULED", "DC,DYNAMIC", "DC_BPT,SCHEDULED", "DC_BPT,DYNAMIC", "AC,SCHEDULED", "AC,DYNAMIC", "AC_BPT,SCHEDULED",
            "AC_BPT,DYNAMIC"})
    void chargeToSocReachesTarget(Service s, ControlMode m) {
        ScenarioResult r = run("charge-to-soc", s, m);
        assertTrue(r.passed(), r.summary());
        assertTrue(r.socEnd() >= 52, r.summary());
        assertFalse(printed.isEmpty());
        assertEquals(1, secc.connections);
    }

    @ParameterizedTest
    @CsvSource({"DC_BPT,SCHEDULED", "DC_BPT,DYNAMIC", "AC_BPT,SCHEDULED", "AC_BPT,DYNAMIC"})
    void dischargeLowersSoc(Service s, ControlMode m) {
        ScenarioResult r = run("discharge", s, m);
        assertTrue(r.passed(), r.summary());
        assertTrue(r.socEnd() < r.socStart());
        assertTrue(r.dischargedWh() > 0);
    }

    @ParameterizedTest
    @CsvSource({"DC_BPT,SCHEDULED", "DC_BPT,DYNAMIC", "AC_BPT,SCHEDULED", "AC_BPT,DYNAMIC"})
    void chargeThenDischargeThenStop(Service s, ControlMode m) {
        ScenarioResult r = run("charge-discharge-stop", s, m);
        assertTrue(r.passed(), r.summary());
        assertTrue(r.chargedWh() > 0 && r.dischargedWh() > 0, r.summary());
    }

    @ParameterizedTest
    @CsvSource({"DC,SCHEDULED", "DC_BPT,DYNAMIC", "AC_BPT,SCHEDULED", "AC,DYNAMIC"})
    void pauseAndResumeJoinsTheOldSession(Service s, ControlMode m) {
        ScenarioResult r = run("pause-resume", s, m);
        assertTrue(r.passed(), r.summary());
        assertEquals(2, secc.connections);
        assertTrue(r.notes().contains("resumed paused session"));
    }

    @Test
    void stopByEv() {
        ScenarioResult r = run("stop-by-ev", Service.DC, ControlMode.SCHEDULED);
        assertTrue(r.passed(), r.summary());
        assertEquals("SessionStopReqType", secc.lastRequest);
    }

    @ParameterizedTest
    @EnumSource(value = evseNotificationType.class, names = {"Pause", "Terminate", "ScheduleRenegotiation"})
    void reactsToEvseNotification(evseNotificationType n) {
        secc.notifyAtLoop = 5;
        secc.notification = n;
        ScenarioResult r;
        if (n == evseNotificationType.ScheduleRenegotiation) {
            // after renegotiating, the EV keeps charging until its own stop
            r = run("stop-by-ev", Service.DC_BPT, ControlMode.SCHEDULED);
            assertTrue(r.notes().contains("EVSENotification ScheduleRenegotiation"), r.notes().toString());
        } else {
            r = run("evse-notification", Service.DC_BPT, ControlMode.DYNAMIC);
        }
        assertTrue(r.passed(), r.summary());
    }

    @Test
    void evseNotificationScenarioFailsWithoutNotification() {
        ScenarioResult r = run("evse-notification", Service.DC, ControlMode.DYNAMIC);
        assertFalse(r.passed());
        assertTrue(r.failures().contains("no EVSENotification received"), r.failures().toString());
    }

    @ParameterizedTest
    @CsvSource({"fault-wrong-sequence,1", "fault-unknown-session,1", "fault-malformed-exi,2", "fault-silence,2", "fault-tcp-drop,2"})
    void faultInjectionsPassAgainstAConformingSecc(String name, int connections) {
        ScenarioResult r = run(name, Service.DC, ControlMode.SCHEDULED);
        assertTrue(r.passed(), r.summary());
        assertEquals(connections, secc.connections);
        if (connections == 2) {
            // the follow-up session is clean: it charges and stops, it does not repeat the fault
            assertEquals("SessionStopReqType", secc.lastRequest, r.summary());
        }
    }

    @Test
    void wrongLoopVariantIsAFailedExpectation() {
        secc.wrongLoopVariant = true;
        ScenarioResult r = run("stop-by-ev", Service.DC, ControlMode.DYNAMIC);
        assertFalse(r.passed());
        assertTrue(r.failures().stream().anyMatch(f -> f.contains("does not match DC/DYNAMIC")), r.failures().toString());
    }

    @Test
    void lateLoopResponseIsAFailedExpectation() {
        secc.responseDelayMs = 600; // beyond the 0.5 s charge-loop EV timeout (ISO 15118-20 timers, secc-app/README-session.md, "Timers")
        ScenarioResult r = run("stop-by-ev", Service.DC, ControlMode.SCHEDULED);
        assertFalse(r.passed());
    }

    @Test
    void wrongAcLoopVariantIsAFailedExpectation() {
        secc.wrongLoopVariant = true;
        ScenarioResult r = run("stop-by-ev", Service.AC_BPT, ControlMode.SCHEDULED);
        assertFalse(r.passed());
        assertTrue(r.failures().stream().anyMatch(f -> f.contains("does not match AC_BPT/SCHEDULED")), r.failures().toString());
    }

    @Test
    void fallsBackToWhatTheSeccOffers() {
        secc.offerAc = false;
        secc.offerBpt = false;
        secc.modes = new int[] {1};
        ScenarioResult r = runner.run(Scenarios.get("stop-by-ev"), EvConfig.defaults(Service.DC_BPT, ControlMode.DYNAMIC));
        assertTrue(r.passed(), r.summary());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("using DC")), r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("using SCHEDULED")), r.notes().toString());
    }

    @Test
    void dischargeScenarioFailsWithoutBptOffer() {
        secc.offerBpt = false;
        ScenarioResult r = run("discharge", Service.DC_BPT, ControlMode.SCHEDULED);
        assertFalse(r.passed());
    }

    @Test
    void ongoingBeyondSixtySecondsIsAFailedExpectation() {
        secc.authOngoing = 1000; // the SECC never finishes EIM authorization
        ScenarioResult r = run("stop-by-ev", Service.DC, ControlMode.SCHEDULED);
        assertFalse(r.passed());
        assertTrue(r.failures().stream().anyMatch(f -> f.contains("still Ongoing after 60 s")), r.failures().toString());
    }
}
