package org.secc.app.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.secc.app.connector.ConnectorAction.EndSession;
import org.secc.app.connector.ConnectorAction.Energize;
import org.secc.app.connector.ConnectorAction.PilotHlc;
import org.secc.app.connector.ConnectorAction.PilotNominal;
import org.secc.app.connector.ConnectorAction.PilotPause;
import org.secc.app.connector.ConnectorAction.PilotStepEf;
import org.secc.app.connector.ConnectorAction.PilotWakeUp;
import org.secc.app.connector.ConnectorAction.PilotX1;
import org.secc.app.connector.ConnectorAction.SlacLeave;
import org.secc.app.connector.ConnectorAction.SlacListen;
import org.secc.app.connector.ConnectorEvent.Pilot;
import org.secc.hal.cp.CpState;

/** The connector lifecycle on a fake clock: every transition, and unplug, E and F in every state. */
class ConnectorLifecycleTest {
    private static final long S = 1_000_000_000L;

    /** A lifecycle and its clock. */
    static final class Rig {
        final ConnectorLifecycle lc;
        long now = 1_000 * S;
        final List<ConnectorAction> all = new ArrayList<>();

        Rig(LifecycleConfig cfg) {
            lc = new ConnectorLifecycle(1, cfg);
            all.addAll(lc.start(now));
        }

        List<ConnectorAction> on(ConnectorEvent e) {
            List<ConnectorAction> a = lc.on(e, now);
            all.addAll(a);
            return a;
        }

        List<ConnectorAction> pilot(CpState s) {
            return on(new Pilot(s));
        }

        /** Advances the clock, firing the lifecycle's deadline on the way. */
        List<ConnectorAction> advance(Duration d) {
            long end = now + d.toNanos();
            List<ConnectorAction> a = new ArrayList<>();
            while (lc.deadline() != ConnectorLifecycle.NONE && lc.deadline() - end <= 0) {
                now = Math.max(now, lc.deadline());
                a.addAll(lc.tick(now));
            }
            now = end;
            a.addAll(lc.tick(now));
            all.addAll(a);
            return a;
        }
    }

    static LifecycleConfig cfg(LifecycleConfig.Fallback fb) {
        return new LifecycleConfig(true, Duration.ofSeconds(60), Duration.ofSeconds(4), 2, 3, fb, 16);
    }

    /** The ways into each state, from start-up. */
    enum Where {
        IDLE, MATCHING, STEPPING_EF, LINK_UP, IN_SESSION, SESSION_DONE, PAUSED, BASIC_CHARGING, ERROR, FAULTED;

        Rig reach() {
            Rig r = new Rig(cfg(this == BASIC_CHARGING ? LifecycleConfig.Fallback.BASIC_CHARGING : LifecycleConfig.Fallback.ERROR));
            switch (this) {
                case IDLE -> { }
                case MATCHING -> r.pilot(CpState.B);
                case STEPPING_EF -> {
                    r.pilot(CpState.B);
                    r.advance(Duration.ofSeconds(61));
                }
                case LINK_UP -> {
                    r.pilot(CpState.B);
                    r.on(new ConnectorEvent.SlacLinkReady("02:00:00:00:00:0a"));
                }
                case IN_SESSION, SESSION_DONE, PAUSED -> {
                    r.pilot(CpState.B);
                    r.on(new ConnectorEvent.SlacLinkReady("02:00:00:00:00:0a"));
                    r.on(new ConnectorEvent.SessionStarted());
                    if (this == SESSION_DONE) {
                        r.on(new ConnectorEvent.SessionEnded("SessionStop Terminate"));
                    } else if (this == PAUSED) {
                        r.on(new ConnectorEvent.SessionPaused());
                    }
                }
                case BASIC_CHARGING, ERROR -> {
                    r.pilot(CpState.B);
                    for (int i = 0; i < 3; i++) { // the first round and C_sequ_retry = 2 retries
                        r.advance(Duration.ofSeconds(61));
                        r.advance(Duration.ofSeconds(5)); // T_step_EF
                    }
                }
                case FAULTED -> {
                    r.pilot(CpState.B);
                    r.pilot(CpState.E);
                }
            }
            return r;
        }

        String stateName() {
            return switch (this) {
                case IDLE -> "Idle";
                case MATCHING -> "Matching";
                case STEPPING_EF -> "SteppingEF";
                case LINK_UP -> "LinkUp";
                case IN_SESSION -> "InSession";
                case SESSION_DONE -> "SessionDone";
                case PAUSED -> "Paused";
                case BASIC_CHARGING -> "BasicCharging";
                case ERROR -> "Error";
                case FAULTED -> "Faulted";
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void everyStateIsReachable(Where w) {
        Rig r = w.reach();
        assertEquals(w.stateName(), r.lc.stateName(), r.lc.reason());
    }

    @Test
    void startUpDrivesX1AndWaits() {
        Rig r = new Rig(cfg(LifecycleConfig.Fallback.ERROR));
        assertEquals(List.of(new PilotX1()), r.all);
        assertEquals("Idle", r.lc.stateName());
        assertFalse(r.lc.servesSessions());
        assertEquals(ConnectorLifecycle.NONE, r.lc.deadline());
    }

    @Test
    void plugInGives5PercentAndOneMatching() {
        Rig r = new Rig(cfg(LifecycleConfig.Fallback.ERROR));
        assertEquals(List.of(new PilotHlc(), new SlacListen()), r.pilot(CpState.B));
        assertEquals("Matching", r.lc.stateName());
        assertTrue(r.lc.reason().contains("EV plugged in (CP B)"), r.lc.reason());
        // C while matching: nothing new, no second matching
        assertEquals(List.of(), r.pilot(CpState.C));
        assertEquals(List.of(), r.on(new ConnectorEvent.SlacLinkReady("02:00:00:00:00:0a")));
        assertEquals("LinkUp", r.lc.stateName());
        assertTrue(r.lc.servesSessions());
        assertEquals(List.of(), r.on(new ConnectorEvent.SessionStarted()));
        assertEquals("InSession", r.lc.stateName());
    }

    @Test
    void neverReKeysAfterTheMatchWhileThePlugStays() {
        Rig r = Where.IN_SESSION.reach();
        r.on(new ConnectorEvent.SessionEnded("SessionStop Terminate"));
        r.advance(Duration.ofMinutes(10));
        r.on(new ConnectorEvent.SessionStarted()); // a new V2G session in the same plug-in, e.g. after a TCP drop
        r.on(new ConnectorEvent.SessionEnded("connection lost"));
        assertEquals(1, r.all.stream().filter(a -> a instanceof SlacListen).count());
        assertEquals(0, r.all.stream().filter(a -> a instanceof SlacLeave).count(), r.all.toString());
        assertEquals("SessionDone", r.lc.stateName());
    }

    @Test
    void unplugLeavesTheNetworkAndTheNextCarMatchesAgain() {
        Rig r = Where.SESSION_DONE.reach();
        assertEquals(List.of(new SlacLeave(), new PilotX1()), r.pilot(CpState.A));
        assertEquals("Idle", r.lc.stateName());
        assertEquals(List.of(new PilotHlc(), new SlacListen()), r.pilot(CpState.B));
        assertEquals(2, r.lc.status().plugIns());
    }

    @Test
    void unplugDuringASessionEndsItFirst() {
        Rig r = Where.IN_SESSION.reach();
        List<ConnectorAction> a = r.pilot(CpState.A);
        assertEquals(List.of(new EndSession("EV unplugged"), new SlacLeave(), new PilotX1()), a);
    }

    @Test
    void noMatchRetriesThroughEfThenErrorWithItsReason() {
        Rig r = new Rig(cfg(LifecycleConfig.Fallback.ERROR));
        r.pilot(CpState.B);
        List<ConnectorAction> a = r.advance(Duration.ofSeconds(60));
        assertEquals(List.of(new SlacLeave(), new PilotStepEf()), a);
        assertEquals("SteppingEF", r.lc.stateName());
        // the charger's own F is not a fault
        assertEquals(List.of(), r.pilot(CpState.F));
        assertEquals(List.of(new PilotHlc(), new SlacListen()), r.advance(Duration.ofSeconds(4)));
        assertEquals("Matching", r.lc.stateName());
        r.pilot(CpState.B);
        assertEquals(List.of(new SlacLeave(), new PilotStepEf()), r.advance(Duration.ofSeconds(60)));
        r.advance(Duration.ofSeconds(4));
        assertEquals(List.of(new SlacLeave(), new PilotX1()), r.advance(Duration.ofSeconds(60)));
        assertEquals("Error", r.lc.stateName());
        assertTrue(r.lc.reason().contains("no SLAC link within 60 s after 2 retries"), r.lc.reason());
        assertFalse(r.lc.servesSessions());
        // only an unplug gets it out
        r.advance(Duration.ofHours(1));
        assertEquals("Error", r.lc.stateName());
        r.pilot(CpState.A);
        assertEquals("Idle", r.lc.stateName());
    }

    @Test
    void threeFailedAttemptsEndARoundEarly() {
        Rig r = new Rig(cfg(LifecycleConfig.Fallback.ERROR));
        r.pilot(CpState.B);
        assertEquals(List.of(), r.on(new ConnectorEvent.SlacAttemptFailed("TT_match_sequence")));
        assertEquals(List.of(), r.on(new ConnectorEvent.SlacAttemptFailed("TT_match_sequence")));
        assertEquals(List.of(new SlacLeave(), new PilotStepEf()), r.on(new ConnectorEvent.SlacAttemptFailed("TT_match_response")));
        assertTrue(r.lc.reason().startsWith("3 matching attempts failed (last: TT_match_response)"), r.lc.reason());
    }

    @Test
    void initTimeoutIsARoundFailure() {
        Rig r = new Rig(cfg(LifecycleConfig.Fallback.ERROR));
        r.pilot(CpState.C);
        assertEquals(List.of(new SlacLeave(), new PilotStepEf()), r.on(new ConnectorEvent.SlacInitTimeout()));
    }

    @Test
    void basicChargingFallbackUsesNominalDutyAndFollowsTheEv() {
        Rig r = new Rig(cfg(LifecycleConfig.Fallback.BASIC_CHARGING));
        r.pilot(CpState.B);
        List<ConnectorAction> last = List.of();
        for (int i = 0; i < 3; i++) {
            last = r.advance(Duration.ofSeconds(60));
            if (i < 2) {
                r.advance(Duration.ofSeconds(4));
            }
        }
        assertEquals(List.of(new SlacLeave(), new PilotNominal(16, false)), last);
        assertEquals("BasicCharging", r.lc.stateName());
        assertTrue(r.lc.reason().contains("IEC 61851-1 basic charging at 16 A"), r.lc.reason());
        assertEquals(List.of(), r.pilot(CpState.F), "the F of the way to nominal duty is the charger's own");
        assertEquals(List.of(new Energize(true)), r.pilot(CpState.C));
        assertEquals(List.of(new Energize(false)), r.pilot(CpState.B));
        r.pilot(CpState.C);
        assertEquals(List.of(new Energize(false), new PilotX1()), r.pilot(CpState.A));
    }

    @Test
    void iso2AcAfterEimGoesToNominalDutyThroughX1AndFollowsTheEv() {
        Rig r = Where.SESSION_DONE.reach();
        assertEquals(List.of(new PilotNominal(16, true)), r.on(new ConnectorEvent.NominalDutyAfterAuthorization()));
        assertEquals("BasicCharging", r.lc.stateName());
        assertTrue(r.lc.reason().contains("[V2G2-853]"), r.lc.reason());
        assertEquals(List.of(new Energize(true)), r.pilot(CpState.C));
        assertEquals(List.of(new Energize(false)), r.pilot(CpState.B));
        // only after the session ended: a running session keeps the 5 %
        Rig running = Where.IN_SESSION.reach();
        assertEquals(List.of(), running.on(new ConnectorEvent.NominalDutyAfterAuthorization()));
        assertEquals("InSession", running.lc.stateName());
    }

    @Test
    void pauseUsesThePilotAndResumes() {
        Rig r = Where.IN_SESSION.reach();
        assertEquals(List.of(new PilotPause()), r.on(new ConnectorEvent.SessionPaused()));
        assertEquals("Paused", r.lc.stateName());
        assertEquals(List.of(), r.on(new ConnectorEvent.EvWakeUp()));
        assertEquals("LinkUp", r.lc.stateName());
        r.on(new ConnectorEvent.SessionStarted());
        r.on(new ConnectorEvent.SessionPaused());
        assertEquals(List.of(new PilotWakeUp()), r.on(new ConnectorEvent.WakeUp("grid back in service")));
        assertEquals("LinkUp", r.lc.stateName());
        r.on(new ConnectorEvent.SessionStarted());
        r.on(new ConnectorEvent.SessionPaused());
        assertEquals(List.of(new PilotWakeUp()), r.on(new ConnectorEvent.SessionStarted()));
        assertEquals("InSession", r.lc.stateName());
        assertEquals(0, r.all.stream().filter(a -> a instanceof SlacLeave).count(), "a pause keeps the network");
    }

    @Test
    void linkLostRetriesThroughEf() {
        Rig r = Where.IN_SESSION.reach();
        List<ConnectorAction> a = r.on(new ConnectorEvent.SlacLinkLost());
        assertEquals(List.of(new EndSession("the modem lost the logical network (D-LINK_ERROR)"), new SlacLeave(), new PilotStepEf()), a);
        assertEquals("SteppingEF", r.lc.stateName());
    }

    @Test
    void recoveryFromEfRestoresThePwmAndMatchesAgain() {
        Rig r = Where.IN_SESSION.reach();
        assertEquals(List.of(new EndSession("control pilot E"), new SlacLeave()), r.pilot(CpState.E));
        assertEquals("Faulted", r.lc.stateName());
        assertFalse(r.lc.servesSessions());
        assertEquals(List.of(), r.pilot(CpState.F), "already faulted");
        assertEquals(List.of(new PilotHlc(), new SlacListen()), r.pilot(CpState.C));
        assertEquals("Matching", r.lc.stateName());
        assertTrue(r.lc.reason().startsWith("pilot recovered (CP C)"), r.lc.reason());
    }

    @Test
    void withoutSlacThePlugInBringsTheLinkAtOnce() {
        Rig r = new Rig(LifecycleConfig.defaults().withSlac(false));
        assertEquals(List.of(new PilotHlc()), r.pilot(CpState.C));
        assertEquals("LinkUp", r.lc.stateName());
        r.pilot(CpState.E);
        assertEquals(List.of(new PilotHlc()), r.pilot(CpState.B), "a recovery from E restores the 5 %");
        assertEquals("LinkUp", r.lc.stateName());
    }

    /** Unplug, E and F in every state: the network is left and the session ended wherever one could exist. */
    @ParameterizedTest
    @EnumSource(Where.class)
    void unplugInEveryState(Where w) {
        Rig r = w.reach();
        boolean wasIdle = r.lc.stateName().equals("Idle");
        List<ConnectorAction> a = r.pilot(CpState.A);
        assertEquals("Idle", r.lc.stateName());
        assertFalse(r.lc.servesSessions());
        if (wasIdle) {
            assertEquals(List.of(), a);
            return;
        }
        assertTrue(a.contains(new PilotX1()), a.toString());
        boolean network = switch (w) {
            case MATCHING, STEPPING_EF, LINK_UP, IN_SESSION, SESSION_DONE, PAUSED -> true;
            default -> false;
        };
        assertEquals(network, a.contains(new SlacLeave()), a.toString());
        boolean session = w == Where.IN_SESSION;
        assertEquals(session, a.stream().anyMatch(x -> x instanceof EndSession), a.toString());
        // and the next car gets its own matching
        assertEquals(List.of(new PilotHlc(), new SlacListen()), r.pilot(CpState.B));
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void pilotEInEveryState(Where w) {
        faultIn(w, CpState.E);
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void pilotFInEveryState(Where w) {
        faultIn(w, CpState.F);
    }

    private static void faultIn(Where w, CpState fault) {
        Rig r = w.reach();
        if (w == Where.STEPPING_EF || w == Where.BASIC_CHARGING) {
            r.advance(Duration.ofSeconds(5)); // past the charger's own E/F
        }
        String before = r.lc.stateName();
        List<ConnectorAction> a = r.pilot(fault);
        assertEquals("Faulted", r.lc.stateName(), before);
        assertFalse(r.lc.servesSessions());
        assertFalse(a.contains(new PilotHlc()), a.toString());
        boolean session = w == Where.IN_SESSION;
        assertEquals(session, a.stream().anyMatch(x -> x instanceof EndSession), before + " " + a);
        if (w == Where.BASIC_CHARGING) {
            assertTrue(a.contains(new Energize(false)), a.toString());
        }
        // E/F over, the EV still there: 5 % and a new matching
        List<ConnectorAction> back = r.pilot(CpState.B);
        assertEquals(List.of(new PilotHlc(), new SlacListen()), back, before);
        // or unplugged
        r.pilot(CpState.E);
        r.pilot(CpState.A);
        assertEquals("Idle", r.lc.stateName());
    }

    @Test
    void servesSessionsOnlyWithALink() {
        for (Where w : Where.values()) {
            boolean serves = w.reach().lc.servesSessions();
            boolean expected = w == Where.LINK_UP || w == Where.IN_SESSION || w == Where.SESSION_DONE || w == Where.PAUSED;
            assertEquals(expected, serves, w.name());
        }
    }
}
