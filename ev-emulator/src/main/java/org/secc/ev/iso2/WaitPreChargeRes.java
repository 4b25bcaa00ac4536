package org.secc.ev.iso2;

import org.secc.ev.session.Action;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.PowerDeliveryReqType;
import org.secc.exi.iso2.body.PreChargeReqType;
import org.secc.exi.iso2.types.chargeProgressType;
import org.secc.exi.iso2.types.unitSymbolType;

/** DC: precharges to the battery voltage at 2 A until within 10 V (7 s), then PowerDeliveryReq(Start). */
final class WaitPreChargeRes implements Iso2EvState {

    static Action request(Iso2EvSession ev, long delayMs) {
        double target = ev.battery().voltage();
        if (ev.quirks.wrongFirstPrechargeTarget() && ev.precharges == 0) {
            target /= 2;
            ev.note("quirk: first PreChargeReq asks for " + Math.round(target) + " V");
        }
        ev.precharges++;
        return ev.send(new BodyElementGroup.PreChargeReq(new PreChargeReqType(ev.evStatus(), ev.pv(target, unitSymbolType.V),
                ev.pv(2, unitSymbolType.A))), new WaitPreChargeRes(), Iso2EvSession.MSG_TIMEOUT_MS, delayMs);
    }

    @Override
    public Action onResponse(BodyElementGroup res, Iso2EvSession ev, long now) {
        var r = ((BodyElementGroup.PreChargeRes) res).value();
        double v = Iso2EvSession.value(r.EVSEPresentVoltage());
        ev.sample(now, "PreCharge", v, 0);
        if (Math.abs(v - ev.battery().voltage()) > Iso2EvSession.PRECHARGE_DELTA_V) {
            if (now - ev.phaseStart > Iso2EvSession.PRECHARGE_TIMEOUT_MS) {
                ev.fail(String.format("precharge reached %.1f V of %.1f V in 7 s", v, ev.battery().voltage()));
                return ev.close("precharge timeout");
            }
            return request(ev, 50);
        }
        return ev.send(new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(chargeProgressType.Start, ev.tupleId, null, null)),
                new WaitPowerDeliveryRes(true), Iso2EvSession.POWER_DELIVERY_TIMEOUT_MS, 0);
    }

    @Override
    public String expects() {
        return "PreChargeRes";
    }

    @Override
    public String phase() {
        return "PreCharge";
    }
}
