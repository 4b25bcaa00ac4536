package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for PowerDeliveryRes(ScheduleRenegotiation); then a new ScheduleExchangeReq. */
public final class WaitRenegotiation implements EvState {

    @Override
    public Phase phase() {
        return Phase.RENEGOTIATE;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        if (c.check(msg, "PowerDeliveryRes") == null) {
            return c.stopFromLoop();
        }
        return c.sendScheduleExchange();
    }
}
