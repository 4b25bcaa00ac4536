package org.secc.app.session.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.secc.app.session.Action;
import org.secc.app.session.EnergyParameterSet;
import org.secc.exi.iso20.common.ServiceDetailReqType;
import org.secc.exi.iso20.common.ServiceDetailResType;
import org.secc.exi.iso20.common.ServiceParameterListType;
import org.secc.exi.iso20.common.ServiceSelectionReqType;
import org.secc.exi.iso20.common.ServiceSelectionResType;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.responseCodeType;

/**
 * After ServiceDiscoveryRes or ServiceDetailRes: ServiceDetailReq, ServiceSelectionReq,
 * SessionStopReq. (Strictly ServiceSelection follows a ServiceDetail; an EV that selects straight
 * after discovery is accepted, as Josev does, because the parameter sets are fixed by config.)
 */
public final class WaitServiceDetail implements SessionState {

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (req instanceof SessionStopReqType stop) {
            return Stops.beforePower(stop, ctx);
        }
        var offer = ctx.config.services();
        if (req instanceof ServiceDetailReqType d) {
            if (!ctx.offeredServices.contains(d.ServiceID())) {
                return fail(ctx, new ServiceDetailResType(ctx.header(), responseCodeType.FAILED_ServiceIDInvalid, d.ServiceID(),
                        new ServiceParameterListType(List.of(EnergyParameterSet.defaults(2).get(0).toXml(2)))), "ServiceID " + d.ServiceID() + " not offered");
            }
            var sets = offer.services().get(d.ServiceID()).stream().map(p -> p.toXml(d.ServiceID())).toList();
            return Optional.of(Step.to(new ServiceDetailResType(ctx.header(), responseCodeType.OK, d.ServiceID(),
                    new ServiceParameterListType(sets)), this));
        }
        if (req instanceof ServiceSelectionReqType sel) {
            int id = sel.SelectedEnergyTransferService().ServiceID();
            if (!ctx.offeredServices.contains(id)) {
                return fail(ctx, new ServiceSelectionResType(ctx.header(), responseCodeType.FAILED_NoEnergyTransferServiceSelected),
                        "energy service " + id + " not offered");
            }
            var set = offer.parameterSet(id, sel.SelectedEnergyTransferService().ParameterSetID());
            boolean vas = sel.SelectedVASList() != null && !sel.SelectedVASList().SelectedService().isEmpty();
            if (set.isEmpty() || vas) {
                // No VAS is offered, so any selected VAS is invalid too.
                return fail(ctx, new ServiceSelectionResType(ctx.header(), responseCodeType.FAILED_ServiceSelectionInvalid),
                        "bad parameter set or VAS for service " + id);
            }
            ctx.selectedService = id;
            ctx.selectedParameters = set.get();
            return Optional.of(Step.to(new ServiceSelectionResType(ctx.header(), responseCodeType.OK), new WaitChargeParameterDiscovery()));
        }
        return Optional.empty();
    }

    private static Optional<Step> fail(SessionContext ctx, org.secc.exi.iso20.types.V2GResponseType res, String why) {
        ctx.charge.powerOffAndOpenContactors(why);
        return Optional.of(new Step(res, null, List.of(new Action.SessionEnded(why), new Action.CloseConnection(Duration.ZERO))));
    }

    @Override
    public String name() {
        return "WaitServiceDetail";
    }
}
