package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.ev.session.Fault;
import org.secc.exi.apphand.supportedAppProtocolRes;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for supportedAppProtocolRes; then SessionSetupReq (a new session, or the paused one's SessionID when resuming). */
public final class WaitSupportedAppProtocol implements EvState {

    @Override
    public Phase phase() {
        return Phase.SAP;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        var res = (supportedAppProtocolRes) msg;
        if (res.ResponseCode() == org.secc.exi.apphand.responseCodeType.Failed_NoNegotiation) {
            c.fail("SupportedAppProtocolRes Failed_NoNegotiation");
            return c.close("no protocol");
        }
        if (res.SchemaID() != null && res.SchemaID() != 1 && res.SchemaID() != 2) {
            c.fail("SupportedAppProtocolRes selected SchemaID " + res.SchemaID() + ", offered 1 and 2");
        }
        c.phase = Phase.SESSION_SETUP;
        if (c.cfg.fault() == Fault.MALFORMED_EXI) {
            return c.onTransportFault(); // the edge sends garbage instead of SessionSetupReq
        }
        byte[] id = c.resuming ? c.sessionId : new byte[8];
        return c.sendCommon(new SessionSetupReqType(c.header(id), c.cfg.evccId()), "SessionSetupReq", EvContext.MSG_TIMEOUT_MS);
    }
}
