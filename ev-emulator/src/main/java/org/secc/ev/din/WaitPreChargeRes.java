package org.secc.ev.din;

import org.secc.ev.session.Action;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.PowerDeliveryReqType;
import org.secc.exi.din.body.PreChargeReqType;
import org.secc.exi.din.types.unitSymbolType;

/**
 * Waits for PreChargeRes: the EV asks for its battery voltage at ≤ 2 A and repeats until the
 * charger's voltage is within 10 V (V2G_EVCC_PreCharge_Timeout 7 s), then closes its contactors and
 * sends PowerDeliveryReq(ReadyToChargeState = true). The wrong-first-precharge-target quirk asks
 * for half the voltage the first time.
 */
final class WaitPreChargeRes implements DinEvState {

    static Action request(DinEvSession ev, long delayMs) {
        double target = ev.battery().voltage();
        if (ev.quirks.wrongFirstPrechargeTarget() && ev.precharges == 0) {
            target /= 2;
            ev.note("quirk: first PreChargeReq asks for " + Math.round(target) + " V");
        }
        ev.precharges++;
        return ev.send(new BodyElementGroup.PreChargeReq(new PreChargeReqType(ev.evStatus(), ev.pv(target, unitSymbolType.V),
                ev.pv(2, unitSymbolType.A))), new WaitPreChargeRes(), DinEvSession.MSG_TIMEOUT_MS, delayMs);
    }

    @Override
    public Action onResponse(BodyElementGroup res, DinEvSession ev, long now) {
        var r = ((BodyElementGroup.PreChargeRes) res).value();
        double v = DinEvSession.value(r.EVSEPresentVoltage());
        ev.sample(now, "PreCharge", v, 0);
        if (Math.abs(v - ev.battery().voltage()) > DinEvSession.PRECHARGE_DELTA_V) {
            if (now - ev.phaseStart > DinEvSession.PRECHARGE_TIMEOUT_MS) {
                ev.fail(String.format("precharge reached %.1f V of %.1f V in 7 s", v, ev.battery().voltage()));
                return ev.close("precharge timeout");
            }
            return request(ev, 50);
        }
        return ev.send(new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(true, null, null)), new WaitPowerDeliveryRes(true),
                DinEvSession.MSG_TIMEOUT_MS, 0);
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
