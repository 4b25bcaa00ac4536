package org.secc.app.iso2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.secc.app.charge.ChargeControl.EimDecision;
import org.secc.app.charge.ChargeControl.IsolationResult;
import org.secc.app.charge.ChargeControl.PowerDeliveryResult;
import org.secc.app.charge.EvseNotification;
import org.secc.app.session.Action;
import org.secc.app.session.RecordingChargeControl;
import org.secc.app.session.SessionConfig;
import org.secc.exi.ExiCodec;
import org.secc.exi.SchemaKind;
import org.secc.exi.iso2.V2G_Message;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.ChargeParameterDiscoveryResType;
import org.secc.exi.iso2.types.DC_EVSEStatusCodeType;
import org.secc.exi.iso2.types.EVSENotificationType;
import org.secc.exi.iso2.types.EVSEProcessingType;
import org.secc.exi.iso2.types.EnergyTransferModeType;
import org.secc.exi.iso2.types.chargeProgressType;
import org.secc.exi.iso2.types.chargingSessionType;
import org.secc.exi.iso2.types.isolationLevelType;
import org.secc.exi.iso2.types.paymentOptionType;
import org.secc.exi.iso2.types.responseCodeType;
import org.secc.exi.iso2.types.unitSymbolType;

/** The ISO 15118-2 DC session state by state, every message through the -2 codec, time on a fake clock. */
class Iso2SessionTest {

    RecordingChargeControl charge;
    PausedSession paused;
    long nanos;
    Iso2Session s;
    Iso2Outcome last;

    @BeforeEach
    void setUp() {
        charge = new RecordingChargeControl();
        paused = new PausedSession();
        nanos = 0;
        s = new Iso2Session(SessionConfig.defaults(), charge, paused, () -> nanos);
    }

    BodyElementGroup send(BodyElementGroup req) {
        return send(s.sessionId(), req);
    }

    /** Sends one request as on the wire and returns the decoded response body (null when none). */
    BodyElementGroup send(byte[] id, BodyElementGroup req) {
        ExiCodec c = ExiCodec.of(SchemaKind.ISO2);
        V2G_Message in = c.decode(c.encode(msg(id, req)), V2G_Message.class);
        last = s.handle(in);
        if (last.response().isEmpty()) {
            return null;
        }
        V2G_Message out = c.decode(c.encode(last.response().get()), V2G_Message.class);
        assertArrayEquals(s.sessionId(), out.Header().SessionID());
        return out.Body().BodyElementGroup();
    }

    static responseCodeType code(BodyElementGroup res) {
        try {
            Object v = res.getClass().getMethod("value").invoke(res);
            return (responseCodeType) v.getClass().getMethod("ResponseCode").invoke(v);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static final List<Supplier<BodyElementGroup>> PATH = List.of(Iso2Messages::sessionSetup, Iso2Messages::serviceDiscovery,
            () -> paymentSelection(paymentOptionType.ExternalPayment, 1), Iso2Messages::authorization, Iso2Messages::cpd,
            Iso2Messages::cableCheck, Iso2Messages::preCharge, () -> powerDelivery(chargeProgressType.Start), Iso2Messages::currentDemand,
            () -> powerDelivery(chargeProgressType.Stop), Iso2Messages::weldingDetection, Iso2Messages::sessionStop);

    static final List<String> STATES = List.of("Iso2WaitSessionSetup", "Iso2WaitServiceDiscovery", "Iso2WaitPaymentServiceSelection",
            "Iso2WaitAuthorization", "Iso2WaitChargeParameterDiscovery", "Iso2WaitCableCheck", "Iso2WaitPreCharge",
            "Iso2WaitPreChargeOrPowerDelivery", "Iso2WaitCurrentDemand", "Iso2CurrentDemandOrPowerDelivery", "Iso2WaitWeldingDetection",
            "Iso2WaitWeldingDetection");

    void walkTo(int steps) {
        for (int i = 0; i < steps; i++) {
            BodyElementGroup r = send(PATH.get(i).get());
            assertTrue(code(r).name().startsWith("OK"), i + ": " + code(r));
        }
        assertEquals(STATES.get(steps), s.stateName());
    }

    @Test
    void wholeSessionCharges() throws Exception {
        BodyElementGroup r = send(new byte[] {0}, sessionSetup());
        assertEquals(responseCodeType.OK_NewSessionEstablished, code(r));
        assertEquals(8, s.sessionId().length);
        assertEquals(SessionConfig.defaults().evseId(), ((BodyElementGroup.SessionSetupRes) r).value().EVSEID());
        var sd = ((BodyElementGroup.ServiceDiscoveryRes) send(serviceDiscovery())).value();
        assertEquals(List.of(paymentOptionType.ExternalPayment), sd.PaymentOptionList().PaymentOption(), "Plug & Charge not offered");
        assertEquals(1, sd.ChargeService().ServiceID());
        assertEquals(List.of(EnergyTransferModeType.DC_extended), sd.ChargeService().SupportedEnergyTransferMode().EnergyTransferMode());
        send(paymentSelection(paymentOptionType.ExternalPayment, 1));
        charge.decision = EimDecision.PENDING;
        var au = ((BodyElementGroup.AuthorizationRes) send(authorization())).value();
        assertEquals(EVSEProcessingType.Ongoing_WaitingForCustomerInteraction, au.EVSEProcessing());
        charge.decision = EimDecision.ACCEPTED;
        au = ((BodyElementGroup.AuthorizationRes) send(authorization())).value();
        assertEquals(EVSEProcessingType.Finished, au.EVSEProcessing());
        var cpd = ((BodyElementGroup.ChargeParameterDiscoveryRes) send(cpd())).value();
        assertEquals(responseCodeType.OK, cpd.ResponseCode());
        var list = ((ChargeParameterDiscoveryResType.SASchedulesGroup.SAScheduleList) cpd.SASchedulesGroup()).value();
        assertEquals(1, list.SAScheduleTuple().get(0).SAScheduleTupleID());
        var pmax = list.SAScheduleTuple().get(0).PMaxSchedule().PMaxScheduleEntry().get(0).PMax();
        assertEquals(150_000, Iso2Values.read(pmax, unitSymbolType.W, "PMax"), 1e-6, "PMax in W with a multiplier");
        var evse = ((ChargeParameterDiscoveryResType.EVSEChargeParameterGroup.DC_EVSEChargeParameter) cpd.EVSEChargeParameterGroup()).value();
        assertEquals(150_000, Iso2Values.read(evse.EVSEMaximumPowerLimit(), unitSymbolType.W, "P"), 1e-6);
        assertEquals(500 * 410, charge.transfers.get(0).evMaxChargePowerW(), 1e-6, "no EV power limit: I × U");
        charge.isolation.add(IsolationResult.ONGOING);
        var cc = ((BodyElementGroup.CableCheckRes) send(cableCheck())).value();
        assertEquals(EVSEProcessingType.Ongoing, cc.EVSEProcessing());
        assertEquals(DC_EVSEStatusCodeType.EVSE_IsolationMonitoringActive, cc.DC_EVSEStatus().EVSEStatusCode());
        cc = ((BodyElementGroup.CableCheckRes) send(cableCheck())).value();
        assertEquals(EVSEProcessingType.Finished, cc.EVSEProcessing());
        assertEquals(isolationLevelType.Valid, cc.DC_EVSEStatus().EVSEIsolationStatus());
        assertEquals(460, charge.cableCheckVoltages.get(0), 1e-9, "IEC 61851-23 CC.1: 410 + 50");
        for (int i = 0; i < 3; i++) {
            send(preCharge());
        }
        assertEquals(responseCodeType.OK, code(send(powerDelivery(chargeProgressType.Start))));
        assertEquals(1, charge.starts);
        for (int i = 0; i < 5; i++) {
            nanos += 100_000_000L;
            var cd = ((BodyElementGroup.CurrentDemandRes) send(currentDemand())).value();
            assertEquals(responseCodeType.OK, cd.ResponseCode());
            assertEquals(EVSENotificationType.None, cd.DC_EVSEStatus().EVSENotification());
            assertEquals(SessionConfig.defaults().evseId(), cd.EVSEID());
            assertEquals(1, cd.SAScheduleTupleID());
            assertEquals(920, Iso2Values.read(cd.EVSEMaximumVoltageLimit(), unitSymbolType.V, "max"), 1e-9);
        }
        assertEquals(100, charge.loops.get(0).evTargetCurrentA(), 1e-9);
        assertEquals(400, charge.loops.get(0).evTargetVoltageV(), 1e-9);
        assertFalse(charge.loops.get(0).bpt());
        assertEquals(responseCodeType.OK, code(send(powerDelivery(chargeProgressType.Stop))));
        assertEquals(1, charge.stops);
        send(weldingDetection());
        assertEquals(1, charge.weldingChecks);
        assertEquals(responseCodeType.OK, code(send(sessionStop())));
        assertTrue(s.ended());
        assertTrue(last.actions().contains(new Action.CloseConnection(Duration.ofSeconds(5))));
        assertFalse(charge.powered);
        assertFalse(paused.present(), "Terminate keeps nothing");
    }

    /** Every request type of the -2 DC sequence. */
    static final List<Supplier<BodyElementGroup>> ALL = List.of(Iso2Messages::sessionSetup, Iso2Messages::serviceDiscovery,
            () -> paymentSelection(paymentOptionType.ExternalPayment, 1), Iso2Messages::authorization, Iso2Messages::cpd,
            Iso2Messages::cableCheck, Iso2Messages::preCharge, () -> powerDelivery(chargeProgressType.Start),
            () -> powerDelivery(chargeProgressType.Stop), Iso2Messages::currentDemand, Iso2Messages::weldingDetection,
            Iso2Messages::sessionStop);

    /** Allowed requests per state (indexes into {@link #ALL}), from the -2 DC state table. */
    static final List<List<Integer>> ALLOWED = List.of(
            List.of(0),              // WaitSessionSetup
            List.of(1, 11),          // WaitServiceDiscovery
            List.of(2, 11),          // WaitPaymentServiceSelection (ServiceDetail: FAILED_ServiceIDInvalid, tested apart)
            List.of(3, 11),          // WaitAuthorization
            List.of(4, 11),          // WaitChargeParameterDiscovery
            List.of(5, 11),          // WaitCableCheck
            List.of(6, 11),          // WaitPreCharge
            List.of(6, 7, 8, 11),    // WaitPreChargeOrPowerDelivery
            List.of(9),              // WaitCurrentDemand
            List.of(8, 9),           // CurrentDemandOrPowerDelivery (Start → sequence error, [V2G2-812])
            List.of(10, 11));        // WaitWeldingDetection

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
    void plugAndChargeIsNotOffered() {
        walkTo(2);
        assertEquals(responseCodeType.FAILED_PaymentSelectionInvalid, code(send(paymentSelection(paymentOptionType.Contract, 1))));
        assertTrue(s.ended());
        setUp();
        walkTo(2);
        assertEquals(responseCodeType.FAILED_NoChargeServiceSelected, code(send(paymentSelection(paymentOptionType.ExternalPayment, 2))));
        setUp();
        walkTo(2);
        assertEquals(responseCodeType.FAILED_ServiceSelectionInvalid, code(send(paymentSelection(paymentOptionType.ExternalPayment, 1, 3))));
        setUp();
        walkTo(2);
        var sd = ((BodyElementGroup.ServiceDetailRes) send(serviceDetail(2))).value();
        assertEquals(responseCodeType.FAILED_ServiceIDInvalid, sd.ResponseCode());
        assertEquals(2, sd.ServiceID());
    }

    @Test
    void requestsOfUnofferedFeaturesEndTheSessionWithoutAnswer() {
        walkTo(3);
        assertEquals(null, send(new BodyElementGroup.MeteringReceiptReq(new org.secc.exi.iso2.body.MeteringReceiptReqType(null,
                s.sessionId(), 1, new org.secc.exi.iso2.types.MeterInfoType("M1", 10L, null, null, null)))));
        assertTrue(s.ended());
        assertFalse(charge.powered);
        setUp();
        walkTo(9);
        assertEquals(responseCodeType.FAILED_SequenceError, code(send(chargingStatus())), "the AC loop's request in a DC session");
        assertTrue(s.ended());
    }

    @Test
    void wrongSessionIdIsUnknownSessionAndNeverActs() {
        walkTo(2);
        assertEquals(responseCodeType.FAILED_UnknownSession, code(send(new byte[] {1, 2, 3, 4}, paymentSelection(paymentOptionType.ExternalPayment, 1))));
        assertTrue(s.ended());
        setUp();
        walkTo(7);
        assertEquals(responseCodeType.FAILED_UnknownSession, code(send(new byte[] {1, 2, 3, 4}, powerDelivery(chargeProgressType.Start))));
        assertEquals(0, charge.starts, "no power for a foreign SessionID");
        assertFalse(charge.powered);
    }

    @Test
    void sequenceTimeoutEndsTheSession() {
        walkTo(5);
        nanos += Duration.ofSeconds(59).toNanos();
        assertEquals(List.of(), s.tick());
        nanos += Duration.ofSeconds(1).toNanos();
        assertTrue(s.tick().contains(new Action.CloseConnection(Duration.ZERO)));
        assertFalse(charge.powered);
    }

    @Test
    void authorizationRejectedOrPendingTooLongFails() {
        walkTo(3);
        charge.decision = EimDecision.REJECTED;
        assertEquals(responseCodeType.FAILED, code(send(authorization())));
        setUp();
        walkTo(3);
        charge.decision = EimDecision.PENDING;
        assertEquals(responseCodeType.OK, code(send(authorization())));
        nanos += Duration.ofSeconds(180).toNanos();
        assertEquals(responseCodeType.OK, code(send(authorization())));
        nanos += 1;
        assertEquals(responseCodeType.FAILED, code(send(authorization())));
    }

    @Test
    void chargeParametersAreChecked() {
        walkTo(4);
        assertEquals(responseCodeType.FAILED_WrongEnergyTransferMode, code(send(cpd(EnergyTransferModeType.AC_three_phase_core,
                pv(0, unitSymbolType.A, 100), pv(0, unitSymbolType.V, 400), null))));
        setUp();
        walkTo(4);
        assertEquals(responseCodeType.FAILED_WrongChargeParameter, code(send(cpdAc())), "AC parameters in a DC session");
        setUp();
        walkTo(4);
        assertEquals(responseCodeType.FAILED_WrongChargeParameter, code(send(cpd(EnergyTransferModeType.DC_extended,
                pv(0, unitSymbolType.V, 100), pv(0, unitSymbolType.V, 400), null))), "current in volts");
        setUp();
        walkTo(4);
        assertEquals(responseCodeType.FAILED_WrongChargeParameter, code(send(cpd(EnergyTransferModeType.DC_extended,
                pv(0, unitSymbolType.A, -100), pv(0, unitSymbolType.V, 400), null))), "negative current");
        setUp();
        walkTo(4);
        assertEquals(responseCodeType.FAILED_WrongChargeParameter, code(send(cpd(EnergyTransferModeType.DC_extended,
                pv(0, unitSymbolType.A, 100), pv(0, unitSymbolType.V, 100), null))), "EV max voltage below the EVSE minimum 150 V");
    }

    @Test
    void everyMultiplierIsApplied() {
        walkTo(4);
        assertEquals(responseCodeType.OK, code(send(cpd(EnergyTransferModeType.DC_extended, pv(-1, unitSymbolType.A, 3500),
                pv(-1, unitSymbolType.V, 4690), pv(3, unitSymbolType.W, 90)))));
        assertEquals(90_000, charge.transfers.get(0).evMaxChargePowerW(), 1e-6);
        send(cableCheck());
        send(preCharge(pv(-1, unitSymbolType.V, 3800)));
        send(powerDelivery(chargeProgressType.Start));
        send(currentDemand(pv(1, unitSymbolType.A, 5), pv(2, unitSymbolType.V, 4)));
        assertEquals(50, charge.loops.get(0).evTargetCurrentA(), 1e-9);
        assertEquals(400, charge.loops.get(0).evTargetVoltageV(), 1e-9);
        assertEquals(350, charge.loops.get(0).evMaxChargeCurrentA(), 1e-9);
        send(currentDemand(pv(-3, unitSymbolType.A, -2000), pv(0, unitSymbolType.V, 400)));
        assertEquals(0, charge.loops.get(1).evTargetCurrentA(), 1e-9, "a negative target current is taken as 0 (charge only)");
        assertEquals(responseCodeType.FAILED, code(send(currentDemand(pv(0, unitSymbolType.V, 10), pv(0, unitSymbolType.V, 400)))));
        assertFalse(charge.powered);
    }

    @Test
    void cableCheckFaultAndCap() {
        walkTo(5);
        charge.isolation.add(IsolationResult.FAULT);
        assertEquals(responseCodeType.FAILED, code(send(cableCheck())));
        setUp();
        walkTo(5);
        for (int i = 0; i < 3; i++) {
            charge.isolation.add(IsolationResult.ONGOING);
        }
        assertEquals(responseCodeType.OK, code(send(cableCheck())));
        nanos += Duration.ofSeconds(38).toNanos() + 1;
        assertEquals(responseCodeType.FAILED, code(send(cableCheck())));
    }

    @Test
    void powerDeliveryChecks() {
        walkTo(7);
        assertEquals(responseCodeType.FAILED_TariffSelectionInvalid, code(send(powerDelivery(chargeProgressType.Start, 7))));
        setUp();
        walkTo(7);
        charge.startResult = PowerDeliveryResult.CONTACTOR_ERROR;
        assertEquals(responseCodeType.FAILED_PowerDeliveryNotApplied, code(send(powerDelivery(chargeProgressType.Start))));
        setUp();
        walkTo(7);
        charge.notification = new EvseNotification(EvseNotification.Kind.TERMINATE, 0, "emergency stop");
        assertEquals(responseCodeType.FAILED_PowerDeliveryNotApplied, code(send(powerDelivery(chargeProgressType.Start))));
        setUp();
        walkTo(7);
        assertEquals(responseCodeType.FAILED, code(send(powerDelivery(chargeProgressType.Renegotiate))), "[V2G2-812]");
        setUp();
        walkTo(9);
        assertEquals(responseCodeType.FAILED, code(send(powerDelivery(chargeProgressType.Renegotiate))), "not supported in the loop");
        assertFalse(charge.powered);
    }

    @Test
    void chargerStopIsStopCharging() {
        walkTo(9);
        charge.notification = new EvseNotification(EvseNotification.Kind.PAUSE, 60, "grid trip");
        var cd = ((BodyElementGroup.CurrentDemandRes) send(currentDemand())).value();
        assertEquals(EVSENotificationType.StopCharging, cd.DC_EVSEStatus().EVSENotification());
        assertEquals(0, cd.DC_EVSEStatus().NotificationMaxDelay());
        assertEquals(responseCodeType.OK, code(send(powerDelivery(chargeProgressType.Stop))));
        assertEquals("Iso2WaitWeldingDetection", s.stateName());
    }

    @Test
    void pauseAndResumeWithTheOldSessionId() {
        walkTo(11);
        byte[] id = s.sessionId();
        assertEquals(responseCodeType.OK, code(send(sessionStop(chargingSessionType.Pause))));
        assertTrue(s.ended());
        assertFalse(charge.powered);
        assertTrue(paused.present());
        // next connection: a new session object, the same store
        s = new Iso2Session(SessionConfig.defaults(), charge, paused, () -> nanos);
        assertEquals(responseCodeType.OK_OldSessionJoined, code(send(id, sessionSetup())));
        assertArrayEquals(id, s.sessionId());
        assertFalse(paused.present(), "a pause is resumed once");
        assertEquals("Iso2WaitServiceDiscovery", s.stateName());
        walkToFrom(1, 9);
        // a third connection with the same ID gets a fresh one
        s = new Iso2Session(SessionConfig.defaults(), charge, paused, () -> nanos);
        assertEquals(responseCodeType.OK_NewSessionEstablished, code(send(id, sessionSetup())));
        assertNotEquals(java.util.HexFormat.of().formatHex(id), java.util.HexFormat.of().formatHex(s.sessionId()));
    }

    @Test
    void pausedSessionResumesOnlyForTheEvccIdThatPausedIt() {
        walkTo(11);
        byte[] id = s.sessionId();
        assertEquals(responseCodeType.OK, code(send(sessionStop(chargingSessionType.Pause))));
        assertTrue(paused.present());
        // another EV replays the paused SessionID: a new session, the pause stays
        s = new Iso2Session(SessionConfig.defaults(), charge, paused, () -> nanos);
        var other = new BodyElementGroup.SessionSetupReq(new org.secc.exi.iso2.body.SessionSetupReqType(new byte[] {9, 9, 9, 9, 9, 9}));
        assertEquals(responseCodeType.OK_NewSessionEstablished, code(send(id, other)));
        assertNotEquals(java.util.HexFormat.of().formatHex(id), java.util.HexFormat.of().formatHex(s.sessionId()));
        assertTrue(paused.present(), "the pause stays for the EV that paused it");
        // the EV that paused it still resumes it
        s = new Iso2Session(SessionConfig.defaults(), charge, paused, () -> nanos);
        assertEquals(responseCodeType.OK_OldSessionJoined, code(send(id, sessionSetup())));
        assertArrayEquals(id, s.sessionId());
        assertFalse(paused.present());
    }

    void walkToFrom(int from, int to) {
        for (int i = from; i < to; i++) {
            assertTrue(code(send(PATH.get(i).get())).name().startsWith("OK"), "step " + i);
        }
        assertEquals(STATES.get(to), s.stateName());
    }

    @Test
    void pauseBeforeWeldingDetectionFails() {
        walkTo(5);
        assertEquals(responseCodeType.FAILED, code(send(sessionStop(chargingSessionType.Pause))));
        assertFalse(paused.present());
        assertFalse(charge.powered);
    }

    @Test
    void endedSessionAnswersNothing() {
        walkTo(1);
        send(sessionStop());
        assertEquals(null, send(serviceDiscovery()));
    }
}
