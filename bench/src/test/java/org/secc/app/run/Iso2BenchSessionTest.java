package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.secc.app.iso2.Iso2Outcome;
import org.secc.app.iso2.Iso2Session;
import org.secc.app.iso2.PausedSession;
import org.secc.app.sap.AppProtocol;
import org.secc.app.sap.SapNegotiator;
import org.secc.app.session.ServiceOffer;
import org.secc.app.session.SessionConfig;
import org.secc.ev.battery.Battery;
import org.secc.ev.din.DinQuirks;
import org.secc.ev.iso2.Iso2EvSession;
import org.secc.ev.scenario.Scenarios;
import org.secc.ev.session.Action;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Decision;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.LoopPolicy;
import org.secc.ev.session.Outgoing;
import org.secc.ev.session.Service;
import org.secc.exi.ExiCodec;
import org.secc.exi.SchemaKind;
import org.secc.exi.apphand.supportedAppProtocolReq;
import org.secc.exi.iso2.V2G_Message;

/**
 * Whole ISO 15118-2 DC and AC sessions of the emulator's -2 EV against the charger on the stepped
 * bench, every message through the codecs, with each real-car quirk, pause and resume, the charger's
 * stop and thermal derating: the EV's checks must hold, energy must flow into the car within the
 * charger's limits, and every session ends with power off and the contactors open.
 */
class Iso2BenchSessionTest {

    static final class Run {
        final Iso2EvSession ev;
        final List<String> log = new ArrayList<>();
        final PausedSession paused = new PausedSession();
        Iso2Session secc;

        Run(Iso2EvSession ev) {
            this.ev = ev;
        }
    }

    static Run run(SteppedBench b, Service service, DinQuirks quirks, Battery bat, LoopPolicy policy) {
        EvConfig cfg = EvConfig.defaults(service, ControlMode.SCHEDULED).withTargetSoc(100);
        Run r = new Run(new Iso2EvSession(cfg, quirks, bat, b::nowMs, policy));
        connection(b, r, r.ev.start());
        if (r.ev.paused()) {
            b.step(Duration.ofSeconds(2));
            connection(b, r, r.ev.resume());
        }
        return r;
    }

    /** One TCP connection's worth of messages: SAP, then the -2 session until it closes. */
    static void connection(SteppedBench b, Run r, Action first) {
        SessionConfig sc = SessionConfig.defaults().withServices(ServiceOffer.of(false, ServiceOffer.DC, ServiceOffer.AC));
        boolean closed = false;
        Action a = first;
        while (a instanceof Action.Send s) {
            b.advanceTo(s.notBeforeMs());
            if (closed) {
                a = r.ev.onPeerClosed();
                break;
            }
            Outgoing out = s.out();
            Object decoded = ExiCodec.of(out.kind()).decode(ExiCodec.of(out.kind()).encode(out.message())).value();
            Object response;
            SchemaKind rk;
            if (decoded instanceof supportedAppProtocolReq sap) {
                var neg = SapNegotiator.defaults().negotiate(sap, false);
                assertEquals(AppProtocol.ISO2, neg.selected().orElseThrow(), "the EV offers -2 (priority 1) and DIN");
                response = neg.response();
                rk = SchemaKind.SAP;
                r.secc = new Iso2Session(sc, b.cp.charge(), r.paused, b.bench::nanos);
            } else {
                Iso2Outcome o = r.secc.handle((V2G_Message) decoded);
                // the AC contactors: the response waits, the bench runs meanwhile (as the edge polls)
                for (int i = 0; i < 3_000 && o.actions().contains(new org.secc.app.session.Action.ResponsePending()); i++) {
                    b.step(Duration.ofMillis(1));
                    o = r.secc.poll();
                }
                closed = o.actions().stream().anyMatch(x -> x instanceof org.secc.app.session.Action.CloseConnection);
                if (o.response().isEmpty()) {
                    a = r.ev.onPeerClosed();
                    break;
                }
                response = o.response().get();
                rk = SchemaKind.ISO2;
                r.log.add(out.name() + " -> " + ((V2G_Message) response).Body().BodyElementGroup().getClass().getSimpleName() + " ["
                        + r.secc.stateName() + "]");
            }
            b.step(Duration.ofMillis(2));
            a = r.ev.onResponse(ExiCodec.of(rk).decode(ExiCodec.of(rk).encode(response)).value());
        }
        if (a instanceof Action.Silence) {
            a = closed ? r.ev.onPeerClosed() : r.ev.onTimeout();
        }
        if (r.secc != null && !r.secc.ended()) {
            r.secc.connectionLost();
        }
    }

    private static void assertSafe(SteppedBench b) {
        b.step(Duration.ofMillis(1500));
        assertFalse(b.bench.contactors().state().commandedClosed(), "contactors commanded open");
        assertFalse(b.bench.contactors().state().mirrorClosed(), "contactors open (mirror)");
        assertEquals(0, b.bench.powerStage().present().currentA(), 1e-9, "no current");
    }

    static LoopPolicy chargeFor(long ms) {
        return (x, t) -> t >= ms ? Decision.STOP : Decision.CHARGE;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DC", "AC"})
    void iso2SessionCharges(Service service) {
        SteppedBench b = new SteppedBench("");
        Battery bat = Scenarios.bench(50);
        Run r = run(b, service, DinQuirks.NONE, bat, chargeFor(3_000));
        assertEquals(List.of(), r.ev.failures(), String.join("\n", r.log));
        assertTrue(r.ev.endedOk(), r.ev.stopReason());
        assertTrue(bat.soc() > 50, "SOC rose: " + bat.soc());
        assertEquals(0, bat.dischargedWh(), 1e-6, "charge only");
        String loop = service == Service.DC ? "CurrentDemandReq -> CurrentDemandRes" : "ChargingStatusReq -> ChargingStatusRes";
        assertTrue(r.log.stream().anyMatch(l -> l.startsWith(loop)), r.log.toString());
        assertEquals(service == Service.DC, r.log.stream().anyMatch(l -> l.startsWith("WeldingDetectionReq")), r.log.toString());
        assertTrue(r.log.get(r.log.size() - 1).startsWith("SessionStopReq -> SessionStopRes [Ended]"), r.log.toString());
        assertSafe(b);
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @CsvSource(delimiter = ';', value = {"DC; changing-multipliers", "DC; wrong-first-precharge-target", "DC; short-session-id",
            "DC; changing-multipliers, wrong-first-precharge-target, short-session-id", "AC; changing-multipliers, short-session-id"})
    void iso2QuirksStillCharge(Service service, String quirks) {
        SteppedBench b = new SteppedBench("");
        Battery bat = Scenarios.bench(50);
        Run r = run(b, service, DinQuirks.parse(quirks), bat, chargeFor(2_000));
        assertEquals(List.of(), r.ev.failures(), String.join("\n", r.log));
        assertTrue(r.ev.endedOk(), r.ev.stopReason());
        assertTrue(bat.soc() > 50, "SOC rose: " + bat.soc());
        assertSafe(b);
    }

    @Test
    void sessionStopDuringCableCheckEndsCleanly() {
        SteppedBench b = new SteppedBench("");
        Battery bat = Scenarios.bench(50);
        Run r = run(b, Service.DC, DinQuirks.parse("session-stop-in-cable-check"), bat, chargeFor(2_000));
        assertEquals(List.of(), r.ev.failures(), String.join("\n", r.log));
        assertTrue(r.ev.endedOk(), r.ev.stopReason());
        assertTrue(r.log.get(r.log.size() - 1).startsWith("SessionStopReq -> SessionStopRes [Ended]"), r.log.toString());
        assertEquals(50, bat.soc(), 1e-9);
        assertSafe(b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DC", "AC"})
    void pauseAndResumeWithTheOldSessionId(Service service) {
        SteppedBench b = new SteppedBench("");
        Battery bat = Scenarios.bench(50);
        boolean[] pausedOnce = {false};
        Run r = run(b, service, DinQuirks.NONE, bat, (x, t) -> {
            if (!pausedOnce[0]) {
                if (t >= 1_000) {
                    pausedOnce[0] = true;
                    return Decision.PAUSE;
                }
                return Decision.CHARGE;
            }
            return t >= 1_000 ? Decision.STOP : Decision.CHARGE;
        });
        assertEquals(List.of(), r.ev.failures(), String.join("\n", r.log));
        assertTrue(r.ev.notes().contains("resumed paused session"), r.ev.notes().toString());
        assertTrue(r.ev.endedOk(), r.ev.stopReason());
        assertTrue(r.log.stream().anyMatch(l -> l.startsWith("SessionSetupReq -> SessionSetupRes")), r.log.toString());
        assertSafe(b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DC", "AC"})
    void emergencyStopIsStopChargingAndTheCarStops(Service service) {
        SteppedBench b = new SteppedBench("");
        Battery bat = Scenarios.bench(50);
        Run r = run(b, service, DinQuirks.NONE, bat, (x, t) -> {
            if (t >= 1_000) {
                b.bench.emergencyStop().press();
            }
            return t >= 20_000 ? Decision.STOP : Decision.CHARGE;
        });
        assertTrue(r.ev.notes().contains("EVSENotification StopCharging received"), r.ev.notes().toString());
        assertTrue(r.ev.endedOk(), r.ev.failures().toString());
        assertTrue(r.ev.stopReason().contains("StopCharging"), r.ev.stopReason());
        assertSafe(b);
    }

    @Test
    void thermalDeratingLimitsTheIso2DcCharge() {
        SteppedBench b = new SteppedBench("");
        b.bench.temperatures().setAmbientC(60);
        b.step(Duration.ofMinutes(4));
        double heatSink = b.hal.temperatures().maxC();
        Battery bat = Scenarios.bench(50);
        double[] maxW = {0};
        Run r = run(b, Service.DC, DinQuirks.NONE, bat, (x, t) -> {
            maxW[0] = Math.max(maxW[0], b.bench.powerStage().present().powerW());
            return t < 3_000 ? Decision.CHARGE : Decision.STOP;
        });
        assertTrue(r.ev.endedOk(), r.ev.failures().toString());
        double expected = 40_000 * (75 - heatSink) / 30;
        assertTrue(maxW[0] > 0.5 * expected && maxW[0] <= expected * 1.02, "max " + maxW[0] + " W, derated limit " + expected + " W");
    }
}
