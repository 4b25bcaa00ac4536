package org.secc.ev.iso2;

import org.secc.ev.session.Action;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.SessionStopReqType;
import org.secc.exi.iso2.body.WeldingDetectionReqType;
import org.secc.exi.iso2.types.chargingSessionType;

/**
 * Waits for PowerDeliveryRes. Start: the charge loop (CurrentDemand DC, ChargingStatus AC). Stop: DC
 * welding detection; AC SessionStop (Terminate, or Pause when the scenario paused).
 */
final class WaitPowerDeliveryRes implements Iso2EvState {

    private final boolean start;

    WaitPowerDeliveryRes(boolean start) {
        this.start = start;
    }

    @Override
    public Action onResponse(BodyElementGroup res, Iso2EvSession ev, long now) {
        if (start) {
            ev.loopStart = now;
            ev.lastLoopAt = -1;
            return ev.ac ? WaitChargingStatusRes.request(ev, 0) : WaitCurrentDemandRes.request(ev, 0);
        }
        if (ev.ac) {
            return sessionStop(ev);
        }
        return ev.send(new BodyElementGroup.WeldingDetectionReq(new WeldingDetectionReqType(ev.evStatus())), new WaitWeldingDetectionRes(),
                Iso2EvSession.MSG_TIMEOUT_MS, 0);
    }

    static Action sessionStop(Iso2EvSession ev) {
        return ev.send(new BodyElementGroup.SessionStopReq(new SessionStopReqType(ev.pausing ? chargingSessionType.Pause
                : chargingSessionType.Terminate)), new WaitSessionStopRes(), Iso2EvSession.MSG_TIMEOUT_MS, 0);
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
