package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for PowerDeliveryRes(Start); then the charge loop. */
public final class WaitPowerDeliveryStart implements EvState {

    @Override
    public Phase phase() {
        return Phase.POWER_DELIVERY_START;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        var res = (PowerDeliveryResType) c.check(msg, "PowerDeliveryRes");
        if (res == null) {
            return c.close("power delivery start failed");
        }
        c.phase = Phase.CHARGE_LOOP;
        if (c.loopStart < 0) {
            c.loopStart = now;
        }
        c.lastLoopAt = now;
        return c.sendLoop(0);
    }
}
