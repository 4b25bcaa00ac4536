package org.secc.app.iso2;

import java.util.Optional;

import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.PaymentServiceSelectionReqType;
import org.secc.exi.iso2.body.PaymentServiceSelectionResType;
import org.secc.exi.iso2.types.paymentOptionType;
import org.secc.exi.iso2.types.responseCodeType;

/**
 * After ServiceDiscoveryRes: ServiceDetailReq, PaymentServiceSelectionReq or SessionStopReq.
 * ServiceDetail: no service has details here → FAILED_ServiceIDInvalid ([V2G2-464]). Contract (Plug
 * &amp; Charge) → FAILED_PaymentSelectionInvalid ([V2G2-465]); ServiceID 1 missing →
 * FAILED_NoChargeServiceSelected ([V2G2-804]); any other service → FAILED_ServiceSelectionInvalid ([V2G2-467]).
 */
final class WaitPaymentServiceSelection implements Iso2State {

    @Override
    public Optional<Iso2Step> handle(BodyElementGroup req, Iso2Context ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq s) {
            return Iso2Stops.stop(s.value(), ctx, false);
        }
        if (req instanceof BodyElementGroup.ServiceDetailReq sd) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_ServiceIDInvalid, "no details for ServiceID " + sd.value().ServiceID(), ctx);
        }
        if (!(req instanceof BodyElementGroup.PaymentServiceSelectionReq sel)) {
            return Optional.empty();
        }
        PaymentServiceSelectionReqType r = sel.value();
        if (r.SelectedPaymentOption() != paymentOptionType.ExternalPayment) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_PaymentSelectionInvalid, "payment option " + r.SelectedPaymentOption(), ctx);
        }
        var services = r.SelectedServiceList().SelectedService();
        if (services.stream().noneMatch(s -> s.ServiceID() == Iso2Context.CHARGE_SERVICE_ID)) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_NoChargeServiceSelected, "charge service not selected", ctx);
        }
        if (services.stream().anyMatch(s -> s.ServiceID() != Iso2Context.CHARGE_SERVICE_ID)) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_ServiceSelectionInvalid, "a service that was not offered", ctx);
        }
        return Optional.of(Iso2Step.to(new BodyElementGroup.PaymentServiceSelectionRes(new PaymentServiceSelectionResType(responseCodeType.OK)),
                new WaitAuthorization()));
    }

    @Override
    public String name() {
        return "Iso2WaitPaymentServiceSelection";
    }
}
