package org.secc.ev.iso2;

import org.secc.ev.session.Action;
import org.secc.exi.iso2.body.AuthorizationReqType;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.types.EVSEProcessingType;

/** Waits for AuthorizationRes; repeats while Ongoing (or Ongoing_WaitingForCustomerInteraction) up to 60 s. */
final class WaitAuthorizationRes implements Iso2EvState {

    static Action request(Iso2EvSession ev, long delayMs) {
        return ev.send(new BodyElementGroup.AuthorizationReq(new AuthorizationReqType(null, null)), new WaitAuthorizationRes(),
                Iso2EvSession.MSG_TIMEOUT_MS, delayMs);
    }

    @Override
    public Action onResponse(BodyElementGroup res, Iso2EvSession ev, long now) {
        var r = ((BodyElementGroup.AuthorizationRes) res).value();
        if (r.EVSEProcessing() != EVSEProcessingType.Finished) {
            if (ev.phaseStart < 0) {
                ev.phaseStart = now;
            } else if (now - ev.phaseStart > Iso2EvSession.ONGOING_TIMEOUT_MS) {
                ev.fail("authorization still " + r.EVSEProcessing() + " after 60 s");
                return ev.close("ongoing timeout");
            }
            return request(ev, Iso2EvSession.ONGOING_RETRY_MS);
        }
        ev.phaseStart = -1;
        return WaitChargeParameterRes.request(ev, 0);
    }

    @Override
    public String expects() {
        return "AuthorizationRes";
    }

    @Override
    public String phase() {
        return "Authorization";
    }
}
