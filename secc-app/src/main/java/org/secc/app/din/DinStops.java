package org.secc.app.din;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.secc.app.session.Action;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.SessionStopResType;
import org.secc.exi.din.types.responseCodeType;

/** SessionStop and FAILED endings shared by the DIN states. */
final class DinStops {

    private DinStops() {
    }

    /**
     * SessionStopReq: power off, contactors open, OK, then close after the hold time ([V2G-DC-451]).
     * DIN has no pause: every SessionStop terminates. Accepted in every state outside the
     * CurrentDemand loop, also during cable check and precharge, where real cars send it (facts:
     * AcCCS #68, FreeV2G #20; EVerest accepts it there).
     */
    static Optional<DinStep> stop(DinContext ctx) {
        ctx.charge.powerOffAndOpenContactors("DIN SessionStop");
        return Optional.of(new DinStep(new BodyElementGroup.SessionStopRes(new SessionStopResType(responseCodeType.OK)), null,
                List.of(new Action.SessionEnded("EV terminated"), new Action.CloseConnection(ctx.config.closeAfterStop()))));
    }

    /** A FAILED response in the request's own response type: power off, end, close right after it. */
    static Optional<DinStep> failed(BodyElementGroup req, responseCodeType code, String why, DinContext ctx) {
        ctx.charge.powerOffAndOpenContactors(why);
        BodyElementGroup res = DinResponses.failed(req, code, ctx).orElseThrow();
        return Optional.of(new DinStep(res, null, List.of(new Action.SessionEnded(code + ": " + why), new Action.CloseConnection(Duration.ZERO))));
    }
}
