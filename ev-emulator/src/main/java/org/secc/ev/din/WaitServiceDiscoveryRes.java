package org.secc.ev.din;

import java.util.List;

import org.secc.ev.session.Action;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.ServicePaymentSelectionReqType;
import org.secc.exi.din.types.SelectedServiceListType;
import org.secc.exi.din.types.SelectedServiceType;
import org.secc.exi.din.types.paymentOptionType;

/**
 * Waits for ServiceDiscoveryRes: needs ExternalPayment and echoes the offered ServiceID (a Tellus
 * charger offered 4660; an EV that hard-coded 1 failed, AcCCS issue 87).
 */
final class WaitServiceDiscoveryRes implements DinEvState {

    @Override
    public Action onResponse(BodyElementGroup res, DinEvSession ev, long now) {
        var r = ((BodyElementGroup.ServiceDiscoveryRes) res).value();
        if (!r.PaymentOptions().PaymentOption().contains(paymentOptionType.ExternalPayment)) {
            ev.fail("ServiceDiscoveryRes offers no ExternalPayment: " + r.PaymentOptions().PaymentOption());
            return ev.close("no ExternalPayment");
        }
        ev.serviceId = r.ChargeService().ServiceTag().ServiceID();
        return ev.send(new BodyElementGroup.ServicePaymentSelectionReq(new ServicePaymentSelectionReqType(paymentOptionType.ExternalPayment,
                new SelectedServiceListType(List.of(new SelectedServiceType(ev.serviceId, null))))), new WaitPaymentSelectionRes(),
                DinEvSession.MSG_TIMEOUT_MS, 0);
    }

    @Override
    public String expects() {
        return "ServiceDiscoveryRes";
    }

    @Override
    public String phase() {
        return "ServiceDiscovery";
    }
}
