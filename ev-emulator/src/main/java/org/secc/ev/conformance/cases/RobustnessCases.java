package org.secc.ev.conformance.cases;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.secc.ev.conformance.CaseContext;
import org.secc.ev.conformance.Conversation;
import org.secc.ev.conformance.Walk;
import org.secc.ev.conformance.Walk.Stage;
import org.secc.ev.session.ControlMode;
import org.secc.exi.iso20.common.AuthorizationSetupReqType;
import org.secc.exi.iso20.common.AuthorizationSetupResType;
import org.secc.exi.iso20.dc.DC_ChargeLoopResType;
import org.secc.exi.iso20.types.responseCodeType;

/**
 * Unknown SessionIDs, malformed EXI and bad V2GTP headers (facts sheet 2.1, 4.1): the charger answers
 * or closes as required, never hangs, and serves a clean session on the next connection.
 */
final class RobustnessCases {
    /** How long a charger may take to drop a connection after a bad frame. */
    static final long DROP_MS = 5000;

    private RobustnessCases() {
    }

    /** A fresh connection runs a valid prefix to AuthorizationSetup: the charger kept serving. */
    static void stillServes(CaseContext ctx) throws Exception {
        ctx.walkDc(ControlMode.DYNAMIC).to(Stage.AUTHORIZATION_SETUP).conversation().close();
    }

    static byte[] header(int version, int inverse, int payloadType, long length) {
        return ByteBuffer.allocate(8).put((byte) version).put((byte) inverse).putShort((short) payloadType).putInt((int) length).array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    /** After SAP, sends {@code bytes} instead of SessionSetupReq; the charger must close without answering OK, then serve again. */
    static void badFrame(CaseContext ctx, byte[] bytes, String what) throws Exception {
        Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.SAP);
        Conversation c = w.conversation();
        long t = ctx.nowMs();
        c.sendRaw(bytes, what);
        while (true) {
            var r = c.receive(t, DROP_MS);
            if (r instanceof Conversation.Received.Closed) {
                break;
            }
            if (r instanceof Conversation.Received.Nothing) {
                throw new org.secc.ev.conformance.CaseFailure("the charger kept the connection open " + DROP_MS + " ms after " + what);
            }
            if (r instanceof Conversation.Received.Message m && m.message() instanceof org.secc.exi.iso20.types.V2GResponseType v) {
                ctx.check(!v.ResponseCode().name().startsWith("OK"), "the charger answered " + what + " with " + v.ResponseCode());
            }
        }
        c.close();
        stillServes(ctx);
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> l = new ArrayList<>();
        l.add(ConformanceCase.of("ROB-01", "An unknown SessionID after SessionSetup: FAILED_UnknownSession")
                .req("[V2G20-460]")
                .stimulus("SAP, SessionSetup, then AuthorizationSetupReq with a SessionID the charger did not issue")
                .expect("AuthorizationSetupRes FAILED_UnknownSession; then the charger ends the session and serves a new one")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.SESSION_SETUP);
                    byte[] wrong = w.sessionId();
                    wrong[7] ^= 0x5A;
                    var r = w.send(new AuthorizationSetupReqType(Walk.header(wrong)), AuthorizationSetupResType.class);
                    ctx.checkEquals(responseCodeType.FAILED_UnknownSession, r.ResponseCode(), "AuthorizationSetupRes to an unknown SessionID");
                    w.conversation().close();
                    stillServes(ctx);
                }));
        l.add(ConformanceCase.of("ROB-02", "An unknown SessionID in the charge loop: FAILED_UnknownSession")
                .req("[V2G20-460]")
                .pre("a DC service")
                .stimulus("a DC session to the charge loop, then DC_ChargeLoopReq with another SessionID")
                .expect("DC_ChargeLoopRes FAILED_UnknownSession")
                .timing("within 0.5 s")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.CHARGE_LOOP);
                    byte[] right = w.sessionId();
                    byte[] wrong = right.clone();
                    wrong[0] ^= (byte) 0xFF;
                    w.sessionId(wrong);
                    Object req = w.chargeLoopRequest(true, false);
                    w.sessionId(right);
                    var r = w.conversation().exchange(req, DC_ChargeLoopResType.class, org.secc.ev.conformance.Settings.LOOP_LIMIT_MS);
                    ctx.checkEquals(responseCodeType.FAILED_UnknownSession, r.ResponseCode(), "DC_ChargeLoopRes to an unknown SessionID");
                }));
        l.add(ConformanceCase.of("ROB-03", "Malformed EXI behind a valid header: the connection is dropped, the charger serves on")
                .req("[V2G20-459]")
                .stimulus("after SAP: V2GTP 01 fe 8002 with 32 seeded random bytes (first byte 0x80) instead of SessionSetupReq")
                .expect("no OK answer; the connection closes within 5 s; a new connection gets a clean session")
                .timing("close within 5 s")
                .body(ctx -> {
                    byte[] junk = new byte[32];
                    ctx.random().nextBytes(junk);
                    junk[0] = (byte) 0x80;
                    junk[1] = (byte) 0xFF;
                    badFrame(ctx, concat(header(0x01, 0xFE, 0x8002, junk.length), junk), "32 bytes of malformed EXI");
                }));
        l.add(ConformanceCase.of("ROB-04", "A wrong V2GTP protocol version: the connection is dropped")
                .stimulus("after SAP: a frame with version 0x02, inverse 0xFD")
                .expect("the connection closes within 5 s; a new connection gets a clean session")
                .timing("close within 5 s")
                .body(ctx -> badFrame(ctx, concat(header(0x02, 0xFD, 0x8002, 4), new byte[] {(byte) 0x80, 0, 0, 0}), "V2GTP version 0x02")));
        l.add(ConformanceCase.of("ROB-05", "A wrong inverse protocol version: the connection is dropped")
                .stimulus("after SAP: a frame with version 0x01, inverse 0x00")
                .expect("the connection closes within 5 s; a new connection gets a clean session")
                .timing("close within 5 s")
                .body(ctx -> badFrame(ctx, concat(header(0x01, 0x00, 0x8002, 4), new byte[] {(byte) 0x80, 0, 0, 0}), "inverse version 0x00")));
        l.add(ConformanceCase.of("ROB-06", "A reserved payload type: the connection is dropped")
                .stimulus("after SAP: a frame with payload type 0x8007 (reserved)")
                .expect("the connection closes within 5 s; a new connection gets a clean session")
                .timing("close within 5 s")
                .body(ctx -> badFrame(ctx, concat(header(0x01, 0xFE, 0x8007, 4), new byte[] {(byte) 0x80, 0, 0, 0}), "payload type 0x8007")));
        l.add(ConformanceCase.of("ROB-07", "A payload length of 2 GiB: dropped at once, nothing waited for or allocated")
                .stimulus("after SAP: a header announcing 0x7fffffff payload bytes, then nothing")
                .expect("the connection closes within 5 s (not after a read timeout); a new connection gets a clean session")
                .timing("close within 5 s")
                .body(ctx -> badFrame(ctx, header(0x01, 0xFE, 0x8002, 0x7FFF_FFFFL), "length 0x7fffffff")));
        return l;
    }
}
