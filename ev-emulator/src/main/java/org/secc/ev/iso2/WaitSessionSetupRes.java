package org.secc.ev.iso2;

import org.secc.ev.session.Action;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.ServiceDiscoveryReqType;
import org.secc.exi.iso2.types.responseCodeType;

/** Waits for SessionSetupRes: a new session (OK_NewSessionEstablished) or, resuming, the old one (OK_OldSessionJoined). */
final class WaitSessionSetupRes implements Iso2EvState {

    @Override
    public Action onResponse(BodyElementGroup res, Iso2EvSession ev, long now) {
        var r = ((BodyElementGroup.SessionSetupRes) res).value();
        if (ev.resuming) {
            if (r.ResponseCode() != responseCodeType.OK_OldSessionJoined || !ev.sameSessionId()) {
                ev.fail("resume: SessionSetupRes " + r.ResponseCode() + " ([V2G2-571] expects OK_OldSessionJoined with the same SessionID)");
            } else {
                ev.note("resumed paused session");
            }
        } else if (r.ResponseCode() != responseCodeType.OK_NewSessionEstablished) {
            ev.fail("SessionSetupRes " + r.ResponseCode() + " for a new session");
        }
        // the header carries the SessionID; the EV adopts it whatever its length (1..8 bytes)
        ev.adoptSessionId();
        Action fault = ev.faultAfterSessionSetup();
        if (fault != null) {
            return fault;
        }
        return ev.send(new BodyElementGroup.ServiceDiscoveryReq(new ServiceDiscoveryReqType(null, null)), new WaitServiceDiscoveryRes(),
                Iso2EvSession.MSG_TIMEOUT_MS, 0);
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
