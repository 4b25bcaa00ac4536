package org.secc.ev.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secc.ev.battery.Battery;
import org.secc.exi.apphand.responseCodeType;
import org.secc.exi.apphand.supportedAppProtocolReq;
import org.secc.exi.apphand.supportedAppProtocolRes;
import org.secc.exi.iso20.common.AuthorizationSetupReqType;
import org.secc.exi.iso20.common.AuthorizationSetupResType;
import org.secc.exi.iso20.common.EIM_ASResAuthorizationModeType;
import org.secc.exi.iso20.common.SessionSetupReqType;
import org.secc.exi.iso20.common.SessionSetupResType;
import org.secc.exi.iso20.common.authorizationType;
import org.secc.exi.iso20.types.MessageHeaderType;

/** The client session driven directly with typed records and a fake clock. */
class EvSessionTest {
    private long now = 1_000_000;
    private final EvSession s = new EvSession(EvConfig.defaults(Service.DC_BPT, ControlMode.DYNAMIC), Battery.typical(50), () -> now,
            (b, t) -> Decision.STOP);
    private static final byte[] ID = {9, 8, 7, 6, 5, 4, 3, 2};

    private Action.Send toSessionSetup() {
        Action.Send sap = (Action.Send) s.start();
        var req = (supportedAppProtocolReq) sap.out().message();
        assertEquals("urn:iso:std:iso:15118:-20:DC", req.AppProtocol().get(0).ProtocolNamespace());
        assertEquals(Outgoing.SAP, sap.out().payloadType());
        assertEquals(now + 2000, sap.deadlineMs());
        return (Action.Send) s.onResponse(new supportedAppProtocolRes(responseCodeType.OK_SuccessfulNegotiation, 1));
    }

    @Test
    void sessionSetupCarriesZeroSessionIdThenUsesTheSeccs() {
        Action.Send setup = toSessionSetup();
        var req = (SessionSetupReqType) setup.out().message();
        assertArrayEquals(new byte[8], req.Header().SessionID());
        Action.Send next = (Action.Send) s.onResponse(new SessionSetupResType(new MessageHeaderType(ID, 0, null),
                org.secc.exi.iso20.types.responseCodeType.OK_NewSessionEstablished, "ZZ00000"));
        var auth = (AuthorizationSetupReqType) next.out().message();
        assertArrayEquals(ID, auth.Header().SessionID());
        assertEquals(Outgoing.COMMON, next.out().payloadType());
    }

    @Test
    void foreignSessionIdInAResponseIsAFailedExpectation() {
        toSessionSetup();
        s.onResponse(new SessionSetupResType(new MessageHeaderType(ID, 0, null),
                org.secc.exi.iso20.types.responseCodeType.OK_NewSessionEstablished, "ZZ00000"));
        s.onResponse(new AuthorizationSetupResType(new MessageHeaderType(new byte[8], 0, null), org.secc.exi.iso20.types.responseCodeType.OK,
                List.of(authorizationType.EIM), false,
                new AuthorizationSetupResType.ASResAuthorizationMode.EIM_ASResAuthorizationMode(new EIM_ASResAuthorizationModeType())));
        assertTrue(s.failures().contains("AuthorizationSetupRes carries a different SessionID"), s.failures().toString());
    }

    @Test
    void failedResponseCodeEndsTheSession() {
        toSessionSetup();
        Action a = s.onResponse(new SessionSetupResType(new MessageHeaderType(ID, 0, null),
                org.secc.exi.iso20.types.responseCodeType.FAILED, "ZZ00000"));
        assertInstanceOf(Action.Close.class, a);
        assertEquals(org.secc.ev.session.state.Phase.DONE, s.phase());
        assertTrue(s.failures().contains("SessionSetupRes FAILED"));
    }

    @Test
    void lateResponseIsAFailedExpectation() {
        s.start();
        now += 2001; // V2G_EVCC_Msg_Timeout 2 s
        s.onResponse(new supportedAppProtocolRes(responseCodeType.OK_SuccessfulNegotiation, 1));
        assertTrue(s.failures().get(0).contains("after its deadline"), s.failures().toString());
    }

    @Test
    void responseJustInTimeIsFine() {
        s.start();
        now += 2000;
        s.onResponse(new supportedAppProtocolRes(responseCodeType.OK_SuccessfulNegotiation, 1));
        assertEquals(List.of(), s.failures());
    }

    @Test
    void noNegotiationEndsTheSession() {
        s.start();
        assertInstanceOf(Action.Close.class, s.onResponse(new supportedAppProtocolRes(responseCodeType.Failed_NoNegotiation, null)));
        assertEquals(1, s.failures().size());
    }

    @Test
    void wrongMessageTypeIsAFailedExpectation() {
        toSessionSetup();
        assertInstanceOf(Action.Close.class, s.onResponse(new supportedAppProtocolRes(responseCodeType.OK_SuccessfulNegotiation, 1)));
        assertEquals(1, s.failures().size());
    }

    @Test
    void timeoutScaleStretchesEveryResponseDeadline() {
        EvSession slow = new EvSession(EvConfig.defaults(Service.DC_BPT, ControlMode.DYNAMIC), Battery.typical(50), () -> now,
                (b, t) -> Decision.STOP, 4);
        Action.Send sap = (Action.Send) slow.start();
        assertEquals(now + 4 * 2000, sap.deadlineMs(), "V2G_EVCC_Msg_Timeout 2 s, times 4");
        now += 7_000; // late for the standard's 2 s, in time for 8 s
        Action.Send setup = (Action.Send) slow.onResponse(new supportedAppProtocolRes(responseCodeType.OK_SuccessfulNegotiation, 1));
        assertTrue(slow.failures().isEmpty(), slow.failures().toString());
        assertEquals(now + 8000, setup.deadlineMs());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new EvSession(
                EvConfig.defaults(Service.DC_BPT, ControlMode.DYNAMIC), Battery.typical(50), () -> now, (b, t) -> Decision.STOP, 0));
    }

    @Test
    void timeoutEndsTheSession() {
        s.start();
        assertInstanceOf(Action.Close.class, s.onTimeout());
        assertTrue(s.failures().get(0).contains("no response in SAP"));
    }
}
