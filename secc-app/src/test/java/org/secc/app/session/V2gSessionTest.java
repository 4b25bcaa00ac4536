package org.secc.app.session;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secc.app.charge.ChargeControl.EimDecision;
import org.secc.exi.iso20.common.AuthorizationReqType;
import org.secc.exi.iso20.common.AuthorizationResType;
import org.secc.exi.iso20.common.AuthorizationSetupReqType;
import org.secc.exi.iso20.common.AuthorizationSetupResType;
import org.secc.exi.iso20.common.EIM_AReqAuthorizationModeType;
import org.secc.exi.iso20.common.ParameterSetType;
import org.secc.exi.iso20.dc.DC_CableCheckReqType;
import org.secc.exi.iso20.dc.DC_CableCheckResType;
import org.secc.exi.iso20.dc.DC_PreChargeReqType;
import org.secc.exi.iso20.dc.DC_PreChargeResType;
import org.secc.exi.iso20.common.ScheduleExchangeReqType;
import org.secc.exi.iso20.common.ScheduleExchangeResType;
import org.secc.exi.iso20.dc.DC_ChargeParameterDiscoveryReqType;
import org.secc.exi.iso20.dc.DC_ChargeParameterDiscoveryResType;
import org.secc.exi.iso20.common.ParameterType;
import org.secc.exi.iso20.common.SelectedServiceType;
import org.secc.exi.iso20.common.ServiceDetailReqType;
import org.secc.exi.iso20.common.ServiceDetailResType;
import org.secc.exi.iso20.common.ServiceDiscoveryReqType;
import org.secc.exi.iso20.common.ServiceSelectionReqType;
import org.secc.exi.iso20.common.ServiceSelectionResType;
import org.secc.exi.iso20.common.SessionSetupReqType;
import org.secc.exi.iso20.common.SessionSetupResType;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.common.SessionStopResType;
import org.secc.exi.iso20.common.authorizationType;
import org.secc.exi.iso20.common.chargingSessionType;
import org.secc.exi.iso20.types.MessageHeaderType;
import org.secc.exi.iso20.types.V2GResponseType;
import org.secc.exi.iso20.types.processingType;
import org.secc.exi.iso20.types.responseCodeType;

class V2gSessionTest {

    /** Stands for any request type the session does not answer yet. */
    record NotYetAnswered(MessageHeaderType Header) implements org.secc.exi.iso20.types.V2GRequestType {}

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Clock wall = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    private RecordingChargeControl charge;
    private V2gSession s;

    @BeforeEach
    void setUp() {
        charge = new RecordingChargeControl();
        s = new V2gSession(SessionConfig.defaults(), charge, nanos::get, wall);
    }

    private MessageHeaderType h() {
        return new MessageHeaderType(s.sessionId(), 1_700_000_000L, null);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private V2GResponseType res(Outcome o) {
        return o.response().orElseThrow();
    }

    private AuthorizationReqType eim() {
        return new AuthorizationReqType(h(), authorizationType.EIM,
                new AuthorizationReqType.AReqAuthorizationMode.EIM_AReqAuthorizationMode(new EIM_AReqAuthorizationModeType()));
    }

    private void setup() {
        var r = (SessionSetupResType) res(s.handle(new SessionSetupReqType(new MessageHeaderType(new byte[8], 0, null), "0102030405AB")));
        assertEquals(responseCodeType.OK_NewSessionEstablished, r.ResponseCode());
        assertArrayEquals(s.sessionId(), r.Header().SessionID());
        assertEquals(1_700_000_000L, r.Header().TimeStamp());
    }

    private void authSetup() {
        var r = (AuthorizationSetupResType) res(s.handle(new AuthorizationSetupReqType(h())));
        assertEquals(responseCodeType.OK, r.ResponseCode());
        assertEquals(List.of(authorizationType.EIM), r.AuthorizationServices());
    }

    private void assertEndedWith(Outcome o, responseCodeType code) {
        assertTrue(s.ended());
        assertFalse(charge.powered, "power off and contactors open");
        assertTrue(o.actions().stream().anyMatch(a -> a instanceof Action.SessionEnded));
        assertTrue(o.actions().contains(new Action.CloseConnection(Duration.ZERO)));
        assertEquals(code, codeOf(res(o)));
    }

    private static responseCodeType codeOf(V2GResponseType r) {
        if (r instanceof SessionSetupResType x) return x.ResponseCode();
        if (r instanceof AuthorizationSetupResType x) return x.ResponseCode();
        if (r instanceof AuthorizationResType x) return x.ResponseCode();
        if (r instanceof SessionStopResType x) return x.ResponseCode();
        if (r instanceof org.secc.exi.iso20.common.ServiceDiscoveryResType x) return x.ResponseCode();
        throw new AssertionError(r);
    }

    @Test
    void sessionIdIsEightRandomBytes() {
        assertEquals(8, s.sessionId().length);
        var other = new V2gSession(SessionConfig.defaults(), charge, nanos::get, wall);
        assertFalse(java.util.Arrays.equals(s.sessionId(), other.sessionId()));
    }

    // --- WaitSessionSetup
    @Test
    void waitSessionSetupAcceptsSessionSetup() {
        setup();
        assertEquals("WaitAuthorizationSetup", s.stateName());
    }

    @Test
    void waitSessionSetupRejectsAuthorizationSetupAsSequenceError() {
        var o = s.handle(new AuthorizationSetupReqType(h()));
        assertInstanceOf(AuthorizationSetupResType.class, res(o));
        assertEndedWith(o, responseCodeType.FAILED_SequenceError);
    }

    @Test
    void waitSessionSetupRejectsSessionStop() {
        assertEndedWith(s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null)), responseCodeType.FAILED_SequenceError);
    }

    @Test
    void waitSessionSetupSequenceTimeout() {
        advance(Duration.ofSeconds(59));
        assertTrue(s.tick().isEmpty());
        advance(Duration.ofSeconds(1));
        var acts = s.tick();
        assertTrue(acts.contains(new Action.CloseConnection(Duration.ZERO)));
        assertTrue(s.ended());
        assertFalse(charge.powered);
    }

    // --- WaitAuthorizationSetup
    @Test
    void waitAuthorizationSetupAcceptsAuthorizationSetup() {
        setup();
        authSetup();
        assertEquals("WaitAuthorization", s.stateName());
    }

    @Test
    void waitAuthorizationSetupAcceptsSessionStop() {
        setup();
        var o = s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null));
        assertEquals(responseCodeType.OK, codeOf(res(o)));
        assertTrue(o.actions().contains(new Action.CloseConnection(Duration.ofSeconds(5))), "hold >= 5 s [V2G20-1633]");
        assertTrue(s.ended());
        assertFalse(charge.powered);
    }

    @Test
    void waitAuthorizationSetupRejectsAuthorizationAsSequenceError() {
        setup();
        var o = s.handle(eim());
        assertInstanceOf(AuthorizationResType.class, res(o));
        assertEndedWith(o, responseCodeType.FAILED_SequenceError);
    }

    @Test
    void waitAuthorizationSetupRejectsSecondSessionSetup() {
        setup();
        var o = s.handle(new SessionSetupReqType(h(), "0102030405AB"));
        assertInstanceOf(SessionSetupResType.class, res(o));
        assertEndedWith(o, responseCodeType.FAILED_SequenceError);
    }

    @Test
    void unknownSessionIdFails() {
        setup();
        var o = s.handle(new AuthorizationSetupReqType(new MessageHeaderType(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 0, null)));
        assertEndedWith(o, responseCodeType.FAILED_UnknownSession);
    }

    @Test
    void waitAuthorizationSetupSequenceTimeout() {
        setup();
        advance(Duration.ofSeconds(60).minusNanos(1));
        assertTrue(s.tick().isEmpty());
        advance(Duration.ofNanos(1));
        assertFalse(s.tick().isEmpty());
        assertFalse(charge.powered);
    }

    // --- WaitAuthorization
    @Test
    void eimAcceptedGoesToServiceDiscovery() {
        setup();
        authSetup();
        var r = (AuthorizationResType) res(s.handle(eim()));
        assertEquals(responseCodeType.OK, r.ResponseCode());
        assertEquals(processingType.Finished, r.EVSEProcessing());
        assertEquals("WaitServiceDiscovery", s.stateName());
    }

    @Test
    void eimPendingAnswersOngoingUntilDecided() {
        setup();
        authSetup();
        charge.decision = EimDecision.PENDING;
        for (int i = 0; i < 3; i++) {
            advance(Duration.ofSeconds(10));
            var r = (AuthorizationResType) res(s.handle(eim()));
            assertEquals(processingType.Ongoing_WaitingForCustomerInteraction, r.EVSEProcessing());
        }
        charge.decision = EimDecision.ACCEPTED;
        var r = (AuthorizationResType) res(s.handle(eim()));
        assertEquals(processingType.Finished, r.EVSEProcessing());
        assertTrue(charge.powered);
    }

    @Test
    void eimOngoingCapOf180s() {
        setup();
        authSetup();
        charge.decision = EimDecision.PENDING;
        s.handle(eim());
        for (int i = 0; i < 17; i++) {
            advance(Duration.ofSeconds(10));
            assertEquals(processingType.Ongoing_WaitingForCustomerInteraction, ((AuthorizationResType) res(s.handle(eim()))).EVSEProcessing());
        }
        advance(Duration.ofSeconds(9));
        assertFalse(s.ended());
        s.handle(eim()); // 179 s
        advance(Duration.ofSeconds(1));
        assertEndedWith(s.handle(eim()), responseCodeType.FAILED);
    }

    @Test
    void eimRejectedEndsSession() {
        setup();
        authSetup();
        charge.decision = EimDecision.REJECTED;
        var o = s.handle(eim());
        assertEquals(responseCodeType.WARNING_EIMAuthorizationFailure, codeOf(res(o)));
        assertTrue(s.ended());
        assertFalse(charge.powered);
    }

    @Test
    void pncRequestRefusedCleanlyThenEimAccepted() {
        setup();
        authSetup();
        var pnc = new AuthorizationReqType(h(), authorizationType.PnC,
                new AuthorizationReqType.AReqAuthorizationMode.PnC_AReqAuthorizationMode(new org.secc.exi.iso20.common.PnC_AReqAuthorizationModeType(
                        "id1", new byte[16], new org.secc.exi.iso20.common.ContractCertificateChainType(new byte[] {0x30},
                                new org.secc.exi.iso20.common.SubCertificatesType(List.of(new byte[] {0x30}))))));
        var r = (AuthorizationResType) res(s.handle(pnc));
        assertEquals(responseCodeType.WARNING_AuthorizationSelectionInvalid, r.ResponseCode());
        assertFalse(s.ended());
        assertEquals(responseCodeType.OK, ((AuthorizationResType) res(s.handle(eim()))).ResponseCode());
    }

    @Test
    void waitAuthorizationAcceptsSessionStopBeforeOngoing() {
        setup();
        authSetup();
        var o = s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null));
        assertEquals(responseCodeType.OK, codeOf(res(o)));
    }

    @Test
    void waitAuthorizationOngoingRejectsSessionStop() {
        setup();
        authSetup();
        charge.decision = EimDecision.PENDING;
        s.handle(eim());
        assertEndedWith(s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null)), responseCodeType.FAILED_SequenceError);
    }

    @Test
    void waitAuthorizationRejectsAuthorizationSetup() {
        setup();
        authSetup();
        assertEndedWith(s.handle(new AuthorizationSetupReqType(h())), responseCodeType.FAILED_SequenceError);
    }

    @Test
    void waitAuthorizationSequenceTimeout() {
        setup();
        authSetup();
        advance(Duration.ofSeconds(60));
        assertFalse(s.tick().isEmpty());
        assertFalse(charge.powered);
    }

    // --- WaitServiceDiscovery (only SessionStop so far)
    @Test
    void pauseBeforeServiceSelectionEndsTheSession() {
        // Nothing to resume yet: a resume continues at the charge parameter discovery with the
        // selected service ([V2G20-1032]), so a pause this early is an end.
        setup();
        authSetup();
        s.handle(eim());
        var o = s.handle(new SessionStopReqType(h(), chargingSessionType.Pause, null, null));
        assertEquals(responseCodeType.OK, codeOf(res(o)));
        assertTrue(o.actions().stream().anyMatch(a -> a instanceof Action.SessionEnded));
        assertTrue(o.actions().stream().noneMatch(a -> a instanceof Action.SessionPaused));
        assertFalse(charge.powered);
    }

    @Test
    void serviceRenegotiationRefusedBeforeDiscovery() {
        setup();
        authSetup();
        s.handle(eim());
        var o = s.handle(new SessionStopReqType(h(), chargingSessionType.ServiceRenegotiation, null, null));
        assertEndedWith(o, responseCodeType.FAILED_NoServiceRenegotiationSupported);
    }

    @Test
    void unimplementedRequestClosesWithoutResponse() {
        setup();
        authSetup();
        s.handle(eim());
        s.handle(new ServiceDiscoveryReqType(h(), null));
        s.handle(new ServiceSelectionReqType(h(), new SelectedServiceType(6, 1), null));
        s.handle(bptCpd());
        s.handle(scheduled());
        s.handle(new DC_CableCheckReqType(h()));
        s.handle(preCharge(processingType.Finished, 400));
        assertEquals("WaitPowerDelivery", s.stateName());
        var o = s.handle(new NotYetAnswered(h()));
        assertTrue(o.response().isEmpty());
        assertTrue(s.ended());
        assertFalse(charge.powered);
        assertTrue(o.actions().contains(new Action.CloseConnection(Duration.ZERO)));
    }

    private void authorized() {
        setup();
        authSetup();
        s.handle(eim());
    }

    @Test
    void serviceDiscoveryOffersConfiguredServices() {
        authorized();
        var r = (org.secc.exi.iso20.common.ServiceDiscoveryResType) res(s.handle(new ServiceDiscoveryReqType(h(), null)));
        assertEquals(responseCodeType.OK, r.ResponseCode());
        assertFalse(r.ServiceRenegotiationSupported());
        assertEquals(List.of(6, 2), r.EnergyTransferServiceList().Service().stream().map(x -> x.ServiceID()).toList());
        assertNull(r.VASList());
        assertEquals("WaitServiceDetail", s.stateName());
    }

    @Test
    void serviceDiscoveryIntersectsSupportedServiceIds() {
        authorized();
        var r = (org.secc.exi.iso20.common.ServiceDiscoveryResType) res(s.handle(new ServiceDiscoveryReqType(h(),
                new org.secc.exi.iso20.common.ServiceIDListType(List.of(2, 1)))));
        assertEquals(List.of(2), r.EnergyTransferServiceList().Service().stream().map(x -> x.ServiceID()).toList());
    }

    @Test
    void serviceDiscoveryEmptyIntersectionStillSchemaValid() {
        authorized();
        var r = (org.secc.exi.iso20.common.ServiceDiscoveryResType) res(s.handle(new ServiceDiscoveryReqType(h(),
                new org.secc.exi.iso20.common.ServiceIDListType(List.of(1)))));
        assertEquals(2, r.EnergyTransferServiceList().Service().size());
    }

    @Test
    void waitServiceDiscoveryRejectsAuthorization() {
        authorized();
        var o = s.handle(eim());
        assertInstanceOf(AuthorizationResType.class, res(o));
        assertEndedWith(o, responseCodeType.FAILED_SequenceError);
    }

    @Test
    void waitServiceDiscoverySequenceTimeout() {
        authorized();
        advance(Duration.ofSeconds(60));
        assertFalse(s.tick().isEmpty());
        assertFalse(charge.powered);
    }

    @Test
    void waitServiceDetailRejectsServiceDiscoveryAsSequenceError() {
        authorized();
        s.handle(new ServiceDiscoveryReqType(h(), null));
        var o = s.handle(new ServiceDiscoveryReqType(h(), null));
        assertInstanceOf(org.secc.exi.iso20.common.ServiceDiscoveryResType.class, res(o));
        assertEndedWith(o, responseCodeType.FAILED_SequenceError);
    }

    @Test
    void waitServiceDetailAcceptsSessionStop() {
        authorized();
        s.handle(new ServiceDiscoveryReqType(h(), null));
        assertEquals(responseCodeType.OK, codeOf(res(s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null)))));
    }

    private void discovered() {
        authorized();
        s.handle(new ServiceDiscoveryReqType(h(), null));
    }

    private static java.util.Map<String, Integer> params(ParameterSetType p) {
        var m = new java.util.LinkedHashMap<String, Integer>();
        p.Parameter().forEach(x -> m.put(x.Name(), ((ParameterType.Choice.intValue) x.Choice()).value()));
        return m;
    }

    @Test
    void serviceDetailDcBptHasBptParametersAndNoNominalVoltage() {
        discovered();
        var r = (ServiceDetailResType) res(s.handle(new ServiceDetailReqType(h(), 6)));
        assertEquals(responseCodeType.OK, r.ResponseCode());
        assertEquals(6, r.ServiceID());
        var sets = r.ServiceParameterList().ParameterSet();
        assertEquals(2, sets.size());
        var scheduled = params(sets.get(0));
        assertEquals(java.util.Map.of("Connector", 2, "ControlMode", 1, "MobilityNeedsMode", 1, "Pricing", 0,
                "BPTChannel", 1, "GeneratorMode", 1), scheduled);
        assertEquals(2, params(sets.get(1)).get("ControlMode"));
        assertEquals(2, params(sets.get(1)).get("MobilityNeedsMode"));
        assertEquals("WaitServiceDetail", s.stateName());
    }

    @Test
    void serviceDetailDcHasNoBptParameters() {
        discovered();
        var r = (ServiceDetailResType) res(s.handle(new ServiceDetailReqType(h(), 2)));
        var p = params(r.ServiceParameterList().ParameterSet().get(0));
        assertFalse(p.containsKey("BPTChannel"));
        assertFalse(p.containsKey("EVSENominalVoltage"));
    }

    @Test
    void serviceDetailAcBptHasNominalVoltage() {
        s = new V2gSession(new SessionConfig("ZZ00000", Duration.ofSeconds(60), Duration.ofSeconds(180), Duration.ofSeconds(5),
                ServiceOffer.of(false, ServiceOffer.AC_BPT), false), charge, nanos::get, wall);
        discovered();
        var r = (ServiceDetailResType) res(s.handle(new ServiceDetailReqType(h(), 5)));
        var p = params(r.ServiceParameterList().ParameterSet().get(0));
        assertEquals(230, p.get("EVSENominalVoltage"));
        assertEquals(3, p.get("Connector"));
        assertEquals(1, p.get("GeneratorMode"));
    }

    @Test
    void serviceDetailForUnofferedIdFails() {
        discovered();
        var o = s.handle(new ServiceDetailReqType(h(), 1));
        assertEquals(responseCodeType.FAILED_ServiceIDInvalid, ((ServiceDetailResType) res(o)).ResponseCode());
        assertTrue(s.ended());
        assertFalse(charge.powered);
    }

    @Test
    void serviceDetailRepeatedThenSelection() {
        discovered();
        s.handle(new ServiceDetailReqType(h(), 6));
        s.handle(new ServiceDetailReqType(h(), 2));
        var r = (ServiceSelectionResType) res(s.handle(new ServiceSelectionReqType(h(), new SelectedServiceType(6, 2), null)));
        assertEquals(responseCodeType.OK, r.ResponseCode());
        assertEquals("WaitChargeParameterDiscovery", s.stateName());
    }

    @Test
    void selectionOfUnofferedServiceFails() {
        discovered();
        var o = s.handle(new ServiceSelectionReqType(h(), new SelectedServiceType(5, 1), null));
        assertEquals(responseCodeType.FAILED_NoEnergyTransferServiceSelected, ((ServiceSelectionResType) res(o)).ResponseCode());
        assertTrue(s.ended());
    }

    @Test
    void selectionWithBadParameterSetFails() {
        discovered();
        var o = s.handle(new ServiceSelectionReqType(h(), new SelectedServiceType(6, 9), null));
        assertEquals(responseCodeType.FAILED_ServiceSelectionInvalid, ((ServiceSelectionResType) res(o)).ResponseCode());
        assertFalse(charge.powered);
    }

    @Test
    void selectionWithVasFails() {
        discovered();
        var o = s.handle(new ServiceSelectionReqType(h(), new SelectedServiceType(6, 1),
                new org.secc.exi.iso20.common.SelectedServiceListType(List.of(new SelectedServiceType(65, 1)))));
        assertEquals(responseCodeType.FAILED_ServiceSelectionInvalid, ((ServiceSelectionResType) res(o)).ResponseCode());
    }

    @Test
    void waitChargeParameterDiscoveryRejectsServiceSelection() {
        discovered();
        s.handle(new ServiceSelectionReqType(h(), new SelectedServiceType(6, 1), null));
        var o = s.handle(new ServiceSelectionReqType(h(), new SelectedServiceType(6, 1), null));
        assertEquals(responseCodeType.FAILED_SequenceError, ((ServiceSelectionResType) res(o)).ResponseCode());
        assertTrue(s.ended());
    }

    @Test
    void waitChargeParameterDiscoveryAcceptsSessionStopAndTimesOut() {
        discovered();
        s.handle(new ServiceSelectionReqType(h(), new SelectedServiceType(6, 1), null));
        assertEquals(responseCodeType.OK, codeOf(res(s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null)))));
        setUp();
        discovered();
        s.handle(new ServiceSelectionReqType(h(), new SelectedServiceType(6, 1), null));
        advance(Duration.ofSeconds(60));
        assertFalse(s.tick().isEmpty());
        assertFalse(charge.powered);
    }

    private static org.secc.exi.iso20.types.RationalNumberType rn(double x) {
        return RationalNumbers.of(x);
    }

    private DC_ChargeParameterDiscoveryReqType bptCpd() {
        return new DC_ChargeParameterDiscoveryReqType(h(), new DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup.BPT_DC_CPDReqEnergyTransferMode(
                new org.secc.exi.iso20.dc.BPT_DC_CPDReqEnergyTransferModeType(rn(100_000), rn(0), rn(250), rn(0), rn(450), rn(200), 80,
                        rn(-20_000), rn(0), rn(-50), rn(0))));
    }

    private DC_ChargeParameterDiscoveryReqType dcCpd() {
        return new DC_ChargeParameterDiscoveryReqType(h(), new DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup.DC_CPDReqEnergyTransferMode(
                new org.secc.exi.iso20.dc.DC_CPDReqEnergyTransferModeType(rn(100_000), rn(0), rn(250), rn(0), rn(450), rn(200), null)));
    }

    private void selected(int service) {
        discovered();
        assertEquals(responseCodeType.OK, ((ServiceSelectionResType) res(s.handle(new ServiceSelectionReqType(h(), new SelectedServiceType(service, 1), null)))).ResponseCode());
    }

    @Test
    void dcBptCpdAnswersBptElementWithPositiveDischargeLimitsByDefault() {
        selected(6);
        var r = (DC_ChargeParameterDiscoveryResType) res(s.handle(bptCpd()));
        assertEquals(responseCodeType.OK, r.ResponseCode());
        var b = ((DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup.BPT_DC_CPDResEnergyTransferMode) r.DC_CPDResEnergyTransferModeGroup()).value();
        assertEquals(150_000, RationalNumbers.toDouble(b.EVSEMaximumChargePower()), 1e-6);
        assertEquals(920, RationalNumbers.toDouble(b.EVSEMaximumVoltage()), 1e-6);
        assertEquals(50_000, RationalNumbers.toDouble(b.EVSEMaximumDischargePower()), 1e-6);
        assertEquals(100, RationalNumbers.toDouble(b.EVSEMaximumDischargeCurrent()), 1e-6);
        assertEquals("WaitScheduleExchange", s.stateName());
    }

    @Test
    void negativeDischargeLimitSignConventionIsConfigurable() {
        s = new V2gSession(new SessionConfig("ZZ00000", Duration.ofSeconds(60), Duration.ofSeconds(180), Duration.ofSeconds(5),
                ServiceOffer.dcBidirectional(), true), charge, nanos::get, wall);
        selected(6);
        var r = (DC_ChargeParameterDiscoveryResType) res(s.handle(bptCpd()));
        var b = ((DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup.BPT_DC_CPDResEnergyTransferMode) r.DC_CPDResEnergyTransferModeGroup()).value();
        assertEquals(-50_000, RationalNumbers.toDouble(b.EVSEMaximumDischargePower()), 1e-6);
        assertEquals(-100, RationalNumbers.toDouble(b.EVSEMaximumDischargeCurrent()), 1e-6);
        assertEquals(150_000, RationalNumbers.toDouble(b.EVSEMaximumChargePower()), 1e-6);
    }

    @Test
    void dcCpdAnswersPlainDcElement() {
        selected(2);
        var r = (DC_ChargeParameterDiscoveryResType) res(s.handle(dcCpd()));
        assertEquals(responseCodeType.OK, r.ResponseCode());
        assertInstanceOf(DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup.DC_CPDResEnergyTransferMode.class, r.DC_CPDResEnergyTransferModeGroup());
    }

    @Test
    void plainDcCpdInBptSessionIsWrongChargeParameter() {
        selected(6);
        var o = s.handle(dcCpd());
        assertEquals(responseCodeType.FAILED_WrongChargeParameter, ((DC_ChargeParameterDiscoveryResType) res(o)).ResponseCode());
        assertTrue(s.ended());
        assertFalse(charge.powered);
    }

    @Test
    void bptCpdInDcSessionIsWrongChargeParameter() {
        selected(2);
        assertEquals(responseCodeType.FAILED_WrongChargeParameter, ((DC_ChargeParameterDiscoveryResType) res(s.handle(bptCpd()))).ResponseCode());
    }

    @Test
    void bptSessionWithoutDischargeCapabilityFails() {
        charge.dc = new org.secc.app.charge.DcLimits(150_000, 0, 300, 0, 920, 150, 0, 0, 0, 0);
        selected(6);
        assertEquals(responseCodeType.FAILED_WrongChargeParameter, ((DC_ChargeParameterDiscoveryResType) res(s.handle(bptCpd()))).ResponseCode());
    }

    @Test
    void waitScheduleExchangeRejectsSecondCpdAndAcceptsStop() {
        selected(6);
        s.handle(bptCpd());
        var o = s.handle(bptCpd());
        assertEquals(responseCodeType.FAILED_SequenceError, ((DC_ChargeParameterDiscoveryResType) res(o)).ResponseCode());
        assertFalse(charge.powered);
        setUp();
        selected(6);
        s.handle(bptCpd());
        assertEquals(responseCodeType.OK, codeOf(res(s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null)))));
    }

    @Test
    void cpdBeforeServiceSelectionIsSequenceError() {
        discovered();
        var o = s.handle(dcCpd());
        assertEquals(responseCodeType.FAILED_SequenceError, ((DC_ChargeParameterDiscoveryResType) res(o)).ResponseCode());
    }

    private ScheduleExchangeReqType scheduled() {
        return new ScheduleExchangeReqType(h(), 12, new ScheduleExchangeReqType.SEReqControlMode.Scheduled_SEReqControlMode(
                new org.secc.exi.iso20.common.Scheduled_SEReqControlModeType(3600L, rn(40_000), rn(60_000), rn(0), null)));
    }

    private ScheduleExchangeReqType dynamic() {
        return new ScheduleExchangeReqType(h(), 12, new ScheduleExchangeReqType.SEReqControlMode.Dynamic_SEReqControlMode(
                new org.secc.exi.iso20.common.Dynamic_SEReqControlModeType(3600L, 20, 80, rn(40_000), rn(60_000), rn(0), rn(20_000), rn(0))));
    }

    private void cpdDone(int service, int parameterSet) {
        discovered();
        s.handle(new ServiceSelectionReqType(h(), new SelectedServiceType(service, parameterSet), null));
        var r = (DC_ChargeParameterDiscoveryResType) res(s.handle(service == 6 ? bptCpd() : dcCpd()));
        assertEquals(responseCodeType.OK, r.ResponseCode());
    }

    @Test
    void scheduledBptHasChargeAndDischargeSchedules() {
        cpdDone(6, 1);
        var r = (ScheduleExchangeResType) res(s.handle(scheduled()));
        assertEquals(responseCodeType.OK, r.ResponseCode());
        assertEquals(processingType.Finished, r.EVSEProcessing());
        var tuples = ((ScheduleExchangeResType.SEResControlMode.Scheduled_SEResControlMode) r.SEResControlMode()).value().ScheduleTuple();
        assertEquals(1, tuples.size());
        var t = tuples.get(0);
        assertEquals(1, t.ScheduleTupleID());
        var ce = t.ChargingSchedule().PowerSchedule().PowerScheduleEntries().PowerScheduleEntry();
        assertTrue(ce.size() <= 12);
        assertEquals(150_000, RationalNumbers.toDouble(ce.get(0).Power()), 1e-6);
        assertEquals(1_700_000_000L, t.ChargingSchedule().PowerSchedule().TimeAnchor());
        var de = t.DischargingSchedule().PowerSchedule().PowerScheduleEntries().PowerScheduleEntry();
        assertEquals(50_000, RationalNumbers.toDouble(de.get(0).Power()), 1e-6);
        assertNull(t.ChargingSchedule().Schedule(), "no price schedule");
        assertEquals("WaitCableCheck", s.stateName());
    }

    @Test
    void scheduledDcHasNoDischargeSchedule() {
        cpdDone(2, 1);
        var r = (ScheduleExchangeResType) res(s.handle(scheduled()));
        var t = ((ScheduleExchangeResType.SEResControlMode.Scheduled_SEResControlMode) r.SEResControlMode()).value().ScheduleTuple().get(0);
        assertNull(t.DischargingSchedule());
    }

    @Test
    void dynamicAnswersDynamicElement() {
        cpdDone(6, 2);
        var r = (ScheduleExchangeResType) res(s.handle(dynamic()));
        assertEquals(responseCodeType.OK, r.ResponseCode());
        assertInstanceOf(ScheduleExchangeResType.SEResControlMode.Dynamic_SEResControlMode.class, r.SEResControlMode());
        assertEquals("WaitCableCheck", s.stateName());
    }

    @Test
    void controlModeMismatchFails() {
        cpdDone(6, 1);
        var o = s.handle(dynamic());
        assertEquals(responseCodeType.FAILED, ((ScheduleExchangeResType) res(o)).ResponseCode());
        assertTrue(s.ended());
        assertFalse(charge.powered);
    }

    @Test
    void scheduleExchangeBeforeCpdIsSequenceError() {
        discovered();
        s.handle(new ServiceSelectionReqType(h(), new SelectedServiceType(6, 1), null));
        assertEquals(responseCodeType.FAILED_SequenceError, ((ScheduleExchangeResType) res(s.handle(scheduled()))).ResponseCode());
    }

    @Test
    void waitCableCheckRejectsScheduleExchangeAcceptsStopAndTimesOut() {
        cpdDone(6, 1);
        s.handle(scheduled());
        assertEquals(responseCodeType.FAILED_SequenceError, ((ScheduleExchangeResType) res(s.handle(scheduled()))).ResponseCode());
        setUp();
        cpdDone(6, 1);
        s.handle(scheduled());
        assertEquals(responseCodeType.OK, codeOf(res(s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null)))));
        setUp();
        cpdDone(6, 1);
        s.handle(scheduled());
        advance(Duration.ofSeconds(60));
        assertFalse(s.tick().isEmpty());
        assertFalse(charge.powered);
    }

    @Test
    void waitScheduleExchangeTimesOut() {
        cpdDone(6, 1);
        advance(Duration.ofSeconds(59));
        assertTrue(s.tick().isEmpty());
        advance(Duration.ofSeconds(1));
        assertFalse(s.tick().isEmpty());
    }

    private DC_PreChargeReqType preCharge(processingType p, double target) {
        return new DC_PreChargeReqType(h(), p, rn(380), rn(target));
    }

    private void scheduledDone() {
        cpdDone(6, 1);
        s.handle(scheduled());
    }

    @Test
    void cableCheckTestVoltageFormula() {
        assertEquals(500, org.secc.app.session.state.WaitCableCheck.testVoltage(450, 920), 1e-9);
        assertEquals(450, org.secc.app.session.state.WaitCableCheck.testVoltage(400, 920), 1e-9);
        assertEquals(500, org.secc.app.session.state.WaitCableCheck.testVoltage(500, 920), 1e-9);
        assertEquals(880, org.secc.app.session.state.WaitCableCheck.testVoltage(800, 920), 1e-9);
        assertEquals(920, org.secc.app.session.state.WaitCableCheck.testVoltage(900, 920), 1e-9);
        assertEquals(420, org.secc.app.session.state.WaitCableCheck.testVoltage(400, 420), 1e-9);
    }

    @Test
    void cableCheckOngoingThenFinished() {
        scheduledDone();
        charge.isolation.add(org.secc.app.charge.ChargeControl.IsolationResult.ONGOING);
        charge.isolation.add(org.secc.app.charge.ChargeControl.IsolationResult.ONGOING);
        for (int i = 0; i < 2; i++) {
            var r = (DC_CableCheckResType) res(s.handle(new DC_CableCheckReqType(h())));
            assertEquals(processingType.Ongoing, r.EVSEProcessing());
            assertEquals("WaitCableCheck", s.stateName());
        }
        var r = (DC_CableCheckResType) res(s.handle(new DC_CableCheckReqType(h())));
        assertEquals(processingType.Finished, r.EVSEProcessing());
        assertEquals(responseCodeType.OK, r.ResponseCode());
        assertEquals(List.of(500.0, 500.0, 500.0), charge.cableCheckVoltages);
        assertEquals("WaitPreCharge", s.stateName());
    }

    @Test
    void cableCheckFaultEndsWithPowerOff() {
        scheduledDone();
        charge.isolation.add(org.secc.app.charge.ChargeControl.IsolationResult.FAULT);
        var o = s.handle(new DC_CableCheckReqType(h()));
        assertEquals(responseCodeType.FAILED, ((DC_CableCheckResType) res(o)).ResponseCode());
        assertTrue(s.ended());
        assertFalse(charge.powered);
    }

    @Test
    void waitCableCheckRejectsPreCharge() {
        scheduledDone();
        var o = s.handle(preCharge(processingType.Ongoing, 400));
        assertEquals(responseCodeType.FAILED_SequenceError, ((DC_PreChargeResType) res(o)).ResponseCode());
        assertFalse(charge.powered);
    }

    @Test
    void preChargeLoopsWhileOngoingThenOnlyPowerDelivery() {
        scheduledDone();
        s.handle(new DC_CableCheckReqType(h()));
        double last = 0;
        for (int i = 0; i < 4; i++) {
            var r = (DC_PreChargeResType) res(s.handle(preCharge(processingType.Ongoing, 400)));
            assertEquals(responseCodeType.OK, r.ResponseCode());
            double v = RationalNumbers.toDouble(r.EVSEPresentVoltage());
            assertTrue(v > last && v <= 400);
            last = v;
            assertEquals("WaitPreCharge", s.stateName());
        }
        s.handle(preCharge(processingType.Finished, 400));
        assertEquals("WaitPowerDelivery", s.stateName());
        var o = s.handle(preCharge(processingType.Ongoing, 400));
        assertEquals(responseCodeType.FAILED_SequenceError, ((DC_PreChargeResType) res(o)).ResponseCode());
    }

    @Test
    void preChargeAfterOngoingRejectsCableCheck() {
        scheduledDone();
        s.handle(new DC_CableCheckReqType(h()));
        s.handle(preCharge(processingType.Ongoing, 400));
        var o = s.handle(new DC_CableCheckReqType(h()));
        assertEquals(responseCodeType.FAILED_SequenceError, ((DC_CableCheckResType) res(o)).ResponseCode());
        assertFalse(charge.powered);
    }

    @Test
    void preChargeTargetAboveEvseMaximumFails() {
        scheduledDone();
        s.handle(new DC_CableCheckReqType(h()));
        var o = s.handle(preCharge(processingType.Ongoing, 1000));
        assertEquals(responseCodeType.FAILED, ((DC_PreChargeResType) res(o)).ResponseCode());
        assertFalse(charge.powered);
    }

    @Test
    void preChargeAndPowerDeliveryStatesAcceptStopAndTimeOut() {
        scheduledDone();
        s.handle(new DC_CableCheckReqType(h()));
        advance(Duration.ofSeconds(60));
        assertFalse(s.tick().isEmpty());
        assertFalse(charge.powered);
        setUp();
        scheduledDone();
        s.handle(new DC_CableCheckReqType(h()));
        s.handle(preCharge(processingType.Finished, 400));
        assertEquals(responseCodeType.OK, codeOf(res(s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null)))));
        assertFalse(charge.powered);
    }

    @Test
    void afterEndEveryRequestJustCloses() {
        setup();
        s.handle(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null));
        var o = s.handle(new AuthorizationSetupReqType(h()));
        assertTrue(o.response().isEmpty());
        assertTrue(s.tick().isEmpty());
    }

    @Test
    void connectionLostPowersOff() {
        setup();
        s.connectionLost();
        assertTrue(s.ended());
        assertFalse(charge.powered);
    }
}
