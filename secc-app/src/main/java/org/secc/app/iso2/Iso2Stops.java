package org.secc.app.iso2;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.secc.app.session.Action;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.SessionStopReqType;
import org.secc.exi.iso2.body.SessionStopResType;
import org.secc.exi.iso2.types.chargingSessionType;
import org.secc.exi.iso2.types.responseCodeType;

/** SessionStop and FAILED endings shared by the -2 states. */
final class Iso2Stops {

    private Iso2Stops() {
    }

    /**
     * SessionStopReq: power off, contactors open, OK, close after the hold time. Terminate is accepted
     * in every state outside the charge loop; Pause only after welding detection (DC) or PowerDelivery(Stop) (AC), where the EV
     * may come back with the same SessionID ([V2G2-571]; EVerest refuses Pause elsewhere with FAILED).
     */
    static Optional<Iso2Step> stop(SessionStopReqType r, Iso2Context ctx, boolean pauseAllowed) {
        boolean pause = r.ChargingSession() == chargingSessionType.Pause;
        if (pause && !pauseAllowed) {
            return failed(new BodyElementGroup.SessionStopReq(r), responseCodeType.FAILED, "ChargingSession Pause before welding detection", ctx);
        }
        ctx.charge.powerOffAndOpenContactors(pause ? "-2 SessionStop(Pause)" : "-2 SessionStop(Terminate)");
        if (pause) {
            ctx.paused.store(ctx.sessionId, ctx.evccId);
        }
        List<Action> actions = new java.util.ArrayList<>(List.of(new Action.SessionEnded(pause ? "EV paused" : "EV terminated"),
                new Action.CloseConnection(ctx.config.closeAfterStop())));
        if (!pause && ctx.nominalDutyCandidate()) {
            // An AC EV authorized by EIM that leaves HLC before PowerDelivery(Start) charges by the PWM ([V2G2-853]).
            actions.add(new Action.NominalDuty("the EV ended the -2 session after EIM authorization without starting the HLC charge"));
        }
        return Optional.of(new Iso2Step(new BodyElementGroup.SessionStopRes(new SessionStopResType(responseCodeType.OK)), null, actions));
    }

    /** A FAILED response in the request's own response type: power off, end, close right after it ([V2G2-539]). */
    static Optional<Iso2Step> failed(BodyElementGroup req, responseCodeType code, String why, Iso2Context ctx) {
        ctx.charge.powerOffAndOpenContactors(why);
        BodyElementGroup res = Iso2Responses.failed(req, code, ctx).orElseThrow();
        return Optional.of(new Iso2Step(res, null, List.of(new Action.SessionEnded(code + ": " + why), new Action.CloseConnection(Duration.ZERO))));
    }
}
