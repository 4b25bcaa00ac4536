package org.secc.ev.iso2;

import org.secc.ev.session.Action;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.SessionStopReqType;
import org.secc.exi.iso2.types.EVSEProcessingType;
import org.secc.exi.iso2.types.chargingSessionType;
import org.secc.exi.iso2.types.isolationLevelType;

/** DC: waits for CableCheckRes, repeated while Ongoing up to 40 s; Finished needs isolation Valid or Warning. */
final class WaitCableCheckRes implements Iso2EvState {

    static Action request(Iso2EvSession ev, long delayMs) {
        return ev.send(WaitChargeParameterRes.cableCheck(ev), new WaitCableCheckRes(), Iso2EvSession.MSG_TIMEOUT_MS, delayMs);
    }

    @Override
    public Action onResponse(BodyElementGroup res, Iso2EvSession ev, long now) {
        var r = ((BodyElementGroup.CableCheckRes) res).value();
        if (ev.quirks.sessionStopInCableCheck()) {
            ev.note("quirk: SessionStopReq during the cable check");
            return ev.send(new BodyElementGroup.SessionStopReq(new SessionStopReqType(chargingSessionType.Terminate)), new WaitSessionStopRes(),
                    Iso2EvSession.MSG_TIMEOUT_MS, 0);
        }
        if (ev.phaseStart < 0) {
            ev.phaseStart = now;
        }
        if (r.EVSEProcessing() != EVSEProcessingType.Finished) {
            if (now - ev.phaseStart > Iso2EvSession.CABLE_CHECK_TIMEOUT_MS) {
                ev.fail("cable check still Ongoing after 40 s");
                return ev.close("cable check timeout");
            }
            return request(ev, Iso2EvSession.ONGOING_RETRY_MS);
        }
        var iso = r.DC_EVSEStatus().EVSEIsolationStatus();
        if (iso != isolationLevelType.Valid && iso != isolationLevelType.Warning) {
            ev.fail("cable check Finished with isolation " + iso);
            return ev.close("isolation not valid");
        }
        ev.phaseStart = now;
        return WaitPreChargeRes.request(ev, 0);
    }

    @Override
    public String expects() {
        return "CableCheckRes";
    }

    @Override
    public String phase() {
        return "CableCheck";
    }
}
