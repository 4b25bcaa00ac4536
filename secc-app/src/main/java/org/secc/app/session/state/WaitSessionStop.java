package org.secc.app.session.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.secc.app.session.Action;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.common.SessionStopResType;
import org.secc.exi.iso20.common.chargingSessionType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.responseCodeType;

/**
 * After power transfer (AC PowerDeliveryRes(Stop), DC welding detection Finished): SessionStopReq.
 * Terminate and Pause end the connection after the hold time; ServiceRenegotiation, when
 * ServiceDiscoveryRes advertised it, keeps the connection and goes back to ServiceDiscoveryReq
 * ([V2G20-1643]); otherwise FAILED_NoServiceRenegotiationSupported ([V2G20-1955]).
 */
public final class WaitSessionStop implements SessionState {

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (!(req instanceof SessionStopReqType stop)) {
            return Optional.empty();
        }
        if (stop.ChargingSession() == chargingSessionType.ServiceRenegotiation) {
            ctx.charge.powerOffAndOpenContactors("service renegotiation");
            if (!ctx.config.services().renegotiationSupported()) {
                return Optional.of(new Step(new SessionStopResType(ctx.header(), responseCodeType.FAILED_NoServiceRenegotiationSupported), null,
                        List.of(new Action.SessionEnded("service renegotiation not supported"), new Action.CloseConnection(Duration.ZERO))));
            }
            ctx.selectedService = -1;
            ctx.selectedParameters = null;
            ctx.scheduleTupleIds = List.of();
            return Optional.of(Step.to(new SessionStopResType(ctx.header(), responseCodeType.OK), new WaitServiceDiscovery()));
        }
        return Optional.of(Stops.terminateOrPause(stop, ctx));
    }

    @Override
    public String name() {
        return "WaitSessionStop";
    }
}
