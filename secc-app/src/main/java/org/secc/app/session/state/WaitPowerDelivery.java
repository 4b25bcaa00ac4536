package org.secc.app.session.state;

import java.util.Optional;

import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.types.V2GRequestType;

/**
 * After DC_PreChargeRes to EVProcessing = Finished: PowerDeliveryReq ([V2G20-2006]) or
 * SessionStopReq ([V2G20-2645]). PowerDelivery is not built yet: only SessionStopReq is answered;
 * other requests end the session.
 */
public final class WaitPowerDelivery implements SessionState {

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (req instanceof SessionStopReqType stop) {
            return Stops.beforePower(stop, ctx);
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return "WaitPowerDelivery";
    }
}
