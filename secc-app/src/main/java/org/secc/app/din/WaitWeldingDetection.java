package org.secc.app.din;

import java.util.Optional;

import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.WeldingDetectionResType;
import org.secc.exi.din.types.DC_EVSEStatusCodeType;
import org.secc.exi.din.types.isolationLevelType;
import org.secc.exi.din.types.responseCodeType;
import org.secc.exi.din.types.unitSymbolType;

/**
 * After PowerDeliveryRes(ReadyToChargeState = false): WeldingDetectionReq (repeated, the EV decides
 * when the voltage is low enough) or SessionStopReq ([V2G-DC-469]). The first request opens the
 * contactors (power is already zero); each answer carries the measured output voltage.
 */
final class WaitWeldingDetection implements DinState {

    @Override
    public Optional<DinStep> handle(BodyElementGroup req, DinContext ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq) {
            return DinStops.stop(ctx);
        }
        if (!(req instanceof BodyElementGroup.WeldingDetectionReq)) {
            return Optional.empty();
        }
        double v = ctx.charge.weldingDetection();
        return Optional.of(DinStep.to(new BodyElementGroup.WeldingDetectionRes(new WeldingDetectionResType(responseCodeType.OK,
                ctx.status(isolationLevelType.Valid, DC_EVSEStatusCodeType.EVSE_NotReady), DinValues.of(v, unitSymbolType.V))), this));
    }

    @Override
    public String name() {
        return "DinWaitWeldingDetection";
    }
}
