package org.secc.app.iso2;

import java.util.Optional;

import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.ServiceDiscoveryResType;
import org.secc.exi.iso2.types.responseCodeType;

/**
 * After SessionSetupRes: ServiceDiscoveryReq or SessionStopReq. ExternalPayment only (Plug &amp;
 * Charge not offered) and the charge service with the offered modes (DC_extended and/or the AC mode
 * of the stage's phases); no value-added services.
 */
final class WaitServiceDiscovery implements Iso2State {

    @Override
    public Optional<Iso2Step> handle(BodyElementGroup req, Iso2Context ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq s) {
            return Iso2Stops.stop(s.value(), ctx, false);
        }
        if (!(req instanceof BodyElementGroup.ServiceDiscoveryReq)) {
            return Optional.empty();
        }
        return Optional.of(Iso2Step.to(new BodyElementGroup.ServiceDiscoveryRes(new ServiceDiscoveryResType(responseCodeType.OK,
                Iso2Responses.paymentOptions(), Iso2Responses.chargeService(ctx), null)), new WaitPaymentServiceSelection()));
    }

    @Override
    public String name() {
        return "Iso2WaitServiceDiscovery";
    }
}
