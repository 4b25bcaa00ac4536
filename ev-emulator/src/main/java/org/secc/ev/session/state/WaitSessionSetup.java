package org.secc.ev.session.state;

import java.util.Arrays;
import org.secc.ev.session.Action;
import org.secc.ev.session.Fault;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for SessionSetupRes: a new SessionID, or OK_OldSessionJoined when resuming; then AuthorizationSetupReq (or a scripted fault). */
public final class WaitSessionSetup implements EvState {

    @Override
    public Phase phase() {
        return Phase.SESSION_SETUP;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        var res = (SessionSetupResType) msg;
        if (c.resuming) {
            c.resuming = false;
            if (res.ResponseCode() != responseCodeType.OK_OldSessionJoined || !Arrays.equals(res.Header().SessionID(), c.sessionId)) {
                c.fail("resume: expected OK_OldSessionJoined with the old SessionID, got " + res.ResponseCode());
                return c.close("resume refused");
            }
            c.notes.add("resumed paused session");
            return c.sendCpd();
        }
        if (res.ResponseCode() != responseCodeType.OK_NewSessionEstablished) {
            c.fail("SessionSetupRes " + res.ResponseCode());
            return c.close("session setup failed");
        }
        c.sessionId = res.Header().SessionID().clone();
        if (c.sessionId.length != 8) {
            c.fail("SessionID has " + c.sessionId.length + " bytes, expected 8");
        }
        if (c.cfg.fault() == Fault.WRONG_SEQUENCE) {
            c.expectedFailure = responseCodeType.FAILED_SequenceError;
            c.phase = Phase.FAULT_PROBE;
            return c.sendCommon(c.powerDelivery(chargeProgressType.Start), "PowerDeliveryReq", EvContext.MSG_TIMEOUT_MS);
        }
        c.phase = Phase.AUTH_SETUP;
        byte[] id = c.sessionId;
        if (c.cfg.fault() == Fault.UNKNOWN_SESSION) {
            id = c.sessionId.clone();
            id[0] ^= (byte) 0xFF;
            c.expectedFailure = responseCodeType.FAILED_UnknownSession;
            c.phase = Phase.FAULT_PROBE;
        }
        return c.sendCommon(new AuthorizationSetupReqType(c.header(id)), "AuthorizationSetupReq", EvContext.MSG_TIMEOUT_MS);
    }
}
