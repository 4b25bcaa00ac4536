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
        return Optional.of(terminateOrPause(stop, ctx));
    }

    /**
     * Terminate or Pause: power off and contactors open, keep the pause context for a resume, answer OK
     * and hold the connection for closeAfterStop ([V2G20-1633]). A Pause is accepted in every control
     * mode: newer libiso refuses an EV-initiated pause in Dynamic mode (FAILED_PauseNotAllowed) but Josev
     * accepts it, and accepting is what works with both kinds of EV.
     */
    static Step terminateOrPause(SessionStopReqType stop, SessionContext ctx) {
        ctx.charge.powerOffAndOpenContactors("SessionStop " + stop.ChargingSession());
        Action end;
        if (stop.ChargingSession() == chargingSessionType.Pause && ctx.selectedParameters != null) {
            ctx.paused.put(new org.secc.app.session.PausedSessions.Paused(ctx.sessionId(), ctx.evccId, ctx.offeredServices, ctx.selectedService,
                    ctx.selectedParameters, ctx.nowNanos));
            end = new Action.SessionPaused(ctx.sessionId());
        } else if (stop.ChargingSession() == chargingSessionType.Pause) {
            end = new Action.SessionEnded("EV paused before a service was selected: nothing to resume");
        } else {
            end = new Action.SessionEnded("EV terminated");
        }
        return new Step(new SessionStopResType(ctx.header(), responseCodeType.OK), null,
                List.of(end, new Action.CloseConnection(ctx.config.closeAfterStop())));
    }
}
