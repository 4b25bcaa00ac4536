package org.secc.app.din;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.secc.app.din.DinMessages.*;

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
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.V2G_Message;
import org.secc.exi.din.types.DC_EVSEStatusCodeType;
import org.secc.exi.din.types.EVRequestedEnergyTransferType;
import org.secc.exi.din.types.EVSENotificationType;
import org.secc.exi.din.types.EVSEProcessingType;
import org.secc.exi.din.types.isolationLevelType;
import org.secc.exi.din.types.paymentOptionType;
import org.secc.exi.din.types.responseCodeType;
import org.secc.exi.din.types.unitSymbolType;

/** The DIN 70121 session state by state, every message through the DIN codec, time on a fake clock. */
class DinSessionTest {

    RecordingChargeControl charge;
    long nanos;
    DinSession s;

    @BeforeEach
    void setUp() {
        charge = new RecordingChargeControl();
        nanos = 0;
        s = new DinSession(SessionConfig.defaults(), charge, () -> nanos);
    }

    /** Sends one request as on the wire and returns the decoded response body (null when none). */
    BodyElementGroup send(BodyElementGroup req) {
        return send(s.sessionId(), req);
    }

    BodyElementGroup send(byte[] id, BodyElementGroup req) {
        ExiCodec din = ExiCodec.of(SchemaKind.DIN);
        V2G_Message in = din.decode(din.encode(msg(id, req)), V2G_Message.class);
        last = s.handle(in);
        if (last.response().isEmpty()) {
            return null;
        }
        V2G_Message out = din.decode(din.encode(last.response().get()), V2G_Message.class);
        assertEquals(java.util.HexFormat.of().formatHex(s.sessionId()), java.util.HexFormat.of().formatHex(out.Header().SessionID()));
        return out.Body().BodyElementGroup();
    }

    DinOutcome last;

    static responseCodeType code(BodyElementGroup res) {
        try {
            Object v = res.getClass().getMethod("value").invoke(res);
            return (responseCodeType) v.getClass().getMethod("ResponseCode").invoke(v);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The happy path as a list of (request, expected state afterwards). */
    static final List<Supplier<BodyElementGroup>> PATH = List.of(DinMessages::sessionSetup, DinMessages::serviceDiscovery,
            () -> paymentSelection(paymentOptionType.ExternalPayment, 1), DinMessages::contractAuthentication, DinMessages::cpd,
            DinMessages::cableCheck, DinMessages::preCharge, () -> powerDelivery(true), DinMessages::currentDemand,
            () -> powerDelivery(false), DinMessages::weldingDetection, DinMessages::sessionStop);

    static final List<String> STATES = List.of("DinWaitSessionSetup", "DinWaitServiceDiscovery", "DinWaitServicePaymentSelection",
            "DinWaitContractAuthentication", "DinWaitChargeParameterDiscovery", "DinWaitCableCheck", "DinWaitPreCharge",
            "DinWaitPreChargeOrPowerDelivery", "DinWaitCurrentDemand", "DinCurrentDemandOrPowerDelivery", "DinWaitWeldingDetection",
            "DinWaitWeldingDetection");

    void walkTo(int steps) {
        for (int i = 0; i < steps; i++) {
            BodyElementGroup r = send(PATH.get(i).get());
            assertTrue(code(r).name().startsWith("OK"), i + ": " + code(r));
        }
        assertEquals(STATES.get(steps), s.stateName());
    }

    @Test
    void wholeSessionCharges() throws Exception {
        BodyElementGroup r = send(sessionSetup());
        assertEquals(responseCodeType.OK_NewSessionEstablished, code(r));
        assertEquals(8, s.sessionId().length);
        var sd = ((BodyElementGroup.ServiceDiscoveryRes) send(serviceDiscovery())).value();
        assertEquals(List.of(paymentOptionType.ExternalPayment), sd.PaymentOptions().PaymentOption());
        assertEquals(1, sd.ChargeService().ServiceTag().ServiceID());
        assertEquals(null, sd.ChargeService().ServiceTag().ServiceName());
        send(paymentSelection(paymentOptionType.ExternalPayment, 1));
        charge.decision = EimDecision.PENDING;
        var ca = ((BodyElementGroup.ContractAuthenticationRes) send(contractAuthentication())).value();
        assertEquals(EVSEProcessingType.Ongoing, ca.EVSEProcessing());
        charge.decision = EimDecision.ACCEPTED;
        ca = ((BodyElementGroup.ContractAuthenticationRes) send(contractAuthentication())).value();
        assertEquals(EVSEProcessingType.Finished, ca.EVSEProcessing());
        var cpd = ((BodyElementGroup.ChargeParameterDiscoveryRes) send(cpd())).value();
        assertEquals(responseCodeType.OK, cpd.ResponseCode());
        var list = ((org.secc.exi.din.body.ChargeParameterDiscoveryResType.SASchedulesGroup.SAScheduleList) cpd.SASchedulesGroup()).value();
        assertEquals(1, list.SAScheduleTuple().get(0).SAScheduleTupleID());
        assertEquals(Short.MAX_VALUE, list.SAScheduleTuple().get(0).PMaxSchedule().PMaxScheduleEntry().get(0).PMax(), "150 kW capped at 32767");
        assertEquals(2, charge.transfers.get(0).serviceId());
        assertEquals(500 * 410, charge.transfers.get(0).evMaxChargePowerW(), 1e-6, "no EV power limit: I × U");
        charge.isolation.add(IsolationResult.ONGOING);
        var cc = ((BodyElementGroup.CableCheckRes) send(cableCheck())).value();
        assertEquals(EVSEProcessingType.Ongoing, cc.EVSEProcessing());
        assertEquals(DC_EVSEStatusCodeType.EVSE_IsolationMonitoringActive, cc.DC_EVSEStatus().EVSEStatusCode());
        assertEquals(isolationLevelType.Invalid, cc.DC_EVSEStatus().EVSEIsolationStatus());
        cc = ((BodyElementGroup.CableCheckRes) send(cableCheck())).value();
        assertEquals(EVSEProcessingType.Finished, cc.EVSEProcessing());
        assertEquals(isolationLevelType.Valid, cc.DC_EVSEStatus().EVSEIsolationStatus());
        assertEquals(460, charge.cableCheckVoltages.get(0), 1e-9, "IEC 61851-23 CC.1: 410 + 50");
        for (int i = 0; i < 3; i++) {
            var pc = ((BodyElementGroup.PreChargeRes) send(preCharge())).value();
            assertEquals(DC_EVSEStatusCodeType.EVSE_Ready, pc.DC_EVSEStatus().EVSEStatusCode());
        }
        assertEquals(380 * 7 / 8.0, charge.presentVoltage, 1e-9);
        assertEquals(responseCodeType.OK, code(send(powerDelivery(true, 1))));
        assertEquals(1, charge.starts);
        for (int i = 0; i < 5; i++) {
            nanos += 100_000_000L;
            var cd = ((BodyElementGroup.CurrentDemandRes) send(currentDemand())).value();
            assertEquals(responseCodeType.OK, cd.ResponseCode());
            assertEquals(EVSENotificationType.None, cd.DC_EVSEStatus().EVSENotification());
            assertEquals(unitSymbolType.V, cd.EVSEPresentVoltage().Unit());
            assertEquals(920, DinValues.read(cd.EVSEMaximumVoltageLimit(), unitSymbolType.V, "max"), 1e-9);
        }
        assertEquals(100, charge.loops.get(0).evTargetCurrentA(), 1e-9);
        assertEquals(400, charge.loops.get(0).evTargetVoltageV(), 1e-9);
        assertEquals(500, charge.loops.get(0).evMaxChargeCurrentA(), 1e-9);
        assertFalse(charge.loops.get(0).bpt());
        assertEquals(responseCodeType.OK, code(send(powerDelivery(false))));
        assertEquals(1, charge.stops);
        send(weldingDetection());
        send(weldingDetection());
        assertEquals(2, charge.weldingChecks);
        assertEquals(responseCodeType.OK, code(send(sessionStop())));
        assertTrue(s.ended());
        assertTrue(last.actions().contains(new Action.CloseConnection(Duration.ofSeconds(5))));
        assertFalse(charge.powered);
    }

    /** Every request type the EV may send in DIN. */
    static final List<Supplier<BodyElementGroup>> ALL = List.of(DinMessages::sessionSetup, DinMessages::serviceDiscovery,
            () -> paymentSelection(paymentOptionType.ExternalPayment, 1), DinMessages::contractAuthentication, DinMessages::cpd,
            DinMessages::cableCheck, DinMessages::preCharge, () -> powerDelivery(true), () -> powerDelivery(false),
            DinMessages::currentDemand, DinMessages::weldingDetection, DinMessages::sessionStop);

    /** Allowed requests per state index of {@link #STATES} (indexes into {@link #ALL}), from the DIN state table. */
    static final List<List<Integer>> ALLOWED = List.of(
            List.of(0),              // WaitSessionSetup
            List.of(1, 11),          // WaitServiceDiscovery
            List.of(2, 11),          // WaitServicePaymentSelection
            List.of(3, 11),          // WaitContractAuthentication
            List.of(4, 11),          // WaitChargeParameterDiscovery
            List.of(5, 11),          // WaitCableCheck
            List.of(6, 11),          // WaitPreCharge
            List.of(6, 7, 8, 11),    // WaitPreChargeOrPowerDelivery
            List.of(9),              // WaitCurrentDemand
            List.of(8, 9),           // CurrentDemandOrPowerDelivery (PD true → sequence error)
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
        walkTo(state == 10 ? 10 : state);
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
    void requestsDinDoesNotUseEndTheSessionWithoutAnswer() {
        walkTo(3);
        assertEquals(null, send(chargingStatus()));
        assertTrue(s.ended());
        assertFalse(charge.powered);
    }

    @Test
    void wrongSessionIdIsUnknownSession() {
        walkTo(2);
        BodyElementGroup r = send(new byte[] {1, 2, 3, 4}, paymentSelection(paymentOptionType.ExternalPayment, 1));
        assertEquals(responseCodeType.FAILED_UnknownSession, code(r));
        assertTrue(s.ended());
    }

    @Test
    void sequenceTimeoutEndsTheSession() {
        walkTo(5);
        nanos += Duration.ofSeconds(59).toNanos();
        assertEquals(List.of(), s.tick());
        nanos += Duration.ofSeconds(1).toNanos();
        List<Action> a = s.tick();
        assertTrue(a.contains(new Action.CloseConnection(Duration.ZERO)), a.toString());
        assertFalse(charge.powered);
    }

    @Test
    void paymentAndServiceSelectionAreChecked() {
        walkTo(2);
        assertEquals(responseCodeType.FAILED_PaymentSelectionInvalid, code(send(paymentSelection(paymentOptionType.Contract, 1))));
        setUp();
        walkTo(2);
        assertEquals(responseCodeType.FAILED_ServiceSelectionInvalid, code(send(paymentSelection(paymentOptionType.ExternalPayment, 4660))));
        setUp();
        walkTo(2);
        assertEquals(responseCodeType.FAILED_ServiceSelectionInvalid, code(send(paymentSelection(paymentOptionType.ExternalPayment, 1, 2))));
    }

    @Test
    void authorizationRejectedOrPendingTooLongFails() {
        walkTo(3);
        charge.decision = EimDecision.REJECTED;
        assertEquals(responseCodeType.FAILED, code(send(contractAuthentication())));
        setUp();
        walkTo(3);
        charge.decision = EimDecision.PENDING;
        assertEquals(responseCodeType.OK, code(send(contractAuthentication())));
        nanos += Duration.ofSeconds(180).toNanos();
        assertEquals(responseCodeType.OK, code(send(contractAuthentication())));
        nanos += 1;
        assertEquals(responseCodeType.FAILED, code(send(contractAuthentication())));
    }

    @Test
    void chargeParametersAreChecked() {
        walkTo(4);
        assertEquals(responseCodeType.FAILED_WrongEnergyTransferType, code(send(cpd(EVRequestedEnergyTransferType.AC_three_phase_core,
                pv(0, unitSymbolType.A, 100), pv(0, unitSymbolType.V, 400), null))));
        setUp();
        walkTo(4);
        assertEquals(responseCodeType.FAILED_WrongChargeParameter, code(send(cpd(EVRequestedEnergyTransferType.DC_extended,
                pv(0, unitSymbolType.V, 100), pv(0, unitSymbolType.V, 400), null))), "current in volts");
        setUp();
        walkTo(4);
        assertEquals(responseCodeType.FAILED_WrongChargeParameter, code(send(cpd(EVRequestedEnergyTransferType.DC_extended,
                pv(0, unitSymbolType.A, -100), pv(0, unitSymbolType.V, 400), null))), "negative current");
        setUp();
        walkTo(4);
        assertEquals(responseCodeType.FAILED_WrongChargeParameter, code(send(cpd(EVRequestedEnergyTransferType.DC_extended,
                pv(0, unitSymbolType.A, 100), pv(0, unitSymbolType.V, 100), null))), "EV max voltage below the EVSE minimum 150 V");
    }

    @Test
    void missingUnitsAndEveryMultiplierAreAccepted() {
        walkTo(4);
        // VW ID.3: EVMaximumCurrentLimit {-1, 3500} and EVMaximumVoltageLimit {-1, 4690} without Unit
        BodyElementGroup r = send(cpd(EVRequestedEnergyTransferType.DC_core, pv(-1, null, 3500), pv(-1, null, 4690), pv(3, unitSymbolType.W, 90)));
        assertEquals(responseCodeType.OK, code(r));
        assertEquals(90_000, charge.transfers.get(0).evMaxChargePowerW(), 1e-6);
        send(cableCheck());
        send(preCharge(pv(-1, null, 3800)));
        assertEquals(190, charge.presentVoltage, 1e-9);
        send(powerDelivery(true));
        send(currentDemand(pv(1, unitSymbolType.A, 5), pv(2, null, 4)));
        assertEquals(50, charge.loops.get(0).evTargetCurrentA(), 1e-9);
        assertEquals(400, charge.loops.get(0).evTargetVoltageV(), 1e-9);
        assertEquals(350, charge.loops.get(0).evMaxChargeCurrentA(), 1e-9);
        send(currentDemand(pv(-3, unitSymbolType.A, -2000), pv(0, unitSymbolType.V, 400)));
        assertEquals(0, charge.loops.get(1).evTargetCurrentA(), 1e-9, "a negative target current is taken as 0 (charge only)");
        assertEquals(responseCodeType.FAILED, code(send(currentDemand(pv(0, unitSymbolType.V, 10), pv(0, unitSymbolType.V, 400)))));
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
    void sessionStopDuringCableCheckIsAnsweredOk() {
        walkTo(5);
        charge.isolation.add(IsolationResult.ONGOING);
        send(cableCheck());
        assertEquals(responseCodeType.OK, code(send(sessionStop())));
        assertTrue(s.ended());
        assertFalse(charge.powered);
    }

    @Test
    void preChargeTargetAboveMaximumFails() {
        walkTo(6);
        assertEquals(responseCodeType.FAILED, code(send(preCharge(pv(1, unitSymbolType.V, 93)))));
        assertFalse(charge.powered);
    }

    @Test
    void powerDeliveryChecks() {
        walkTo(7);
        assertEquals(responseCodeType.FAILED_TariffSelectionInvalid, code(send(powerDelivery(true, 7))));
        setUp();
        walkTo(7);
        charge.startResult = PowerDeliveryResult.CONTACTOR_ERROR;
        assertEquals(responseCodeType.FAILED_PowerDeliveryNotApplied, code(send(powerDelivery(true))));
        setUp();
        walkTo(7);
        charge.notification = new EvseNotification(EvseNotification.Kind.TERMINATE, 0, "emergency stop");
        assertEquals(responseCodeType.FAILED_PowerDeliveryNotApplied, code(send(powerDelivery(true))));
    }

    @Test
    void chargerStopIsEvseShutdownWithNotificationNone() {
        walkTo(9);
        charge.notification = new EvseNotification(EvseNotification.Kind.PAUSE, 60, "grid trip");
        var cd = ((BodyElementGroup.CurrentDemandRes) send(currentDemand())).value();
        assertEquals(DC_EVSEStatusCodeType.EVSE_Shutdown, cd.DC_EVSEStatus().EVSEStatusCode());
        assertEquals(EVSENotificationType.None, cd.DC_EVSEStatus().EVSENotification());
        assertEquals(responseCodeType.OK, code(send(powerDelivery(false))));
        assertEquals("DinWaitWeldingDetection", s.stateName());
    }

    @Test
    void endedSessionAnswersNothing() {
        walkTo(1);
        send(sessionStop());
        assertEquals(null, send(serviceDiscovery()));
    }
}
