package org.secc.ev.iso2;

import org.secc.ev.session.Action;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.ChargingStatusReqType;
import org.secc.exi.iso2.types.EVSENotificationType;

/**
 * AC: the ChargingStatus loop every {@code loopPeriodMs} (deadline 2 s). The EV draws the smaller of
 * its own maximum and EVSEMaxCurrent (the live limit, with the PWM the car obeys, [V2G2-853]) on
 * every phase at the nominal voltage; ReceiptRequired must be present and false (EIM, [V2G2-691]).
 * Stops on the target SOC, the scenario's decision, or StopCharging.
 */
final class WaitChargingStatusRes implements Iso2EvState {

    static Action request(Iso2EvSession ev, long delayMs) {
        return ev.send(new BodyElementGroup.ChargingStatusReq(new ChargingStatusReqType()), new WaitChargingStatusRes(),
                Iso2EvSession.MSG_TIMEOUT_MS, delayMs);
    }

    @Override
    public Action onResponse(BodyElementGroup res, Iso2EvSession ev, long now) {
        var r = ((BodyElementGroup.ChargingStatusRes) res).value();
        if (!Boolean.FALSE.equals(r.ReceiptRequired())) {
            ev.fail("ChargingStatusRes ReceiptRequired " + r.ReceiptRequired() + " (EIM: present and false, [V2G2-691])");
        }
        if (r.EVSEMaxCurrent() != null) {
            ev.evseMaxCurrent = Iso2EvSession.value(r.EVSEMaxCurrent());
        }
        double perPhaseMax = Math.min(Iso2EvSession.AC_EV_MAX_A, ev.battery().maxChargePowerW() / (ev.phases * ev.nominalV));
        double a = Math.max(0, Math.min(perPhaseMax, ev.evseMaxCurrent));
        if (a < Iso2EvSession.AC_EV_MIN_A) {
            a = 0; // an on-board charger does not run below its minimum current
        }
        double p = a * ev.phases * ev.nominalV;
        if (ev.lastLoopAt >= 0) {
            ev.battery().integratePower(p, (now - ev.lastLoopAt) / 1000.0);
        }
        ev.lastLoopAt = now;
        ev.sample(now, "ChargingStatus", ev.nominalV, a * ev.phases);
        String stop = LoopStop.reason(ev, r.AC_EVSEStatus().EVSENotification() == EVSENotificationType.StopCharging, "StopCharging", now);
        if (stop != null) {
            return LoopStop.powerDeliveryStop(ev, stop);
        }
        return request(ev, ev.config().loopPeriodMs());
    }

    @Override
    public boolean inChargeLoop() {
        return true;
    }

    @Override
    public String expects() {
        return "ChargingStatusRes";
    }

    @Override
    public String phase() {
        return "ChargingStatus";
    }
}
