package org.secc.ev.din;

import org.secc.ev.session.Action;
import org.secc.ev.session.Decision;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.CurrentDemandReqType;
import org.secc.exi.din.body.PowerDeliveryReqType;
import org.secc.exi.din.types.DC_EVSEStatusCodeType;
import org.secc.exi.din.types.unitSymbolType;

/**
 * The CurrentDemand loop: every {@code loopPeriodMs} the EV asks for the current its battery takes
 * (within the charger's maxima), integrates what the charger reports into the battery, and stops with
 * PowerDeliveryReq(false) when its target SOC is reached, the scenario says so, or the charger sends
 * EVSE_Shutdown (Hyundai: 250 ms later). DIN has no discharge and no pause: both end the charge.
 */
final class WaitCurrentDemandRes implements DinEvState {

    static Action request(DinEvSession ev, long delayMs) {
        var b = ev.battery();
        double targetI = Math.min(Math.min(b.maxChargeCurrentA(), ev.evseMaxCurrent), b.maxChargePowerW() / b.voltage());
        double targetV = Math.min(b.maxVoltage(), ev.evseMaxVoltage);
        return ev.send(new BodyElementGroup.CurrentDemandReq(new CurrentDemandReqType(ev.evStatus(), ev.pv(targetI, unitSymbolType.A),
                ev.pv(b.maxVoltage(), unitSymbolType.V), ev.pv(b.maxChargeCurrentA(), unitSymbolType.A), ev.pv(b.maxChargePowerW(), unitSymbolType.W),
                b.soc() >= 80, false, null, null, ev.pv(targetV, unitSymbolType.V))), new WaitCurrentDemandRes(), ev.loopTimeoutMs, delayMs);
    }

    @Override
    public Action onResponse(BodyElementGroup res, DinEvSession ev, long now) {
        var r = ((BodyElementGroup.CurrentDemandRes) res).value();
        double v = DinEvSession.value(r.EVSEPresentVoltage());
        double i = DinEvSession.value(r.EVSEPresentCurrent());
        if (ev.lastLoopAt >= 0) {
            ev.battery().integrate(i, v, (now - ev.lastLoopAt) / 1000.0);
        }
        ev.lastLoopAt = now;
        ev.sample(now, "CurrentDemand", v, i);
        if (i < -0.5) {
            ev.fail(String.format("the charger reports %.1f A out of the EV in a DIN session (charge only)", i));
        }
        String stop = null;
        if (r.DC_EVSEStatus().EVSEStatusCode() == DC_EVSEStatusCodeType.EVSE_Shutdown
                || r.DC_EVSEStatus().EVSEStatusCode() == DC_EVSEStatusCodeType.EVSE_EmergencyShutdown) {
            stop = "charger sent " + r.DC_EVSEStatus().EVSEStatusCode();
            ev.note("EVSE_Shutdown received");
        } else if (ev.battery().soc() >= ev.config().targetSoc()) {
            stop = "target SOC reached";
        } else {
            Decision d = ev.policy.decide(ev.battery(), now - ev.loopStart);
            if (d != Decision.CHARGE) {
                stop = "scenario: " + d;
            }
        }
        if (stop != null) {
            ev.stopBecause(stop);
            return ev.send(new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(false, null, null)), new WaitPowerDeliveryRes(false),
                    DinEvSession.MSG_TIMEOUT_MS, 0);
        }
        return request(ev, ev.config().loopPeriodMs());
    }

    @Override
    public boolean inChargeLoop() {
        return true;
    }

    @Override
    public String expects() {
        return "CurrentDemandRes";
    }

    @Override
    public String phase() {
        return "CurrentDemand";
    }
}
