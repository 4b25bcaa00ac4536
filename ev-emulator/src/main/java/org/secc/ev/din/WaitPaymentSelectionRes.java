package org.secc.ev.din;

import org.secc.ev.session.Action;
import org.secc.exi.din.BodyType.BodyElementGroup;

/** Waits for ServicePaymentSelectionRes, then asks for (EIM) authorization. */
final class WaitPaymentSelectionRes implements DinEvState {

    @Override
    public Action onResponse(BodyElementGroup res, DinEvSession ev, long now) {
        return WaitContractAuthenticationRes.request(ev, 0);
    }

    @Override
    public String expects() {
        return "ServicePaymentSelectionRes";
    }

    @Override
    public String phase() {
        return "ServicePaymentSelection";
    }
}
