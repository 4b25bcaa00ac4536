package org.secc.app.session.state;

import java.util.Optional;

import org.secc.app.session.RationalNumbers;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.dc.DC_WeldingDetectionReqType;
import org.secc.exi.iso20.dc.DC_WeldingDetectionResType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.processingType;
import org.secc.exi.iso20.types.responseCodeType;

/**
 * After PowerDeliveryRes(Stop) in DC ([V2G20-2020]) or DC_WeldingDetectionRes to Ongoing:
 * DC_WeldingDetectionReq; after one to Finished, SessionStopReq ([V2G20-1630/1631]). The first request
 * opens the contactors (ChargeControl); each answer reports the measured output voltage, from which
 * the EV judges welding.
 */
public final class WaitWeldingDetection implements SessionState {

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (req instanceof SessionStopReqType stop) {
            // An EV that skips welding detection stops here; treated like the stop after it.
            return new WaitSessionStop().handle(stop, ctx);
        }
        if (!(req instanceof DC_WeldingDetectionReqType wd)) {
            return Optional.empty();
        }
        double v = ctx.charge.weldingDetection();
        SessionState next = wd.EVProcessing() == processingType.Finished ? new WaitSessionStop() : this;
        return Optional.of(Step.to(new DC_WeldingDetectionResType(ctx.header(), responseCodeType.OK, RationalNumbers.of(v)), next));
    }

    @Override
    public String name() {
        return "WaitWeldingDetection";
    }
}
