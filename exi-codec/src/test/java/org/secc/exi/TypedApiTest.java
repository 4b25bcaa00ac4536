package org.secc.exi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.secc.exi.iso20.common.SessionSetupReqType;
import org.secc.exi.iso20.dc.BPT_Dynamic_DC_CLReqControlModeType;
import org.secc.exi.iso20.dc.DC_ChargeLoopReqType;
import org.secc.exi.iso20.types.MessageHeaderType;
import org.secc.exi.iso20.types.RationalNumberType;
import org.secc.exi.iso20.types.V2GRequestType;

/** The typed API as the session uses it: records in, bytes out, and back. */
class TypedApiTest {
    static final MessageHeaderType HEADER = new MessageHeaderType(new byte[8], 1735689600L, null);

    @Test
    void sessionSetupReqMatchesTheVector() {
        SessionSetupReqType req = new SessionSetupReqType(HEADER, "WMIV1234567890ABC");
        byte[] exi = ExiCodec.of(SchemaKind.COMMON).encode(req);
        assertEquals(Vectors.resource("common__SessionSetupReq.exi.hex").trim(), HexFormat.of().formatHex(exi));
        SessionSetupReqType back = ExiCodec.of(SchemaKind.COMMON).decode(exi, SessionSetupReqType.class);
        assertEquals("WMIV1234567890ABC", back.EVCCID());
        V2GRequestType asRequest = back;
        assertEquals(1735689600L, asRequest.Header().TimeStamp());
    }

    @Test
    void controlModesAreSealedAlternatives() {
        RationalNumberType kw = new RationalNumberType(3, 30);
        var mode = new DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Dynamic_DC_CLReqControlMode(
                new BPT_Dynamic_DC_CLReqControlModeType(null, kw, kw, kw, kw, kw, kw, kw, kw, kw, kw, kw, null, null));
        DC_ChargeLoopReqType req = new DC_ChargeLoopReqType(HEADER, null, true, new RationalNumberType(0, 401), mode);
        ExiCodec dc = ExiCodec.of(SchemaKind.DC);
        DC_ChargeLoopReqType back = dc.decode(dc.encode(req), DC_ChargeLoopReqType.class);
        assertInstanceOf(DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Dynamic_DC_CLReqControlMode.class, back.CLReqControlModeGroup());
        assertEquals(req.CLReqControlModeGroup(), back.CLReqControlModeGroup());
    }

    @Test
    void facetViolationsAreRefusedOnEncode() {
        SessionSetupReqType tooLong = new SessionSetupReqType(HEADER, "X".repeat(300));
        assertThrows(ExiEncodeException.class, () -> ExiCodec.of(SchemaKind.COMMON).encode(tooLong));
        MessageHeaderType shortId = new MessageHeaderType(new byte[9], 0L, null);
        assertThrows(ExiEncodeException.class, () -> ExiCodec.of(SchemaKind.COMMON).encode(new SessionSetupReqType(shortId, "A")));
    }
}
