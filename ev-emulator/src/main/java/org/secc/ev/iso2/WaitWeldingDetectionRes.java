package org.secc.ev.iso2;

import org.secc.ev.session.Action;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.WeldingDetectionReqType;

/** DC: WeldingDetectionReq until the voltage is below 60 V (at most 20), then SessionStop (Terminate or Pause). */
final class WaitWeldingDetectionRes implements Iso2EvState {

    @Override
    public Action onResponse(BodyElementGroup res, Iso2EvSession ev, long now) {
        var r = ((BodyElementGroup.WeldingDetectionRes) res).value();
        double v = Iso2EvSession.value(r.EVSEPresentVoltage());
        ev.sample(now, "WeldingDetection", v, 0);
        ev.weldings++;
        if (v >= Iso2EvSession.WELDING_DONE_V && ev.weldings < 20) {
            return ev.send(new BodyElementGroup.WeldingDetectionReq(new WeldingDetectionReqType(ev.evStatus())), new WaitWeldingDetectionRes(),
                    Iso2EvSession.MSG_TIMEOUT_MS, 100);
        }
        if (v >= Iso2EvSession.WELDING_DONE_V) {
            ev.note(String.format("welding detection: still %.0f V after 20 requests", v));
        }
        return WaitPowerDeliveryRes.sessionStop(ev);
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
