package org.secc.app.din;

import java.util.Optional;

import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.ServicePaymentSelectionReqType;
import org.secc.exi.din.body.ServicePaymentSelectionResType;
import org.secc.exi.din.types.paymentOptionType;
import org.secc.exi.din.types.responseCodeType;

/**
 * After ServiceDiscoveryRes: ServicePaymentSelectionReq or SessionStopReq ([V2G-DC-444]). Anything
 * but ExternalPayment is FAILED_PaymentSelectionInvalid ([V2G-DC-395]); the selected services must be
 * exactly the charge service, else FAILED_ServiceSelectionInvalid ([V2G-DC-396/635]).
 */
final class WaitServicePaymentSelection implements DinState {

    @Override
    public Optional<DinStep> handle(BodyElementGroup req, DinContext ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq) {
            return DinStops.stop(ctx);
        }
        if (!(req instanceof BodyElementGroup.ServicePaymentSelectionReq sel)) {
            return Optional.empty();
        }
        ServicePaymentSelectionReqType r = sel.value();
        if (r.SelectedPaymentOption() != paymentOptionType.ExternalPayment) {
            return DinStops.failed(req, responseCodeType.FAILED_PaymentSelectionInvalid, "payment option " + r.SelectedPaymentOption(), ctx);
        }
        var services = r.SelectedServiceList().SelectedService();
        if (services.size() != 1 || services.get(0).ServiceID() != DinContext.CHARGE_SERVICE_ID) {
            return DinStops.failed(req, responseCodeType.FAILED_ServiceSelectionInvalid, "selected services " + services.size()
                    + (services.isEmpty() ? "" : ", first ServiceID " + services.get(0).ServiceID()), ctx);
        }
        return Optional.of(DinStep.to(new BodyElementGroup.ServicePaymentSelectionRes(new ServicePaymentSelectionResType(responseCodeType.OK)),
                new WaitContractAuthentication()));
    }

    @Override
    public String name() {
        return "DinWaitServicePaymentSelection";
    }
}
