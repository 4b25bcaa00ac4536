package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.secc.app.din.DinOutcome;
import org.secc.app.din.DinSession;
import org.secc.app.sap.AppProtocol;
import org.secc.app.sap.SapNegotiator;
import org.secc.app.session.SessionConfig;
import org.secc.ev.battery.Battery;
import org.secc.ev.din.DinEvSession;
import org.secc.ev.din.DinQuirks;
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
import org.secc.exi.din.V2G_Message;

/**
 * Whole DIN 70121 DC sessions of the emulator's DIN EV against the charger on the stepped bench,
 * every message through the codecs, with each real-car quirk: the EV's checks must hold, energy must
 * flow into the car within the charger's limits, and every session ends with power off and the
 * contactors open.
 */
class DinBenchSessionTest {

    static final class Run {
        final DinEvSession ev;
        final List<String> log = new ArrayList<>();
        DinSession secc;

        Run(DinEvSession ev) {
            this.ev = ev;
        }
    }

    static Run run(SteppedBench b, DinQuirks quirks, Battery bat, LoopPolicy policy) {
        EvConfig cfg = EvConfig.defaults(Service.DC, ControlMode.SCHEDULED).withTargetSoc(100);
        Run r = new Run(new DinEvSession(cfg, quirks, bat, b::nowMs, policy));
        SessionConfig sc = SessionConfig.defaults();
        boolean closed = false;
        Action a = r.ev.start();
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
                assertEquals(AppProtocol.DIN, neg.selected().orElseThrow());
                response = neg.response();
                rk = SchemaKind.SAP;
                r.secc = new DinSession(sc, b.cp.charge(), b.bench::nanos);
            } else {
                DinOutcome o = r.secc.handle((V2G_Message) decoded);
                closed = o.actions().stream().anyMatch(x -> x instanceof org.secc.app.session.Action.CloseConnection);
                if (o.response().isEmpty()) {
                    a = r.ev.onPeerClosed();
                    break;
                }
                response = o.response().get();
                rk = SchemaKind.DIN;
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
        return r;
    }

    private static void assertSafe(SteppedBench b) {
        b.step(Duration.ofMillis(200));
        assertFalse(b.bench.contactors().state().commandedClosed(), "contactors commanded open");
        assertFalse(b.bench.contactors().state().mirrorClosed(), "contactors open (mirror)");
        assertEquals(0, b.bench.powerStage().present().currentA(), 1e-9, "no current");
    }

    static LoopPolicy chargeFor(long ms) {
        return (x, t) -> t >= ms ? Decision.STOP : Decision.CHARGE;
    }

    @Test
    void dinDcSessionCharges() {
        SteppedBench b = new SteppedBench("");
        Battery bat = Scenarios.bench(50);
        Run r = run(b, DinQuirks.NONE, bat, chargeFor(3_000));
        assertEquals(List.of(), r.ev.failures(), String.join("\n", r.log));
        assertTrue(r.ev.endedOk(), r.ev.stopReason());
        assertTrue(bat.soc() > 50, "SOC rose: " + bat.soc());
        assertEquals(0, bat.dischargedWh(), 1e-6, "charge only");
        assertTrue(r.log.stream().anyMatch(l -> l.startsWith("WeldingDetectionReq")), r.log.toString());
        assertTrue(r.log.get(r.log.size() - 1).startsWith("SessionStopReq -> SessionStopRes"), r.log.toString());
        assertSafe(b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unit-omitted", "changing-multipliers", "wrong-first-precharge-target", "short-session-id",
            "unit-omitted, changing-multipliers, wrong-first-precharge-target, short-session-id"})
    void dinQuirksStillCharge(String quirks) {
        SteppedBench b = new SteppedBench("");
        Battery bat = Scenarios.bench(50);
        Run r = run(b, DinQuirks.parse(quirks), bat, chargeFor(2_000));
        assertEquals(List.of(), r.ev.failures(), String.join("\n", r.log));
        assertTrue(r.ev.endedOk(), r.ev.stopReason());
        assertTrue(bat.soc() > 50, "SOC rose: " + bat.soc());
        assertSafe(b);
    }

    @Test
    void sessionStopDuringCableCheckEndsCleanly() {
        SteppedBench b = new SteppedBench("");
        Battery bat = Scenarios.bench(50);
        Run r = run(b, DinQuirks.parse("session-stop-in-cable-check"), bat, chargeFor(2_000));
        assertEquals(List.of(), r.ev.failures(), String.join("\n", r.log));
        assertTrue(r.ev.endedOk(), r.ev.stopReason());
        assertTrue(r.log.get(r.log.size() - 1).startsWith("SessionStopReq -> SessionStopRes [Ended]"), r.log.toString());
        assertEquals(50, bat.soc(), 1e-9);
        assertSafe(b);
    }

    @Test
    void emergencyStopIsEvseShutdownAndTheCarStops() {
        SteppedBench b = new SteppedBench("");
        Battery bat = Scenarios.bench(50);
        Run r = run(b, DinQuirks.NONE, bat, (x, t) -> {
            if (t >= 1_000) {
                b.bench.emergencyStop().press();
            }
            return t >= 20_000 ? Decision.STOP : Decision.CHARGE;
        });
        assertTrue(r.ev.notes().contains("EVSE_Shutdown received"), r.ev.notes().toString());
        assertTrue(r.ev.endedOk(), r.ev.failures().toString());
        assertTrue(r.ev.stopReason().contains("EVSE_Shutdown"), r.ev.stopReason());
        assertSafe(b);
    }

    @Test
    void thermalDeratingLimitsTheDinCharge() {
        SteppedBench b = new SteppedBench("");
        b.bench.temperatures().setAmbientC(60);
        b.step(Duration.ofMinutes(4));
        double heatSink = b.hal.temperatures().maxC();
        Battery bat = Scenarios.bench(50);
        double[] maxW = {0};
        Run r = run(b, DinQuirks.NONE, bat, (x, t) -> {
            maxW[0] = Math.max(maxW[0], b.bench.powerStage().present().powerW());
            return t < 3_000 ? Decision.CHARGE : Decision.STOP;
        });
        assertTrue(r.ev.endedOk(), r.ev.failures().toString());
        double expected = 40_000 * (75 - heatSink) / 30;
        assertTrue(maxW[0] > 0.5 * expected && maxW[0] <= expected * 1.02, "max " + maxW[0] + " W, derated limit " + expected + " W");
    }
}
