package org.secc.app.iso2;

import java.util.Optional;

import org.secc.exi.iso2.body.BodyType.BodyElementGroup;

/**
 * AC, after PowerDeliveryRes(Stop): SessionStopReq only ([V2G2-568]); Terminate ends, Pause ends
 * and keeps the SessionID for one resume ([V2G2-571]).
 */
final class AcWaitSessionStop implements Iso2State {

    @Override
    public Optional<Iso2Step> handle(BodyElementGroup req, Iso2Context ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq s) {
            return Iso2Stops.stop(s.value(), ctx, true);
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return "Iso2AcWaitSessionStop";
    }
}
