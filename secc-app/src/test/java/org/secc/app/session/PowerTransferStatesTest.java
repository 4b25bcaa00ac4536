package org.secc.app.session;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secc.app.charge.ChargeControl.PowerDeliveryResult;
import org.secc.app.charge.EvseNotification;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/**
 * The states from PowerDelivery to SessionStop, the AC charge parameter discovery, resume and the
 * loop timers: every allowed request, the disallowed ones (sequence error), the timers.
 */
class PowerTransferStatesTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Clock wall = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    private RecordingChargeControl charge;
    private PausedSessions paused;
    private SessionConfig config;
    private V2gSession s;

    @BeforeEach
    void setUp() {
        charge = new RecordingChargeControl();
        paused = new PausedSessions(Duration.ofHours(1), 4, nanos::get);
        config = SessionConfig.defaults().withServices(ServiceOffer.of(true, 6, 2, 5, 1));
        s = newSession();
    }

    private V2gSession newSession() {
        return new V2gSession(config, charge, nanos::get, wall, paused);
    }

    private static RationalNumberType rn(double v) {
        return RationalNumbers.of(v);
    }

    private MessageHeaderType h() {
        return new MessageHeaderType(s.sessionId(), 1_700_000_000L, null);
    }

    private V2GResponseType res(Outcome o) {
        return o.response().orElseThrow();
    }

    private static responseCodeType code(V2GResponseType r) {
        return r.ResponseCode();
    }

    // ------------------------------------------------------------ drive to the states

    /** Through service selection of {@code service} with parameter set 1 (Scheduled) or 2 (Dynamic). */
    private void selected(int service, int set) {
        s.handle(new SessionSetupReqType(new MessageHeaderType(new byte[8], 0, null), "EV1"));
        s.handle(new AuthorizationSetupReqType(h()));
        s.handle(new AuthorizationReqType(h(), authorizationType.EIM,
                new AuthorizationReqType.AReqAuthorizationMode.EIM_AReqAuthorizationMode(new EIM_AReqAuthorizationModeType())));
        s.handle(new ServiceDiscoveryReqType(h(), null));
        assertEquals(responseCodeType.OK, code(res(s.handle(new ServiceSelectionReqType(h(), new SelectedServiceType(service, set), null)))));
    }

    private V2GResponseType cpd(int service) {
        return res(s.handle(service == 1 || service == 5 ? acCpd(service == 5) : dcCpd(service == 6)));
    }

    private ChargeParameterDiscoveryReqType dcCpd(boolean bpt) {
        return bpt ? new DC_ChargeParameterDiscoveryReqType(h(), new DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup.BPT_DC_CPDReqEnergyTransferMode(
                new BPT_DC_CPDReqEnergyTransferModeType(rn(100_000), rn(0), rn(250), rn(0), rn(450), rn(200), 80, rn(20_000), rn(0), rn(50), rn(0))))
                : new DC_ChargeParameterDiscoveryReqType(h(), new DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup.DC_CPDReqEnergyTransferMode(
                new DC_CPDReqEnergyTransferModeType(rn(100_000), rn(0), rn(250), rn(0), rn(450), rn(200), null)));
    }

    private AC_ChargeParameterDiscoveryReqType acCpd(boolean bpt) {
        return bpt ? new AC_ChargeParameterDiscoveryReqType(h(), new AC_ChargeParameterDiscoveryReqType.AC_CPDReqEnergyTransferModeGroup.BPT_AC_CPDReqEnergyTransferMode(
                new BPT_AC_CPDReqEnergyTransferModeType(rn(11_000), null, null, rn(0), null, null, rn(11_000), null, null, rn(0), null, null)))
                : new AC_ChargeParameterDiscoveryReqType(h(), new AC_ChargeParameterDiscoveryReqType.AC_CPDReqEnergyTransferModeGroup.AC_CPDReqEnergyTransferMode(
                new AC_CPDReqEnergyTransferModeType(rn(11_000), null, null, rn(0), null, null)));
    }

    private ScheduleExchangeReqType scheduleExchange(boolean dynamic) {
        return new ScheduleExchangeReqType(h(), 12, dynamic
                ? new ScheduleExchangeReqType.SEReqControlMode.Dynamic_SEReqControlMode(
                        new Dynamic_SEReqControlModeType(3600L, 20, 80, rn(40_000), rn(60_000), rn(0), rn(20_000), rn(0)))
                : new ScheduleExchangeReqType.SEReqControlMode.Scheduled_SEReqControlMode(
                        new Scheduled_SEReqControlModeType(3600L, rn(40_000), rn(60_000), rn(0), null)));
    }

    private PowerDeliveryReqType pd(chargeProgressType p) {
        return new PowerDeliveryReqType(h(), processingType.Finished, p, null, null);
    }

    private PowerDeliveryReqType start(boolean dynamic, long tuple, powerToleranceAcceptanceType tol) {
        EVPowerProfileType.EVPPTControlMode m = dynamic
                ? new EVPowerProfileType.EVPPTControlMode.Dynamic_EVPPTControlMode(new Dynamic_EVPPTControlModeType())
                : new EVPowerProfileType.EVPPTControlMode.Scheduled_EVPPTControlMode(new Scheduled_EVPPTControlModeType(tuple, tol));
        return new PowerDeliveryReqType(h(), processingType.Finished, chargeProgressType.Start,
                new EVPowerProfileType(1_700_000_000L, m, new EVPowerProfileEntryListType(java.util.List.of(
                        new PowerScheduleEntryType(3600, rn(10_000), null, null)))), null);
    }

    /** Up to the PowerDeliveryReq(Start) for DC (cable check, precharge) or AC. */
    private void readyForPower(int service, boolean dynamic) {
        selected(service, dynamic ? 2 : 1);
        assertEquals(responseCodeType.OK, code(cpd(service)));
        assertEquals(responseCodeType.OK, code(res(s.handle(scheduleExchange(dynamic)))));
        if (service == 2 || service == 6) {
            assertEquals("WaitCableCheck", s.stateName());
            s.handle(new DC_CableCheckReqType(h()));
            charge.presentVoltage = 400;
            s.handle(new DC_PreChargeReqType(h(), processingType.Finished, rn(400), rn(400)));
        }
        assertEquals("WaitPowerDelivery", s.stateName());
    }

    private void inLoop(int service, boolean dynamic) {
        readyForPower(service, dynamic);
        assertEquals(responseCodeType.OK, code(res(s.handle(start(dynamic, 1, null)))));
        assertEquals(service == 1 || service == 5 ? "AcChargeLoop" : "DcChargeLoop", s.stateName());
    }

    private DC_ChargeLoopReqType dcLoop(boolean bpt, boolean dynamic, double targetI) {
        DC_ChargeLoopReqType.CLReqControlModeGroup g;
        if (bpt && dynamic) {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Dynamic_DC_CLReqControlMode(new BPT_Dynamic_DC_CLReqControlModeType(null,
                    rn(-5000), rn(40_000), rn(-8000), rn(100_000), rn(0), rn(250), rn(450), rn(200), rn(20_000), rn(0), rn(50), null, null));
        } else if (bpt) {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Scheduled_DC_CLReqControlMode(new BPT_Scheduled_DC_CLReqControlModeType(null,
                    null, null, rn(targetI), rn(400), rn(100_000), null, rn(250), rn(450), rn(200), rn(20_000), null, rn(50)));
        } else if (dynamic) {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.Dynamic_DC_CLReqControlMode(new Dynamic_DC_CLReqControlModeType(null,
                    rn(5000), rn(40_000), rn(0), rn(100_000), rn(0), rn(250), rn(450), rn(200)));
        } else {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.Scheduled_DC_CLReqControlMode(new Scheduled_DC_CLReqControlModeType(null, null,
                    null, rn(targetI), rn(400), rn(100_000), null, rn(250), rn(450), rn(200)));
        }
        return new DC_ChargeLoopReqType(h(), new DisplayParametersType(55, null, 80, null, null, null, null, false, null, null), true, rn(400), g);
    }

    private AC_ChargeLoopReqType acLoop(boolean bpt, boolean dynamic) {
        var z = rn(0);
        AC_ChargeLoopReqType.CLReqControlModeGroup g;
        if (bpt && dynamic) {
            g = new AC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Dynamic_AC_CLReqControlMode(new BPT_Dynamic_AC_CLReqControlModeType(null,
                    rn(5000), rn(40_000), rn(-5000), rn(11_000), null, null, z, null, null, rn(1000), null, null, z, null, null, rn(11_000), null,
                    null, z, null, null, null, null));
        } else if (bpt) {
            g = new AC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Scheduled_AC_CLReqControlMode(new BPT_Scheduled_AC_CLReqControlModeType(null,
                    null, null, rn(11_000), null, null, null, null, null, rn(1000), null, null, null, null, null, rn(11_000), null, null, null, null, null));
        } else if (dynamic) {
            g = new AC_ChargeLoopReqType.CLReqControlModeGroup.Dynamic_AC_CLReqControlMode(new Dynamic_AC_CLReqControlModeType(null, rn(5000),
                    rn(40_000), z, rn(11_000), null, null, z, null, null, rn(1000), null, null, z, null, null));
        } else {
            g = new AC_ChargeLoopReqType.CLReqControlModeGroup.Scheduled_AC_CLReqControlMode(new Scheduled_AC_CLReqControlModeType(null, null,
                    null, rn(11_000), null, null, null, null, null, rn(1000), null, null, null, null, null));
        }
        return new AC_ChargeLoopReqType(h(), new DisplayParametersType(55, null, 80, null, null, null, null, false, null, null), false, g);
    }

    private void assertEnded(Outcome o, responseCodeType c) {
        assertTrue(s.ended());
        assertFalse(charge.powered, "power off and contactors open");
        assertEquals(c, code(res(o)));
        assertTrue(o.actions().contains(new Action.CloseConnection(Duration.ZERO)));
    }

    // ------------------------------------------------------------ AC charge parameter discovery

    @Test
    void acBptCpdAnswersBptElementWithNominalFrequency() {
        selected(5, 1);
        var r = (AC_ChargeParameterDiscoveryResType) cpd(5);
        assertEquals(responseCodeType.OK, r.ResponseCode());
        var b = ((AC_ChargeParameterDiscoveryResType.AC_CPDResEnergyTransferModeGroup.BPT_AC_CPDResEnergyTransferMode) r.AC_CPDResEnergyTransferModeGroup()).value();
        assertEquals(22_000, RationalNumbers.toDouble(b.EVSEMaximumChargePower()), 1e-6);
        assertEquals(11_000, RationalNumbers.toDouble(b.EVSEMaximumDischargePower()), 1e-6);
        assertEquals(50, RationalNumbers.toDouble(b.EVSENominalFrequency()), 1e-6);
        assertEquals(1, charge.transfers.size());
        assertEquals(11_000, charge.transfers.get(0).evMaxDischargePowerW(), 1e-6);
    }

    @Test
    void acCpdAnswersPlainAcElement() {
        selected(1, 2);
        var r = (AC_ChargeParameterDiscoveryResType) cpd(1);
        assertInstanceOf(AC_ChargeParameterDiscoveryResType.AC_CPDResEnergyTransferModeGroup.AC_CPDResEnergyTransferMode.class,
                r.AC_CPDResEnergyTransferModeGroup());
        assertTrue(charge.transfers.get(0).dynamic());
    }

    @Test
    void acCpdInDcSessionAndBptMismatchAreWrongChargeParameter() {
        selected(6, 1);
        assertEnded(s.handle(acCpd(true)), responseCodeType.FAILED_WrongChargeParameter);
        setUp();
        selected(5, 1);
        assertEnded(s.handle(acCpd(false)), responseCodeType.FAILED_WrongChargeParameter);
        setUp();
        selected(1, 1);
        assertEnded(s.handle(dcCpd(false)), responseCodeType.FAILED_WrongChargeParameter);
    }

    @Test
    void acScheduleExchangeLeadsStraightToPowerDeliveryWithAcSchedules() {
        selected(5, 1);
        cpd(5);
        var r = (ScheduleExchangeResType) res(s.handle(scheduleExchange(false)));
        var t = ((ScheduleExchangeResType.SEResControlMode.Scheduled_SEResControlMode) r.SEResControlMode()).value().ScheduleTuple().get(0);
        assertEquals(22_000, RationalNumbers.toDouble(t.ChargingSchedule().PowerSchedule().PowerScheduleEntries().PowerScheduleEntry().get(0).Power()), 1e-6);
        assertEquals(11_000, RationalNumbers.toDouble(t.DischargingSchedule().PowerSchedule().PowerScheduleEntries().PowerScheduleEntry().get(0).Power()), 1e-6);
        assertEquals("WaitPowerDelivery", s.stateName());
        // AC has no cable check
        assertEnded(s.handle(new DC_CableCheckReqType(h())), responseCodeType.FAILED_SequenceError);
    }

    // ------------------------------------------------------------ PowerDelivery

    @Test
    void startMapsEveryPowerDeliveryResult() {
        readyForPower(6, false);
        charge.startResult = PowerDeliveryResult.CONTACTOR_ERROR;
        assertEnded(s.handle(start(false, 1, null)), responseCodeType.FAILED_ContactorError);
        setUp();
        readyForPower(1, true);
        charge.startResult = PowerDeliveryResult.NOT_APPLIED;
        assertEnded(s.handle(start(true, 0, null)), responseCodeType.FAILED_PowerDeliveryNotApplied);
    }

    @Test
    void startWithConfirmedToleranceAnswersOkPowerToleranceConfirmed() {
        readyForPower(6, false);
        assertEquals(responseCodeType.OK_PowerToleranceConfirmed,
                code(res(s.handle(start(false, 1, powerToleranceAcceptanceType.PowerToleranceConfirmed)))));
    }

    @Test
    void startWithUnofferedScheduleTupleIsScheduleSelectionInvalid() {
        readyForPower(6, false);
        assertEnded(s.handle(start(false, 7, null)), responseCodeType.FAILED_ScheduleSelectionInvalid);
    }

    @Test
    void startMayRepeatBeforeTheLoopAndOngoingWaits() {
        readyForPower(2, false);
        var ongoing = new PowerDeliveryReqType(h(), processingType.Ongoing, chargeProgressType.Start, null, null);
        assertEquals(responseCodeType.OK, code(res(s.handle(ongoing))));
        assertEquals("WaitPowerDelivery", s.stateName());
        assertEquals(0, charge.starts, "Ongoing does not start power");
        s.handle(start(false, 1, null));
        assertEquals(responseCodeType.OK, code(res(s.handle(start(false, 1, null)))));
        assertEquals(2, charge.starts);
        assertEquals("DcChargeLoop", s.stateName());
    }

    @ParameterizedTest
    @CsvSource({"Stop", "Standby", "ScheduleRenegotiation"})
    void beforeTheLoopOnlyStartIsAllowed(chargeProgressType p) {
        readyForPower(6, false);
        assertEnded(s.handle(pd(p)), responseCodeType.FAILED_SequenceError);
    }

    @Test
    void waitPowerDeliveryRejectsChargeLoopAndAcceptsStop() {
        readyForPower(6, false);
        assertEnded(s.handle(dcLoop(true, false, 10)), responseCodeType.FAILED_SequenceError);
        setUp();
        readyForPower(5, false);
        assertEquals(responseCodeType.OK, code(res(s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null)))));
        assertFalse(charge.powered);
    }

    @Test
    void powerDeliveryResCarriesTheChargerNotification() {
        readyForPower(6, false);
        charge.notification = new EvseNotification(EvseNotification.Kind.EXIT_STANDBY, 5, "test");
        var r = (PowerDeliveryResType) res(s.handle(start(false, 1, null)));
        assertEquals(evseNotificationType.ExitStandby, r.EVSEStatus().EVSENotification());
        assertEquals(5, r.EVSEStatus().NotificationMaxDelay());
    }

    // ------------------------------------------------------------ DC charge loop

    @ParameterizedTest(name = "service {0} dynamic {1}")
    @CsvSource({"2, false", "2, true", "6, false", "6, true"})
    void dcLoopAnswersTheSameVariantWithMeterInfo(int service, boolean dynamic) {
        inLoop(service, dynamic);
        boolean bpt = service == 6;
        var r = (DC_ChargeLoopResType) res(s.handle(dcLoop(bpt, dynamic, 20)));
        assertEquals(responseCodeType.OK, r.ResponseCode());
        var g = r.CLResControlModeGroup();
        if (bpt && dynamic) {
            var v = ((DC_ChargeLoopResType.CLResControlModeGroup.BPT_Dynamic_DC_CLResControlMode) g).value();
            assertEquals(50_000, RationalNumbers.toDouble(v.EVSEMaximumDischargePower()), 1e-6);
            assertEquals(150, RationalNumbers.toDouble(v.EVSEMinimumVoltage()), 1e-6);
        } else if (bpt) {
            var v = ((DC_ChargeLoopResType.CLResControlModeGroup.BPT_Scheduled_DC_CLResControlMode) g).value();
            assertEquals(100, RationalNumbers.toDouble(v.EVSEMaximumDischargeCurrent()), 1e-6);
        } else if (dynamic) {
            assertInstanceOf(DC_ChargeLoopResType.CLResControlModeGroup.Dynamic_DC_CLResControlMode.class, g);
        } else {
            assertInstanceOf(DC_ChargeLoopResType.CLResControlModeGroup.Scheduled_DC_CLResControlMode.class, g);
        }
        assertEquals(config.meterId(), r.MeterInfo().MeterID());
        assertEquals(bpt, r.MeterInfo().BPT_DischargedEnergyReadingWh() != null);
        assertNull(r.EVSEStatus());
        var lr = charge.loops.get(0);
        assertEquals(bpt, lr.bpt());
        assertEquals(dynamic, lr.dynamic());
        assertFalse(lr.ac());
        assertEquals(55, lr.socPct(), 1e-9);
        assertEquals(400, lr.evPresentVoltageV(), 1e-9);
        if (bpt) {
            assertEquals(20_000, lr.evMaxDischargePowerW(), 1e-6);
        } else {
            assertTrue(Double.isNaN(lr.evMaxDischargePowerW()));
        }
        if (!dynamic) {
            assertEquals(20, lr.evTargetCurrentA(), 1e-6);
        }
        assertEquals("DcChargeLoop", s.stateName());
    }

    @Test
    void negativeSignConventionAppliesInTheLoop() {
        config = config.withNegativeDischargeLimits(true);
        s = newSession();
        inLoop(6, true);
        var r = (DC_ChargeLoopResType) res(s.handle(dcLoop(true, true, 0)));
        var v = ((DC_ChargeLoopResType.CLResControlModeGroup.BPT_Dynamic_DC_CLResControlMode) r.CLResControlModeGroup()).value();
        assertEquals(-50_000, RationalNumbers.toDouble(v.EVSEMaximumDischargePower()), 1e-6);
        assertEquals(-100, RationalNumbers.toDouble(v.EVSEMaximumDischargeCurrent()), 1e-6);
    }

    @Test
    void dischargeRequestKeepsItsSign() {
        inLoop(6, false);
        s.handle(dcLoop(true, false, -30));
        assertEquals(-30, charge.loops.get(0).evTargetCurrentA(), 1e-9);
    }

    @Test
    void dcLoopVariantMismatchFails() {
        inLoop(6, false);
        assertEnded(s.handle(dcLoop(true, true, 0)), responseCodeType.FAILED);
        setUp();
        inLoop(2, false);
        assertEnded(s.handle(dcLoop(true, false, 0)), responseCodeType.FAILED);
        setUp();
        inLoop(6, true);
        assertEnded(s.handle(acLoop(true, true)), responseCodeType.FAILED_SequenceError);
    }

    @Test
    void dcLoopRejectsOtherRequests() {
        inLoop(6, false);
        assertEnded(s.handle(new DC_PreChargeReqType(h(), processingType.Ongoing, rn(400), rn(400))), responseCodeType.FAILED_SequenceError);
        setUp();
        inLoop(6, false);
        assertEnded(s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null)), responseCodeType.FAILED_SequenceError);
    }

    @Test
    void standbyIsNotAllowedButTheLoopContinues() {
        inLoop(6, true);
        assertEquals(responseCodeType.WARNING_StandbyNotAllowed, code(res(s.handle(pd(chargeProgressType.Standby)))));
        assertEquals("DcChargeLoop", s.stateName());
        assertEquals(responseCodeType.OK, code(res(s.handle(dcLoop(true, true, 0)))));
    }

    @Test
    void terminateNotificationIsSentAndEnforced() {
        inLoop(6, true);
        charge.notification = new EvseNotification(EvseNotification.Kind.TERMINATE, 0, "grid trip");
        var r = (DC_ChargeLoopResType) res(s.handle(dcLoop(true, true, 0)));
        assertEquals(evseNotificationType.Terminate, r.EVSEStatus().EVSENotification());
        nanos.addAndGet(Duration.ofMillis(1900).toNanos());
        assertEquals(responseCodeType.OK, code(res(s.handle(dcLoop(true, true, 0)))), "within NotificationMaxDelay + 2 s grace");
        nanos.addAndGet(Duration.ofMillis(200).toNanos());
        assertEnded(s.handle(dcLoop(true, true, 0)), responseCodeType.FAILED);
    }

    @Test
    void pauseNotificationAllowsSixtySeconds() {
        inLoop(1, true);
        charge.notification = new EvseNotification(EvseNotification.Kind.PAUSE, 60, "enter-service delay");
        var r = (AC_ChargeLoopResType) res(s.handle(acLoop(false, true)));
        assertEquals(evseNotificationType.Pause, r.EVSEStatus().EVSENotification());
        assertEquals(60, r.EVSEStatus().NotificationMaxDelay());
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        assertEquals(responseCodeType.OK, code(res(s.handle(acLoop(false, true)))));
        // the notification went away: the clock restarts
        charge.notification = null;
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals(responseCodeType.OK, code(res(s.handle(acLoop(false, true)))));
        assertFalse(s.ended());
    }

    @Test
    void stopThenWeldingDetectionThenTerminate() {
        inLoop(6, false);
        s.handle(dcLoop(true, false, 10));
        assertEquals(responseCodeType.OK, code(res(s.handle(pd(chargeProgressType.Stop)))));
        assertEquals(1, charge.stops);
        assertEquals("WaitWeldingDetection", s.stateName());
        var w = (DC_WeldingDetectionResType) res(s.handle(new DC_WeldingDetectionReqType(h(), processingType.Ongoing)));
        assertEquals(300, RationalNumbers.toDouble(w.EVSEPresentVoltage()), 1e-6);
        assertEquals("WaitWeldingDetection", s.stateName());
        s.handle(new DC_WeldingDetectionReqType(h(), processingType.Finished));
        assertEquals("WaitSessionStop", s.stateName());
        assertEquals(2, charge.weldingChecks);
        var o = s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null));
        assertEquals(responseCodeType.OK, code(res(o)));
        assertTrue(o.actions().contains(new Action.CloseConnection(Duration.ofSeconds(5))));
        assertTrue(s.ended());
        assertFalse(charge.powered);
    }

    @Test
    void weldingDetectionRejectsLoopAndAcceptsStop() {
        inLoop(2, false);
        s.handle(pd(chargeProgressType.Stop));
        assertEnded(s.handle(dcLoop(false, false, 0)), responseCodeType.FAILED_SequenceError);
        setUp();
        inLoop(2, false);
        s.handle(pd(chargeProgressType.Stop));
        assertEquals(responseCodeType.OK, code(res(s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null)))));
    }

    // ------------------------------------------------------------ AC charge loop

    @ParameterizedTest(name = "service {0} dynamic {1}")
    @CsvSource({"1, false", "1, true", "5, false", "5, true"})
    void acLoopAnswersTheSameVariantWithTargetPower(int service, boolean dynamic) {
        inLoop(service, dynamic);
        boolean bpt = service == 5;
        var r = (AC_ChargeLoopResType) res(s.handle(acLoop(bpt, dynamic)));
        assertEquals(responseCodeType.OK, r.ResponseCode());
        var g = r.CLResControlModeGroup();
        Class<?> want = bpt && dynamic ? AC_ChargeLoopResType.CLResControlModeGroup.BPT_Dynamic_AC_CLResControlMode.class
                : bpt ? AC_ChargeLoopResType.CLResControlModeGroup.BPT_Scheduled_AC_CLResControlMode.class
                : dynamic ? AC_ChargeLoopResType.CLResControlModeGroup.Dynamic_AC_CLResControlMode.class
                : AC_ChargeLoopResType.CLResControlModeGroup.Scheduled_AC_CLResControlMode.class;
        assertInstanceOf(want, g);
        assertNull(r.MeterInfo(), "not requested");
        var lr = charge.loops.get(0);
        assertTrue(lr.ac());
        assertEquals(1000, lr.evPresentActivePowerW(), 1e-6);
        assertEquals(bpt, !Double.isNaN(lr.evMaxDischargePowerW()));
    }

    @Test
    void acStopOpensContactorsThenSessionStop() {
        inLoop(5, true);
        s.handle(acLoop(true, true));
        assertEquals(responseCodeType.OK, code(res(s.handle(pd(chargeProgressType.Stop)))));
        assertFalse(charge.powered, "AC: contactors open before PowerDeliveryRes(Stop) OK");
        assertEquals("WaitSessionStop", s.stateName());
        assertEnded(s.handle(new DC_WeldingDetectionReqType(h(), processingType.Finished)), responseCodeType.FAILED_SequenceError);
    }

    // ------------------------------------------------------------ renegotiation

    @Test
    void scheduleRenegotiationGoesThroughScheduleExchangeBackToPowerDelivery() {
        inLoop(6, false);
        assertEquals(responseCodeType.OK, code(res(s.handle(pd(chargeProgressType.ScheduleRenegotiation)))));
        assertEquals("WaitScheduleExchange", s.stateName());
        charge.dc = new org.secc.app.charge.DcLimits(150_000, 0, 300, 0, 920, 150, 3_200, 0, 100, 0);
        var r = (ScheduleExchangeResType) res(s.handle(scheduleExchange(false)));
        var t = ((ScheduleExchangeResType.SEResControlMode.Scheduled_SEResControlMode) r.SEResControlMode()).value().ScheduleTuple().get(0);
        assertEquals(3_200, RationalNumbers.toDouble(t.DischargingSchedule().PowerSchedule().PowerScheduleEntries().PowerScheduleEntry().get(0).Power()), 1e-6,
                "the new schedule carries the present limits");
        assertEquals("WaitPowerDelivery", s.stateName(), "no second cable check: contactors stayed closed");
        s.handle(start(false, 1, null));
        assertEquals("DcChargeLoop", s.stateName());
    }

    @Test
    void aScheduledTupleCarriesTheLaterLimitChangesTheChargerKnows() {
        inLoop(6, false);
        s.handle(pd(chargeProgressType.ScheduleRenegotiation));
        // The CSMS's composite (OCPP K18): 5 kW / 2 kW from in an hour, the ratings again from in two hours.
        charge.ahead = List.of(new org.secc.app.charge.ChargeControl.ScheduleStep(3600, 5_000, 2_000),
                new org.secc.app.charge.ChargeControl.ScheduleStep(7200, 150_000, 50_000));
        var r = (ScheduleExchangeResType) res(s.handle(scheduleExchange(false)));
        var t = ((ScheduleExchangeResType.SEResControlMode.Scheduled_SEResControlMode) r.SEResControlMode()).value().ScheduleTuple().get(0);
        var ch = t.ChargingSchedule().PowerSchedule().PowerScheduleEntries().PowerScheduleEntry();
        var dis = t.DischargingSchedule().PowerSchedule().PowerScheduleEntries().PowerScheduleEntry();
        assertEquals(List.of(3600L, 3600L, 79_200L), ch.stream().map(e -> e.Duration()).toList(), "24 h in all");
        assertEquals(150_000, RationalNumbers.toDouble(ch.get(0).Power()), 1e-6);
        assertEquals(5_000, RationalNumbers.toDouble(ch.get(1).Power()), 1e-6);
        assertEquals(2_000, Math.abs(RationalNumbers.toDouble(dis.get(1).Power())), 1e-6);
        assertEquals(150_000, RationalNumbers.toDouble(ch.get(2).Power()), 1e-6);
    }

    @Test
    void sessionStopDuringRenegotiationIsSequenceError() {
        inLoop(5, false);
        s.handle(pd(chargeProgressType.ScheduleRenegotiation));
        assertEnded(s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null)), responseCodeType.FAILED_SequenceError);
    }

    @Test
    void serviceRenegotiationAfterStopReturnsToServiceDiscovery() {
        inLoop(1, false);
        s.handle(pd(chargeProgressType.Stop));
        var o = s.handle(new SessionStopReqType(h(), chargingSessionType.ServiceRenegotiation, null, null));
        assertEquals(responseCodeType.OK, code(res(o)));
        assertTrue(o.actions().isEmpty(), "the connection stays open");
        assertEquals("WaitServiceDiscovery", s.stateName());
        assertEquals(responseCodeType.OK, code(res(s.handle(new ServiceDiscoveryReqType(h(), null)))));
    }

    @Test
    void serviceRenegotiationRefusedWhenNotAdvertised() {
        config = config.withServices(ServiceOffer.of(false, 6));
        s = newSession();
        inLoop(6, true);
        s.handle(pd(chargeProgressType.Stop));
        s.handle(new DC_WeldingDetectionReqType(h(), processingType.Finished));
        assertEnded(s.handle(new SessionStopReqType(h(), chargingSessionType.ServiceRenegotiation, null, null)),
                responseCodeType.FAILED_NoServiceRenegotiationSupported);
    }

    // ------------------------------------------------------------ pause and resume

    @Test
    void pauseThenResumeOnANewConnection() {
        inLoop(6, true);
        s.handle(dcLoop(true, true, 0));
        s.handle(pd(chargeProgressType.Stop));
        s.handle(new DC_WeldingDetectionReqType(h(), processingType.Finished));
        byte[] id = s.sessionId();
        var o = s.handle(new SessionStopReqType(h(), chargingSessionType.Pause, null, null));
        assertEquals(responseCodeType.OK, code(res(o)));
        assertTrue(o.actions().stream().anyMatch(a -> a instanceof Action.SessionPaused p && java.util.Arrays.equals(p.sessionId(), id)));
        assertFalse(charge.powered);
        assertEquals(1, paused.size());

        s = newSession();
        var r = (SessionSetupResType) res(s.handle(new SessionSetupReqType(new MessageHeaderType(id, 0, null), "EV1")));
        assertEquals(responseCodeType.OK_OldSessionJoined, r.ResponseCode());
        assertArrayEquals(id, r.Header().SessionID());
        assertArrayEquals(id, s.sessionId());
        assertEquals("WaitChargeParameterDiscovery", s.stateName(), "authorization and service selection are kept");
        assertEquals(responseCodeType.OK, code(cpd(6)));
        assertTrue(charge.transfers.get(charge.transfers.size() - 1).resumed());
        assertTrue(charge.transfers.get(charge.transfers.size() - 1).dynamic());
        assertEquals(0, paused.size(), "a paused session resumes once");
    }

    @Test
    void resumeWithAnUnknownOrExpiredIdStartsANewSession() {
        inLoop(2, false);
        s.handle(pd(chargeProgressType.Stop));
        s.handle(new DC_WeldingDetectionReqType(h(), processingType.Finished));
        byte[] id = s.sessionId();
        s.handle(new SessionStopReqType(h(), chargingSessionType.Pause, null, null));
        nanos.addAndGet(Duration.ofHours(2).toNanos());
        s = newSession();
        var r = (SessionSetupResType) res(s.handle(new SessionSetupReqType(new MessageHeaderType(id, 0, null), "EV1")));
        assertEquals(responseCodeType.OK_NewSessionEstablished, r.ResponseCode());
        assertFalse(java.util.Arrays.equals(id, s.sessionId()));
    }

    @Test
    void pausedSessionResumesOnlyForTheEvccIdThatPausedIt() {
        inLoop(6, true);
        s.handle(pd(chargeProgressType.Stop));
        s.handle(new DC_WeldingDetectionReqType(h(), processingType.Finished));
        byte[] id = s.sessionId();
        s.handle(new SessionStopReqType(h(), chargingSessionType.Pause, null, null));
        assertEquals(1, paused.size());

        // another EV replays the paused SessionID: a new session, nothing inherited
        s = newSession();
        var other = (SessionSetupResType) res(s.handle(new SessionSetupReqType(new MessageHeaderType(id, 0, null), "EV2")));
        assertEquals(responseCodeType.OK_NewSessionEstablished, other.ResponseCode());
        assertFalse(java.util.Arrays.equals(id, other.Header().SessionID()));
        assertFalse(java.util.Arrays.equals(id, s.sessionId()));
        assertEquals("WaitAuthorizationSetup", s.stateName(), "no authorization or service selection kept");
        assertNotEquals(responseCodeType.OK, code(cpd(6)), "charge parameters without authorization are refused");
        assertEquals(1, paused.size(), "the paused entry stays for the EV that paused it");

        // the EV that paused it still resumes it
        s = newSession();
        var own = (SessionSetupResType) res(s.handle(new SessionSetupReqType(new MessageHeaderType(id, 0, null), "EV1")));
        assertEquals(responseCodeType.OK_OldSessionJoined, own.ResponseCode());
        assertArrayEquals(id, s.sessionId());
        assertEquals("WaitChargeParameterDiscovery", s.stateName());
        assertEquals(0, paused.size());
    }

    @Test
    void terminateDropsThePauseContext() {
        inLoop(2, false);
        s.handle(pd(chargeProgressType.Stop));
        s.handle(new DC_WeldingDetectionReqType(h(), processingType.Finished));
        s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null));
        assertEquals(0, paused.size());
    }

    @Test
    void pausedStoreKeepsAtMostItsCapacity() {
        for (int i = 0; i < 6; i++) {
            byte[] id = {1, 2, 3, 4, 5, 6, 7, (byte) i};
            paused.put(new PausedSessions.Paused(id, new byte[0], java.util.List.of(6), 6, EnergyParameterSet.defaults(6).get(0), nanos.get()));
        }
        assertEquals(4, paused.size());
        assertTrue(paused.take(new byte[] {1, 2, 3, 4, 5, 6, 7, 0}, new byte[0]).isEmpty(), "oldest dropped");
        assertTrue(paused.take(new byte[] {1, 2, 3, 4, 5, 6, 7, 5}, new byte[0]).isPresent());
    }

    // ------------------------------------------------------------ timers

    @Test
    void loopSequenceTimeoutIsConfigurable() {
        config = config.withLoopSequenceTimeout(Duration.ofMillis(500));
        s = newSession();
        inLoop(6, true);
        nanos.addAndGet(Duration.ofMillis(499).toNanos());
        assertTrue(s.tick().isEmpty());
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertFalse(s.tick().isEmpty());
        assertFalse(charge.powered);
    }

    @Test
    void defaultLoopSequenceTimeoutIsSixtySeconds() {
        inLoop(5, true);
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertTrue(s.tick().isEmpty());
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertFalse(s.tick().isEmpty());
        assertFalse(charge.powered);
    }

    @Test
    void welding_and_sessionStop_states_time_out() {
        inLoop(6, false);
        s.handle(pd(chargeProgressType.Stop));
        nanos.addAndGet(Duration.ofSeconds(60).toNanos());
        assertFalse(s.tick().isEmpty());
        setUp();
        inLoop(1, false);
        s.handle(pd(chargeProgressType.Stop));
        nanos.addAndGet(Duration.ofSeconds(60).toNanos());
        assertFalse(s.tick().isEmpty());
    }

    @Test
    void cableCheckOngoingBudgetEndsTheSession() {
        selected(6, 1);
        cpd(6);
        s.handle(scheduleExchange(false));
        for (int i = 0; i < 40; i++) {
            charge.isolation.add(org.secc.app.charge.ChargeControl.IsolationResult.ONGOING);
        }
        assertEquals(processingType.Ongoing, ((DC_CableCheckResType) res(s.handle(new DC_CableCheckReqType(h())))).EVSEProcessing());
        nanos.addAndGet(Duration.ofSeconds(38).toNanos());
        assertEquals(processingType.Ongoing, ((DC_CableCheckResType) res(s.handle(new DC_CableCheckReqType(h())))).EVSEProcessing());
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertEnded(s.handle(new DC_CableCheckReqType(h())), responseCodeType.FAILED);
    }

    @Test
    void scheduledSchedulesCarryTheTariffAsAbsolutePriceSchedule() throws Exception {
        config = config.withTariff(new Tariff("EUR", "eng", 0.39));
        s = newSession();
        selected(6, 1);
        cpd(6);
        var r = (ScheduleExchangeResType) res(s.handle(scheduleExchange(false)));
        var t = ((ScheduleExchangeResType.SEResControlMode.Scheduled_SEResControlMode) r.SEResControlMode()).value().ScheduleTuple().get(0);
        for (var cs : java.util.List.of(t.ChargingSchedule(), t.DischargingSchedule())) {
            var a = ((ChargingScheduleType.Schedule.AbsolutePriceSchedule) cs.Schedule()).value();
            assertEquals("EUR", a.Currency());
            assertEquals(Tariff.ALGORITHM_POWER, a.PriceAlgorithm());
            assertEquals(0.39, RationalNumbers.toDouble(a.PriceRuleStacks().PriceRuleStack().get(0).PriceRule().get(0).EnergyFee()), 1e-9);
        }
        // schema-valid: it survives the codec both ways
        var codec = org.secc.exi.ExiCodec.of(org.secc.exi.SchemaKind.COMMON);
        byte[] exi = codec.encode(r);
        assertArrayEquals(exi, codec.encode(codec.decode(exi).value()));
    }

    // ------------------------------------------------------------ the whole matrix: state × request

    /** One sample of every request type the -20 DC/AC session knows, built for the current session. */
    private java.util.Map<String, V2GRequestType> everyRequest() {
        var m = new java.util.LinkedHashMap<String, V2GRequestType>();
        m.put("SessionSetupReq", new SessionSetupReqType(h(), "EV1"));
        m.put("AuthorizationSetupReq", new AuthorizationSetupReqType(h()));
        m.put("AuthorizationReq", new AuthorizationReqType(h(), authorizationType.EIM,
                new AuthorizationReqType.AReqAuthorizationMode.EIM_AReqAuthorizationMode(new EIM_AReqAuthorizationModeType())));
        m.put("ServiceDiscoveryReq", new ServiceDiscoveryReqType(h(), null));
        m.put("ServiceDetailReq", new ServiceDetailReqType(h(), 6));
        m.put("ServiceSelectionReq", new ServiceSelectionReqType(h(), new SelectedServiceType(6, 1), null));
        m.put("DC_ChargeParameterDiscoveryReq", (V2GRequestType) dcCpd(true));
        m.put("AC_ChargeParameterDiscoveryReq", acCpd(true));
        m.put("ScheduleExchangeReq", scheduleExchange(false));
        m.put("DC_CableCheckReq", new DC_CableCheckReqType(h()));
        m.put("DC_PreChargeReq", new DC_PreChargeReqType(h(), processingType.Ongoing, rn(400), rn(400)));
        m.put("PowerDeliveryReq", start(false, 1, null));
        m.put("DC_ChargeLoopReq", dcLoop(true, false, 10));
        m.put("AC_ChargeLoopReq", acLoop(true, false));
        m.put("DC_WeldingDetectionReq", new DC_WeldingDetectionReqType(h(), processingType.Ongoing));
        m.put("SessionStopReq", new SessionStopReqType(h(), chargingSessionType.Terminate, null, null));
        return m;
    }

    private record StateCase(String state, Runnable drive, java.util.Set<String> allowed) {
    }

    private java.util.List<StateCase> everyState() {
        var stop = "SessionStopReq";
        return java.util.List.of(
                new StateCase("WaitSessionSetup", () -> { }, java.util.Set.of("SessionSetupReq")),
                new StateCase("WaitAuthorizationSetup", () -> s.handle(new SessionSetupReqType(new MessageHeaderType(new byte[8], 0, null), "EV1")),
                        java.util.Set.of("AuthorizationSetupReq", stop)),
                new StateCase("WaitAuthorization", () -> {
                    s.handle(new SessionSetupReqType(new MessageHeaderType(new byte[8], 0, null), "EV1"));
                    s.handle(new AuthorizationSetupReqType(h()));
                }, java.util.Set.of("AuthorizationReq", stop)),
                new StateCase("WaitServiceDiscovery", () -> {
                    s.handle(new SessionSetupReqType(new MessageHeaderType(new byte[8], 0, null), "EV1"));
                    s.handle(new AuthorizationSetupReqType(h()));
                    s.handle(everyRequest().get("AuthorizationReq"));
                }, java.util.Set.of("ServiceDiscoveryReq", stop)),
                new StateCase("WaitServiceDetail", () -> {
                    s.handle(new SessionSetupReqType(new MessageHeaderType(new byte[8], 0, null), "EV1"));
                    s.handle(new AuthorizationSetupReqType(h()));
                    s.handle(everyRequest().get("AuthorizationReq"));
                    s.handle(new ServiceDiscoveryReqType(h(), null));
                }, java.util.Set.of("ServiceDetailReq", "ServiceSelectionReq", stop)),
                new StateCase("WaitChargeParameterDiscovery", () -> selected(6, 1),
                        java.util.Set.of("DC_ChargeParameterDiscoveryReq", "AC_ChargeParameterDiscoveryReq", stop)),
                new StateCase("WaitScheduleExchange", () -> {
                    selected(6, 1);
                    cpd(6);
                }, java.util.Set.of("ScheduleExchangeReq", stop)),
                new StateCase("WaitCableCheck", () -> {
                    selected(6, 1);
                    cpd(6);
                    s.handle(scheduleExchange(false));
                }, java.util.Set.of("DC_CableCheckReq", stop)),
                new StateCase("WaitPreCharge", () -> {
                    selected(6, 1);
                    cpd(6);
                    s.handle(scheduleExchange(false));
                    s.handle(new DC_CableCheckReqType(h()));
                }, java.util.Set.of("DC_PreChargeReq", stop)),
                new StateCase("WaitPowerDelivery", () -> readyForPower(6, false), java.util.Set.of("PowerDeliveryReq", stop)),
                new StateCase("DcChargeLoop", () -> inLoop(6, false), java.util.Set.of("DC_ChargeLoopReq", "PowerDeliveryReq")),
                new StateCase("AcChargeLoop", () -> inLoop(5, false), java.util.Set.of("AC_ChargeLoopReq", "PowerDeliveryReq")),
                new StateCase("WaitWeldingDetection", () -> {
                    inLoop(6, false);
                    s.handle(pd(chargeProgressType.Stop));
                }, java.util.Set.of("DC_WeldingDetectionReq", stop)),
                new StateCase("WaitSessionStop", () -> {
                    inLoop(5, false);
                    s.handle(pd(chargeProgressType.Stop));
                }, java.util.Set.of(stop)));
    }

    /**
     * The allowed requests per state as a matrix: in every state, every request type not allowed there gets FAILED_SequenceError
     * in its own response type, and the session ends with power off and contactors open.
     */
    @TestFactory
    java.util.stream.Stream<DynamicTest> everyDisallowedRequestInEveryStateIsASequenceError() {
        java.util.List<DynamicTest> tests = new java.util.ArrayList<>();
        for (StateCase sc : everyState()) {
            setUp();
            for (String name : everyRequest().keySet()) {
                if (sc.allowed().contains(name)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(sc.state() + " × " + name, () -> {
                    setUp();
                    sc.drive().run();
                    assertEquals(sc.state(), s.stateName());
                    V2GRequestType req = everyRequest().get(name);
                    Outcome o = s.handle(req);
                    V2GResponseType r = res(o);
                    assertEquals(name.replace("Req", "ResType"), r.getClass().getSimpleName());
                    assertEquals(responseCodeType.FAILED_SequenceError, r.ResponseCode());
                    assertTrue(s.ended());
                    assertFalse(charge.powered, "power off and contactors open");
                    assertTrue(o.actions().contains(new Action.CloseConnection(Duration.ZERO)));
                }));
            }
        }
        return tests.stream();
    }
}
