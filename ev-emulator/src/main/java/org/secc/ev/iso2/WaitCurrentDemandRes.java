package org.secc.ev.iso2;

import org.secc.ev.session.Action;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.CurrentDemandReqType;
import org.secc.exi.iso2.types.DC_EVSEStatusCodeType;
import org.secc.exi.iso2.types.EVSENotificationType;
import org.secc.exi.iso2.types.unitSymbolType;

/**
 * DC: the CurrentDemand loop every {@code loopPeriodMs} (deadline 0.25 s); stops on the target SOC,
 * the scenario's decision, or the charger's StopCharging / EVSE_Shutdown.
 */
final class WaitCurrentDemandRes implements Iso2EvState {

    static Action request(Iso2EvSession ev, long delayMs) {
        var b = ev.battery();
        double targetI = Math.min(Math.min(b.maxChargeCurrentA(), ev.evseMaxCurrent), b.maxChargePowerW() / b.voltage());
        double targetV = Math.min(b.maxVoltage(), ev.evseMaxVoltage);
        return ev.send(new BodyElementGroup.CurrentDemandReq(new CurrentDemandReqType(ev.evStatus(), ev.pv(targetI, unitSymbolType.A),
                ev.pv(b.maxVoltage(), unitSymbolType.V), ev.pv(b.maxChargeCurrentA(), unitSymbolType.A), ev.pv(b.maxChargePowerW(),
                        unitSymbolType.W), b.soc() >= 80, false, null, null, ev.pv(targetV, unitSymbolType.V))), new WaitCurrentDemandRes(),
                ev.loopTimeoutMs, delayMs);
    }

    @Override
    public Action onResponse(BodyElementGroup res, Iso2EvSession ev, long now) {
        var r = ((BodyElementGroup.CurrentDemandRes) res).value();
        double v = Iso2EvSession.value(r.EVSEPresentVoltage());
        double i = Iso2EvSession.value(r.EVSEPresentCurrent());
        if (ev.lastLoopAt >= 0) {
            ev.battery().integrate(i, v, (now - ev.lastLoopAt) / 1000.0);
        }
        ev.lastLoopAt = now;
        ev.sample(now, "CurrentDemand", v, i);
        if (i < -0.5) {
            ev.fail(String.format("the charger reports %.1f A out of the EV in a -2 session (charge only)", i));
        }
        var st = r.DC_EVSEStatus();
        boolean chargerStop = st.EVSENotification() == EVSENotificationType.StopCharging || st.EVSEStatusCode() == DC_EVSEStatusCodeType.EVSE_Shutdown
                || st.EVSEStatusCode() == DC_EVSEStatusCodeType.EVSE_EmergencyShutdown;
        String stop = LoopStop.reason(ev, chargerStop, st.EVSENotification() + "/" + st.EVSEStatusCode(), now);
        if (stop != null) {
            return LoopStop.powerDeliveryStop(ev, stop);
        }
        ev.evseMaxCurrent = r.EVSEMaximumCurrentLimit() == null ? ev.evseMaxCurrent : Iso2EvSession.value(r.EVSEMaximumCurrentLimit());
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
