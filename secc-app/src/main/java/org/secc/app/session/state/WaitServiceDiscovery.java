package org.secc.app.session.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.secc.exi.iso20.common.ServiceDiscoveryReqType;
import org.secc.exi.iso20.common.ServiceDiscoveryResType;
import org.secc.exi.iso20.common.ServiceListType;
import org.secc.exi.iso20.common.ServiceType;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.responseCodeType;

/**
 * After AuthorizationRes Finished + OK: ServiceDiscoveryReq or SessionStopReq. When the EV lists
 * SupportedServiceIDs only the intersection is offered (libiso). An empty intersection still needs
 * one entry in EnergyTransferServiceList (XSD minOccurs 1), so the SECC then answers with its full
 * offer and ServiceSelection refuses a service the EV cannot use.
 */
public final class WaitServiceDiscovery implements SessionState {

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (req instanceof SessionStopReqType stop) {
            return Stops.beforePower(stop, ctx);
        }
        if (!(req instanceof ServiceDiscoveryReqType sd)) {
            return Optional.empty();
        }
        var offer = ctx.config.services();
        List<ServiceType> list = new ArrayList<>();
        for (int id : offer.energyServiceIds()) {
            if (sd.SupportedServiceIDs() == null || sd.SupportedServiceIDs().ServiceID().contains(id)) {
                list.add(new ServiceType(id, offer.freeService()));
            }
        }
        if (list.isEmpty()) {
            for (int id : offer.energyServiceIds()) {
                list.add(new ServiceType(id, offer.freeService()));
            }
        }
        ctx.offeredServices = list.stream().map(ServiceType::ServiceID).toList();
        return Optional.of(Step.to(new ServiceDiscoveryResType(ctx.header(), responseCodeType.OK,
                offer.renegotiationSupported(), new ServiceListType(list), null), new WaitServiceDetail()));
    }

    @Override
    public String name() {
        return "WaitServiceDiscovery";
    }
}
