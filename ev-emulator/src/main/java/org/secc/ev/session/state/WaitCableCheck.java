package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for DC_CableCheckRes, repeating while Ongoing; then precharge. */
public final class WaitCableCheck implements EvState {

    @Override
    public Phase phase() {
        return Phase.CABLE_CHECK;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        var res = (DC_CableCheckResType) c.check(msg, "DC_CableCheckRes");
        if (res == null) {
            return c.close("cable check failed");
        }
        if (res.EVSEProcessing() != processingType.Finished) {
            return c.ongoing(now, () -> new DC_CableCheckReqType(c.header(c.sessionId)), "DC_CableCheckReq");
        }
        c.ongoingSince = -1;
        c.phase = Phase.PRE_CHARGE;
        c.precharges = 0;
        return c.sendPreCharge(processingType.Ongoing, 0);
    }
}
