package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for AuthorizationRes; repeats AuthorizationReq while the SECC answers Ongoing, within the EV ongoing timeout. */
public final class WaitAuthorization implements EvState {

    @Override
    public Phase phase() {
        return Phase.AUTH;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        var res = (AuthorizationResType) c.check(msg, "AuthorizationRes");
        if (res == null) {
            return c.close("authorization failed");
        }
        if (res.EVSEProcessing() != processingType.Finished) {
            return c.ongoing(now, c::authRequest, "AuthorizationReq");
        }
        c.ongoingSince = -1;
        c.phase = Phase.SERVICE_DISCOVERY;
        return c.sendCommon(new ServiceDiscoveryReqType(c.header(c.sessionId), null), "ServiceDiscoveryReq", EvContext.MSG_TIMEOUT_MS);
    }
}
