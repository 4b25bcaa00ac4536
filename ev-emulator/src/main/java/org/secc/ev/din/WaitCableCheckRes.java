package org.secc.ev.din;

import org.secc.ev.session.Action;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.SessionStopType;
import org.secc.exi.din.types.EVSEProcessingType;
import org.secc.exi.din.types.isolationLevelType;

/**
 * Waits for CableCheckRes: repeats while Ongoing (V2G_EVCC_CableCheck_Timeout 40 s); Finished needs
 * isolation Valid or Warning. With the session-stop-in-cable-check quirk the EV sends SessionStopReq
 * after the first answer, as some cars do.
 */
final class WaitCableCheckRes implements DinEvState {

    static Action request(DinEvSession ev, long delayMs) {
        return ev.send(WaitChargeParameterRes.cableCheck(ev), new WaitCableCheckRes(), DinEvSession.MSG_TIMEOUT_MS, delayMs);
    }

    @Override
    public Action onResponse(BodyElementGroup res, DinEvSession ev, long now) {
        var r = ((BodyElementGroup.CableCheckRes) res).value();
        if (ev.quirks.sessionStopInCableCheck()) {
            ev.note("quirk: SessionStopReq during the cable check");
            return ev.send(new BodyElementGroup.SessionStopReq(new SessionStopType()), new WaitSessionStopRes(), DinEvSession.MSG_TIMEOUT_MS, 0);
        }
        if (ev.phaseStart < 0) {
            ev.phaseStart = now;
        }
        if (r.EVSEProcessing() == EVSEProcessingType.Ongoing) {
            if (now - ev.phaseStart > DinEvSession.CABLE_CHECK_TIMEOUT_MS) {
                ev.fail("cable check still Ongoing after 40 s");
                return ev.close("cable check timeout");
            }
            return request(ev, DinEvSession.ONGOING_RETRY_MS);
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
