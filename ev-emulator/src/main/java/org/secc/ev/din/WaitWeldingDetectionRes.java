package org.secc.ev.din;

import org.secc.ev.session.Action;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.SessionStopType;
import org.secc.exi.din.body.WeldingDetectionReqType;

/** Waits for WeldingDetectionRes: repeats until the charger's voltage is below 60 V (at most 20 times), then SessionStopReq. */
final class WaitWeldingDetectionRes implements DinEvState {

    @Override
    public Action onResponse(BodyElementGroup res, DinEvSession ev, long now) {
        var r = ((BodyElementGroup.WeldingDetectionRes) res).value();
        double v = DinEvSession.value(r.EVSEPresentVoltage());
        ev.sample(now, "WeldingDetection", v, 0);
        ev.weldings++;
        if (v >= DinEvSession.WELDING_DONE_V && ev.weldings < 20) {
            return ev.send(new BodyElementGroup.WeldingDetectionReq(new WeldingDetectionReqType(ev.evStatus())), new WaitWeldingDetectionRes(),
                    DinEvSession.MSG_TIMEOUT_MS, 100);
        }
        if (v >= DinEvSession.WELDING_DONE_V) {
            ev.note(String.format("welding detection: still %.0f V after 20 requests", v));
        }
        return ev.send(new BodyElementGroup.SessionStopReq(new SessionStopType()), new WaitSessionStopRes(), DinEvSession.MSG_TIMEOUT_MS, 0);
    }

    @Override
    public String expects() {
        return "WeldingDetectionRes";
    }

    @Override
    public String phase() {
        return "WeldingDetection";
    }
}
