package org.secc.app.iso2;

import java.util.Optional;

import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.WeldingDetectionResType;
import org.secc.exi.iso2.types.DC_EVSEStatusCodeType;
import org.secc.exi.iso2.types.isolationLevelType;
import org.secc.exi.iso2.types.responseCodeType;
import org.secc.exi.iso2.types.unitSymbolType;

/**
 * After PowerDeliveryRes(Stop): WeldingDetectionReq (repeated) or SessionStopReq ([V2G2-601]); the
 * first request opens the contactors (power is already zero). SessionStop here may be Pause: the
 * SessionID is kept for the EV's return ([V2G2-571]).
 */
final class WaitWeldingDetection implements Iso2State {

    @Override
    public Optional<Iso2Step> handle(BodyElementGroup req, Iso2Context ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq s) {
            return Iso2Stops.stop(s.value(), ctx, true);
        }
        if (!(req instanceof BodyElementGroup.WeldingDetectionReq)) {
            return Optional.empty();
        }
        double v = ctx.charge.weldingDetection();
        return Optional.of(Iso2Step.to(new BodyElementGroup.WeldingDetectionRes(new WeldingDetectionResType(responseCodeType.OK,
                ctx.status(isolationLevelType.Valid, DC_EVSEStatusCodeType.EVSE_NotReady), Iso2Values.of(v, unitSymbolType.V))), this));
    }

    @Override
    public String name() {
        return "Iso2WaitWeldingDetection";
    }
}
