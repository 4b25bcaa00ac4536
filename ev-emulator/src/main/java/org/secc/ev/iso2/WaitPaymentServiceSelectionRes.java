package org.secc.ev.iso2;

import org.secc.ev.session.Action;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;

/** Waits for PaymentServiceSelectionRes; then AuthorizationReq (EIM: empty). */
final class WaitPaymentServiceSelectionRes implements Iso2EvState {

    @Override
    public Action onResponse(BodyElementGroup res, Iso2EvSession ev, long now) {
        return WaitAuthorizationRes.request(ev, 0);
    }

    @Override
    public String expects() {
        return "PaymentServiceSelectionRes";
    }

    @Override
    public String phase() {
        return "PaymentServiceSelection";
    }
}
