package org.secc.app.session.state;

import java.util.List;
import java.util.Optional;

import org.secc.app.session.Action;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.common.SessionStopResType;
import org.secc.exi.iso20.common.chargingSessionType;
import org.secc.exi.iso20.types.responseCodeType;

/** SessionStopReq handling shared by the states before any power transfer ([V2G20-2645]). */
final class Stops {

    private Stops() {}

    static Optional<Step> beforePower(SessionStopReqType stop, SessionContext ctx) {
        if (stop.ChargingSession() == chargingSessionType.ServiceRenegotiation) {
            // ServiceDiscoveryRes is not sent yet / offers no renegotiation ([V2G20-1955]).
            ctx.charge.powerOffAndOpenContactors("service renegotiation refused");
            return Optional.of(new Step(new SessionStopResType(ctx.header(), responseCodeType.FAILED_NoServiceRenegotiationSupported),
                    null, List.of(new Action.SessionEnded("service renegotiation not supported"),
                            new Action.CloseConnection(java.time.Duration.ZERO))));
        }
        ctx.charge.powerOffAndOpenContactors("SessionStop " + stop.ChargingSession());
        Action end = stop.ChargingSession() == chargingSessionType.Pause
                ? new Action.SessionPaused(ctx.sessionId())
                : new Action.SessionEnded("EV terminated");
        return Optional.of(new Step(new SessionStopResType(ctx.header(), responseCodeType.OK), null,
                List.of(end, new Action.CloseConnection(ctx.config.closeAfterStop()))));
    }
}
