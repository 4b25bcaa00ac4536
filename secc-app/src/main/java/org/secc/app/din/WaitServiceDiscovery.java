package org.secc.app.din;

import java.util.Optional;

import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.ServiceDiscoveryResType;
import org.secc.exi.din.types.responseCodeType;

/**
 * After SessionSetupRes: ServiceDiscoveryReq or SessionStopReq ([V2G-DC-441]). The answer offers
 * ExternalPayment only ([V2G-DC-252]) and one charge service, ServiceID 1, DC_extended, no service
 * list ([V2G-DC-628/629]); the EV's ServiceScope/ServiceCategory filter cannot remove the charge service.
 */
final class WaitServiceDiscovery implements DinState {

    @Override
    public Optional<DinStep> handle(BodyElementGroup req, DinContext ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq) {
            return DinStops.stop(ctx);
        }
        if (!(req instanceof BodyElementGroup.ServiceDiscoveryReq)) {
            return Optional.empty();
        }
        return Optional.of(DinStep.to(new BodyElementGroup.ServiceDiscoveryRes(new ServiceDiscoveryResType(responseCodeType.OK,
                DinResponses.paymentOptions(), DinResponses.chargeService(), null)), new WaitServicePaymentSelection()));
    }

    @Override
    public String name() {
        return "DinWaitServiceDiscovery";
    }
}
