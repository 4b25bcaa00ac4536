package org.secc.ev.din;

import org.secc.ev.session.Action;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.ServiceDiscoveryReqType;
import org.secc.exi.din.types.responseCodeType;

/** Waits for SessionSetupRes: adopts the charger's SessionID of any length 1–8 bytes (chargers send 1 to 8). */
final class WaitSessionSetupRes implements DinEvState {

    @Override
    public Action onResponse(BodyElementGroup res, DinEvSession ev, long now) {
        var r = ((BodyElementGroup.SessionSetupRes) res).value();
        if (r.ResponseCode() != responseCodeType.OK_NewSessionEstablished) {
            ev.fail("SessionSetupRes " + r.ResponseCode() + " (DIN always starts a new session)");
        }
        // the header carries the new SessionID
        ev.adoptSessionId();
        Action fault = ev.faultAfterSessionSetup();
        if (fault != null) {
            return fault;
        }
        return ev.send(new BodyElementGroup.ServiceDiscoveryReq(new ServiceDiscoveryReqType(null, null)), new WaitServiceDiscoveryRes(),
                DinEvSession.MSG_TIMEOUT_MS, 0);
    }

    @Override
    public boolean assignsSessionId() {
        return true;
    }

    @Override
    public String expects() {
        return "SessionSetupRes";
    }

    @Override
    public String phase() {
        return "SessionSetup";
    }
}
