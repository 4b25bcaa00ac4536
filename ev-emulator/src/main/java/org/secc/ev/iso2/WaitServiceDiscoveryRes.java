package org.secc.ev.iso2;

import java.util.List;

import org.secc.ev.session.Action;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.PaymentServiceSelectionReqType;
import org.secc.exi.iso2.types.EnergyTransferModeType;
import org.secc.exi.iso2.types.SelectedServiceListType;
import org.secc.exi.iso2.types.SelectedServiceType;
import org.secc.exi.iso2.types.paymentOptionType;

/**
 * Waits for ServiceDiscoveryRes: ExternalPayment must be offered and the EV's energy transfer mode
 * (DC_extended, or an AC mode: three-phase preferred) supported; the offered ServiceID is echoed
 * (a charger may use another than 1, AcCCS issue 87).
 */
final class WaitServiceDiscoveryRes implements Iso2EvState {

    @Override
    public Action onResponse(BodyElementGroup res, Iso2EvSession ev, long now) {
        var r = ((BodyElementGroup.ServiceDiscoveryRes) res).value();
        if (!r.PaymentOptionList().PaymentOption().contains(paymentOptionType.ExternalPayment)) {
            ev.fail("ServiceDiscoveryRes offers no ExternalPayment: " + r.PaymentOptionList().PaymentOption());
            return ev.close("no ExternalPayment");
        }
        List<EnergyTransferModeType> modes = r.ChargeService().SupportedEnergyTransferMode().EnergyTransferMode();
        if (ev.ac) {
            if (modes.contains(EnergyTransferModeType.AC_three_phase_core)) {
                ev.phases = 3;
            } else if (modes.contains(EnergyTransferModeType.AC_single_phase_core)) {
                ev.phases = 1;
            } else {
                ev.fail("the charger offers no AC mode: " + modes);
                return ev.close("no AC");
            }
        } else if (!modes.contains(EnergyTransferModeType.DC_extended)) {
            ev.fail("the charger offers no DC_extended: " + modes);
            return ev.close("no DC");
        }
        ev.serviceId = r.ChargeService().ServiceID();
        return ev.send(new BodyElementGroup.PaymentServiceSelectionReq(new PaymentServiceSelectionReqType(paymentOptionType.ExternalPayment,
                new SelectedServiceListType(List.of(new SelectedServiceType(ev.serviceId, null))))), new WaitPaymentServiceSelectionRes(),
                Iso2EvSession.MSG_TIMEOUT_MS, 0);
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
