package org.secc.app.session.state;

import java.util.Optional;

import org.secc.exi.iso20.common.PowerDeliveryReqType;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.types.V2GRequestType;

/**
 * After DC_PreChargeRes to EVProcessing = Finished ([V2G20-2006]), AC ScheduleExchangeRes Finished, or a
 * renegotiation's ScheduleExchangeRes: PowerDeliveryReq(Start). SessionStopReq is acceptable until
 * the first Start ([V2G20-2645]) but not during a renegotiation, where power already flowed.
 */
public final class WaitPowerDelivery implements SessionState {

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (req instanceof SessionStopReqType stop) {
            return Stops.beforePower(stop, ctx);
        }
        if (req instanceof PowerDeliveryReqType pd) {
            return PowerDeliveries.handle(pd, ctx, false, this);
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return "WaitPowerDelivery";
    }
}
