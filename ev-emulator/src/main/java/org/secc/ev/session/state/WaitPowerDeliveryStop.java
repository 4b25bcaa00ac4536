package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for PowerDeliveryRes(Stop); then welding detection (DC) or SessionStopReq (AC). */
public final class WaitPowerDeliveryStop implements EvState {

    @Override
    public Phase phase() {
        return Phase.POWER_DELIVERY_STOP;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        if (c.check(msg, "PowerDeliveryRes") == null) {
            return c.close("power delivery stop failed");
        }
        if (!c.service.dc) { // AC: SessionStop follows PowerDelivery(Stop) ([V2G20-1623])
            return c.sendSessionStop();
        }
        c.phase = Phase.WELDING;
        c.weldings = 0;
        return c.sendDc(new DC_WeldingDetectionReqType(c.header(c.sessionId), processingType.Ongoing), "DC_WeldingDetectionReq", EvContext.MSG_TIMEOUT_MS, 0);
    }
}
