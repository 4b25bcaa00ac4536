package org.secc.ev.din;

import org.secc.ev.session.Action;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.WeldingDetectionReqType;

/** Waits for PowerDeliveryRes: after Start the CurrentDemand loop, after Stop the welding detection (pilot back to B). */
final class WaitPowerDeliveryRes implements DinEvState {

    private final boolean start;

    WaitPowerDeliveryRes(boolean start) {
        this.start = start;
    }

    @Override
    public Action onResponse(BodyElementGroup res, DinEvSession ev, long now) {
        if (start) {
            ev.loopStart = now;
            return WaitCurrentDemandRes.request(ev, 0);
        }
        return ev.send(new BodyElementGroup.WeldingDetectionReq(new WeldingDetectionReqType(ev.evStatus())), new WaitWeldingDetectionRes(),
                DinEvSession.MSG_TIMEOUT_MS, 0);
    }

    @Override
    public String expects() {
        return "PowerDeliveryRes";
    }

    @Override
    public String phase() {
        return start ? "PowerDeliveryStart" : "PowerDeliveryStop";
    }
}
