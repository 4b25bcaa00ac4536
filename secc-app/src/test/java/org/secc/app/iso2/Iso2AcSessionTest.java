package org.secc.app.iso2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.secc.app.iso2.Iso2Messages.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.secc.app.charge.AcLimits;
import org.secc.app.charge.ChargeControl.PowerDeliveryResult;
import org.secc.app.charge.EvseNotification;
import org.secc.app.session.Action;
import org.secc.app.session.RecordingChargeControl;
import org.secc.app.session.ServiceOffer;
import org.secc.app.session.SessionConfig;
import org.secc.exi.ExiCodec;
import org.secc.exi.SchemaKind;
import org.secc.exi.iso2.V2G_Message;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.ChargeParameterDiscoveryResType;
import org.secc.exi.iso2.types.EVSENotificationType;
import org.secc.exi.iso2.types.EnergyTransferModeType;
import org.secc.exi.iso2.types.chargeProgressType;
import org.secc.exi.iso2.types.chargingSessionType;
import org.secc.exi.iso2.types.paymentOptionType;
import org.secc.exi.iso2.types.responseCodeType;
import org.secc.exi.iso2.types.unitSymbolType;

/** The ISO 15118-2 AC session (EIM) state by state, every message through the -2 codec, time on a fake clock. */
class Iso2AcSessionTest {

    static final EnergyTransferModeType AC3 = EnergyTransferModeType.AC_three_phase_core;

    RecordingChargeControl charge;
    PausedSession paused;
    long nanos;
    Iso2Session s;
    Iso2Outcome last;

    @BeforeEach
    void setUp() {
        setUp(ServiceOffer.of(false, ServiceOffer.AC));
    }

    void setUp(ServiceOffer offer) {
        charge = new RecordingChargeControl();
        paused = new PausedSession();
        nanos = 0;
        s = new Iso2Session(SessionConfig.defaults().withServices(offer), charge, paused, () -> nanos);
    }

    BodyElementGroup send(BodyElementGroup req) {
        ExiCodec c = ExiCodec.of(SchemaKind.ISO2);
        V2G_Message in = c.decode(c.encode(msg(s.sessionId(), req)), V2G_Message.class);
        last = s.handle(in);
        return decoded();
    }

    BodyElementGroup decoded() {
        if (last.response().isEmpty()) {
            return null;
        }
        ExiCodec c = ExiCodec.of(SchemaKind.ISO2);
        V2G_Message out = c.decode(c.encode(last.response().get()), V2G_Message.class);
        assertArrayEquals(s.sessionId(), out.Header().SessionID());
        return out.Body().BodyElementGroup();
    }

    static responseCodeType code(BodyElementGroup res) {
        return Iso2SessionTest.code(res);
    }

    static final List<Supplier<BodyElementGroup>> PATH = List.of(Iso2Messages::sessionSetup, Iso2Messages::serviceDiscovery,
            () -> paymentSelection(paymentOptionType.ExternalPayment, 1), Iso2Messages::authorization, () -> cpdAc(AC3),
            () -> powerDelivery(chargeProgressType.Start), Iso2Messages::chargingStatus, () -> powerDelivery(chargeProgressType.Stop),
            Iso2Messages::sessionStop);

    static final List<String> STATES = List.of("Iso2WaitSessionSetup", "Iso2WaitServiceDiscovery", "Iso2WaitPaymentServiceSelection",
            "Iso2WaitAuthorization", "Iso2WaitChargeParameterDiscovery", "Iso2AcWaitPowerDelivery", "Iso2AcWaitChargingStatus",
            "Iso2AcChargingStatusOrPowerDelivery", "Iso2AcWaitSessionStop");

    void walkTo(int steps) {
        for (int i = 0; i < steps; i++) {
            BodyElementGroup r = send(PATH.get(i).get());
            assertTrue(code(r).name().startsWith("OK"), i + ": " + code(r));
        }
        assertEquals(STATES.get(steps), s.stateName());
    }

    @Test
    void wholeAcSessionCharges() throws Exception {
        send(sessionSetup());
        var sd = ((BodyElementGroup.ServiceDiscoveryRes) send(serviceDiscovery())).value();
        assertEquals(List.of(AC3), sd.ChargeService().SupportedEnergyTransferMode().EnergyTransferMode(), "3-phase stage");
        assertEquals(List.of(paymentOptionType.ExternalPayment), sd.PaymentOptionList().PaymentOption());
        send(paymentSelection(paymentOptionType.ExternalPayment, 1));
        send(authorization());
        var cpd = ((BodyElementGroup.ChargeParameterDiscoveryRes) send(cpdAc(AC3))).value();
        assertEquals(responseCodeType.OK, cpd.ResponseCode());
        var acp = ((ChargeParameterDiscoveryResType.EVSEChargeParameterGroup.AC_EVSEChargeParameter) cpd.EVSEChargeParameterGroup()).value();
        assertEquals(230.0, acp.EVSENominalVoltage().Value() * Math.pow(10, acp.EVSENominalVoltage().Multiplier()), 1e-9);
        assertEquals(22_000 / 690.0, Iso2Values.read(acp.EVSEMaxCurrent(), unitSymbolType.A, "I"), 0.05, "22 kW over 3 × 230 V");
        var tuple = ((ChargeParameterDiscoveryResType.SASchedulesGroup.SAScheduleList) cpd.SASchedulesGroup()).value().SAScheduleTuple().get(0);
        assertEquals(22_000, Iso2Values.read(tuple.PMaxSchedule().PMaxScheduleEntry().get(0).PMax(), unitSymbolType.W, "P"), 1e-6);
        assertEquals(1, charge.transfers.get(0).serviceId(), "AC");
        assertEquals(32 * 230 * 3, charge.transfers.get(0).evMaxChargePowerW(), 1e-6);
        assertEquals(responseCodeType.OK, code(send(powerDelivery(chargeProgressType.Start))));
        assertEquals(1, charge.starts);
        for (int i = 0; i < 3; i++) {
            var cs = ((BodyElementGroup.ChargingStatusRes) send(chargingStatus())).value();
            assertEquals(responseCodeType.OK, cs.ResponseCode());
            assertEquals(Boolean.FALSE, cs.ReceiptRequired(), "[V2G2-691] always present, false with EIM");
            assertEquals(SessionConfig.defaults().evseId(), cs.EVSEID());
            assertEquals(1, cs.SAScheduleTupleID());
            assertEquals(EVSENotificationType.None, cs.AC_EVSEStatus().EVSENotification());
            assertEquals(22_000 / 690.0, Iso2Values.read(cs.EVSEMaxCurrent(), unitSymbolType.A, "I"), 0.05);
            assertEquals(SessionConfig.defaults().meterId(), cs.MeterInfo().MeterID());
        }
        var lr = charge.loops.get(0);
        assertTrue(lr.ac() && !lr.dynamic() && !lr.bpt(), "a -20 AC Scheduled step, charge only");
        assertEquals(32 * 690, lr.evMaxChargePowerW(), 1e-6);
        assertEquals(6 * 690, lr.evMinChargePowerW(), 1e-6);
        assertEquals(responseCodeType.OK, code(send(powerDelivery(chargeProgressType.Stop))));
        assertFalse(charge.powered, "contactors open before PowerDeliveryRes(Stop)");
        assertEquals("Iso2AcWaitSessionStop", s.stateName());
        assertEquals(responseCodeType.OK, code(send(sessionStop())));
        assertTrue(s.ended());
        assertFalse(last.actions().stream().anyMatch(a -> a instanceof Action.NominalDuty), "the HLC charge ran");
    }

    @Test
    void aChargerWithDcAndAcOffersBothAndTheEvChooses() {
        setUp(ServiceOffer.of(false, ServiceOffer.DC, ServiceOffer.AC));
        charge.ac = new AcLimits(7_400, 0, 0, 0, 1, 230, 50);
        send(sessionSetup());
        var sd = ((BodyElementGroup.ServiceDiscoveryRes) send(serviceDiscovery())).value();
        assertEquals(List.of(EnergyTransferModeType.DC_extended, EnergyTransferModeType.AC_single_phase_core),
                sd.ChargeService().SupportedEnergyTransferMode().EnergyTransferMode());
        send(paymentSelection(paymentOptionType.ExternalPayment, 1));
        send(authorization());
        assertEquals(responseCodeType.FAILED_WrongEnergyTransferMode, code(send(cpdAc(AC3))), "3-phase on a 1-phase stage");
    }

    /** Every request type of the -2 AC sequence, then the DC-only ones (never allowed in an AC session). */
    static final List<Supplier<BodyElementGroup>> ALL = List.of(Iso2Messages::sessionSetup, Iso2Messages::serviceDiscovery,
            () -> paymentSelection(paymentOptionType.ExternalPayment, 1), Iso2Messages::authorization, () -> cpdAc(AC3),
            () -> powerDelivery(chargeProgressType.Start), () -> powerDelivery(chargeProgressType.Stop), Iso2Messages::chargingStatus,
            Iso2Messages::sessionStop, Iso2Messages::cableCheck, Iso2Messages::preCharge, Iso2Messages::currentDemand,
            Iso2Messages::weldingDetection);

    /** Allowed requests per state (indexes into {@link #ALL}), from the -2 AC state table. */
    static final List<List<Integer>> ALLOWED = List.of(
            List.of(0),              // WaitSessionSetup
            List.of(1, 8),           // WaitServiceDiscovery
            List.of(2, 8),           // WaitPaymentServiceSelection
            List.of(3, 8),           // WaitAuthorization
            List.of(4, 8),           // WaitChargeParameterDiscovery
            List.of(5, 6, 8),        // AcWaitPowerDelivery
            List.of(7),              // AcWaitChargingStatus
            List.of(6, 7),           // AcChargingStatusOrPowerDelivery (Start → sequence error, [V2G2-812])
            List.of(8));             // AcWaitSessionStop

    static Stream<Arguments> matrix() {
        List<Arguments> l = new ArrayList<>();
        for (int st = 0; st < ALLOWED.size(); st++) {
            for (int rq = 0; rq < ALL.size(); rq++) {
                l.add(Arguments.of(st, rq, ALLOWED.get(st).contains(rq)));
            }
        }
        return l.stream();
    }

    @ParameterizedTest(name = "state {0} request {1} allowed {2}")
    @MethodSource("matrix")
    void everyStateAnswersOnlyItsRequests(int state, int request, boolean allowed) {
        walkTo(state);
        charge.powered = true;
        BodyElementGroup req = ALL.get(request).get();
        BodyElementGroup res = send(req);
        String what = STATES.get(state) + " × " + req.getClass().getSimpleName();
        assertEquals(req.getClass().getSimpleName().replace("Req", "Res"), res.getClass().getSimpleName(), what);
        if (allowed) {
            assertTrue(code(res).name().startsWith("OK"), what + ": " + code(res));
        } else {
            assertEquals(responseCodeType.FAILED_SequenceError, code(res), what);
            assertTrue(s.ended(), what);
            assertFalse(charge.powered, what + ": power off");
            assertTrue(last.actions().contains(new Action.CloseConnection(Duration.ZERO)), what);
        }
    }

    @Test
    void acChargeParametersAreChecked() throws Exception {
        record Bad(String why, BodyElementGroup req, responseCodeType code) {
        }
        var a = pv(0, unitSymbolType.A, 32);
        var v = pv(0, unitSymbolType.V, 400);
        var e = pv(3, unitSymbolType.Wh, 20);
        List<Bad> bad = List.of(
                new Bad("DC requested on an AC-only charger", cpd(), responseCodeType.FAILED_WrongEnergyTransferMode),
                new Bad("1-phase on a 3-phase stage", cpdAc(EnergyTransferModeType.AC_single_phase_core), responseCodeType.FAILED_WrongEnergyTransferMode),
                new Bad("DC parameters with an AC mode", cpd(AC3, a, v, null), responseCodeType.FAILED_WrongChargeParameter),
                new Bad("current in volts", cpdAc(AC3, e, v, pv(0, unitSymbolType.V, 32), a), responseCodeType.FAILED_WrongChargeParameter),
                new Bad("negative maximum", cpdAc(AC3, e, v, pv(0, unitSymbolType.A, -32), pv(0, unitSymbolType.A, 0)),
                        responseCodeType.FAILED_WrongChargeParameter),
                new Bad("minimum above maximum", cpdAc(AC3, e, v, pv(0, unitSymbolType.A, 10), pv(0, unitSymbolType.A, 16)),
                        responseCodeType.FAILED_WrongChargeParameter),
                new Bad("EVMaxVoltage below 230 V nominal", cpdAc(AC3, e, pv(0, unitSymbolType.V, 120), a, pv(0, unitSymbolType.A, 6)),
                        responseCodeType.FAILED_WrongChargeParameter));
        for (Bad b : bad) {
            setUp();
            walkTo(4);
            BodyElementGroup res = send(b.req());
            assertEquals(b.code(), code(res), b.why());
            assertTrue(s.ended(), b.why());
            assertTrue(charge.transfers.isEmpty(), b.why());
        }
        setUp();
        walkTo(4);
        assertEquals(responseCodeType.OK, code(send(cpdAc(AC3, pv(-1, unitSymbolType.Wh, 5), pv(2, unitSymbolType.V, 4),
                pv(-3, unitSymbolType.A, 16000), pv(1, unitSymbolType.A, 0)))), "every multiplier");
        assertEquals(16 * 690, charge.transfers.get(0).evMaxChargePowerW(), 1e-6);
    }

    @Test
    void powerDeliveryWaitsForTheContactorsAndChecks() {
        walkTo(5);
        charge.startResult = PowerDeliveryResult.PENDING;
        assertNull(send(powerDelivery(chargeProgressType.Start)), "held back while the contactors close");
        assertTrue(last.actions().contains(new Action.ResponsePending()));
        assertTrue(s.responsePending());
        assertTrue(s.poll().actions().contains(new Action.ResponsePending()));
        charge.startResult = PowerDeliveryResult.OK;
        last = s.poll();
        assertEquals(responseCodeType.OK, code(decoded()));
        assertEquals("Iso2AcWaitChargingStatus", s.stateName());

        setUp();
        walkTo(5);
        charge.startResult = PowerDeliveryResult.CONTACTOR_ERROR;
        assertEquals(responseCodeType.FAILED_ContactorError, code(send(powerDelivery(chargeProgressType.Start))), "[V2G2-860]");
        assertFalse(charge.powered);

        setUp();
        walkTo(5);
        assertEquals(responseCodeType.FAILED_TariffSelectionInvalid, code(send(powerDelivery(chargeProgressType.Start, 2))));

        setUp();
        walkTo(5);
        charge.notification = new EvseNotification(EvseNotification.Kind.TERMINATE, 0, "emergency stop");
        assertEquals(responseCodeType.FAILED_PowerDeliveryNotApplied, code(send(powerDelivery(chargeProgressType.Start))));

        setUp();
        walkTo(5);
        assertEquals(responseCodeType.FAILED, code(send(powerDelivery(chargeProgressType.Renegotiate))), "[V2G2-812]");

        setUp();
        walkTo(7);
        assertEquals(responseCodeType.FAILED, code(send(powerDelivery(chargeProgressType.Renegotiate))), "never renegotiated");
        assertFalse(charge.powered);
    }

    @Test
    void theLiveLimitAndTheChargersStopReachTheCar() throws Exception {
        walkTo(7);
        charge.ac = new AcLimits(6_900, 0, 0, 0, 3, 230, 50); // policy or grid supervisor lowered the limit
        var cs = ((BodyElementGroup.ChargingStatusRes) send(chargingStatus())).value();
        assertEquals(10.0, Iso2Values.read(cs.EVSEMaxCurrent(), unitSymbolType.A, "I"), 1e-9);
        charge.notification = new EvseNotification(EvseNotification.Kind.PAUSE, 60, "grid trip");
        cs = ((BodyElementGroup.ChargingStatusRes) send(chargingStatus())).value();
        assertEquals(EVSENotificationType.StopCharging, cs.AC_EVSEStatus().EVSENotification(), "-2 has no charger pause: a stop");
        assertEquals(0, cs.AC_EVSEStatus().NotificationMaxDelay());
        assertEquals(responseCodeType.OK, code(send(powerDelivery(chargeProgressType.Stop))));
        assertEquals(responseCodeType.OK, code(send(sessionStop())));
    }

    @Test
    void loopSequenceTimeoutEndsTheSession() {
        s = new Iso2Session(SessionConfig.defaults().withServices(ServiceOffer.of(false, ServiceOffer.AC))
                .withLoopSequenceTimeout(Duration.ofSeconds(2)), charge, paused, () -> nanos);
        walkTo(7);
        nanos += Duration.ofMillis(1_999).toNanos();
        assertEquals(List.of(), s.tick());
        nanos += Duration.ofMillis(1).toNanos();
        assertTrue(s.tick().contains(new Action.CloseConnection(Duration.ZERO)));
        assertFalse(charge.powered);
    }

    @Test
    void pauseOnlyAfterPowerDeliveryStopAndResume() {
        walkTo(5);
        assertEquals(responseCodeType.FAILED, code(send(sessionStop(chargingSessionType.Pause))));
        setUp();
        walkTo(8);
        assertEquals(responseCodeType.OK, code(send(sessionStop(chargingSessionType.Pause))));
        assertTrue(paused.present());
        byte[] id = s.sessionId();
        s = new Iso2Session(SessionConfig.defaults().withServices(ServiceOffer.of(false, ServiceOffer.AC)), charge, paused, () -> nanos);
        ExiCodec c = ExiCodec.of(SchemaKind.ISO2);
        last = s.handle(c.decode(c.encode(msg(id, sessionSetup())), V2G_Message.class));
        assertEquals(responseCodeType.OK_OldSessionJoined, code(decoded()));
        for (int i = 1; i < 8; i++) {
            assertTrue(code(send(PATH.get(i).get())).name().startsWith("OK"), "resumed, step " + i);
        }
    }

    /**
     * The pilot: 5 % while the EV goes on to PowerDelivery; an authorized AC EV that has not started the
     * HLC charge 10 s after AuthorizationRes, or that ends the session before it, is handed to basic
     * charging at the nominal duty cycle ([V2G2-853]).
     */
    @Test
    void nominalDutyOnlyWhenTheAuthorizedEvDoesNotStartTheHlcCharge() {
        walkTo(5);
        nanos += Iso2Session.NOMINAL_DUTY_FALLBACK.toNanos() - 1;
        assertEquals(List.of(), s.tick());
        nanos += 1;
        List<Action> a = s.tick();
        assertTrue(a.stream().anyMatch(x -> x instanceof Action.NominalDuty), a.toString());
        assertTrue(s.ended());
        assertFalse(charge.powered);

        setUp();
        walkTo(6);
        nanos += Duration.ofSeconds(30).toNanos();
        s.tick();
        assertFalse(s.ended(), "the HLC charge started: the pilot stays at 5 %");

        setUp();
        walkTo(5);
        send(sessionStop());
        assertTrue(last.actions().stream().anyMatch(x -> x instanceof Action.NominalDuty), "left HLC after authorization");

        setUp();
        walkTo(3);
        nanos += Duration.ofSeconds(30).toNanos();
        assertFalse(s.tick().stream().anyMatch(x -> x instanceof Action.NominalDuty), "not authorized yet");

        setUp(ServiceOffer.of(false, ServiceOffer.DC, ServiceOffer.AC));
        walkTo(4);
        send(cpd());
        nanos += Duration.ofSeconds(30).toNanos();
        assertFalse(s.tick().stream().anyMatch(x -> x instanceof Action.NominalDuty), "a DC session never goes to nominal duty");
    }
}
