package org.secc.ev.iso2;

import org.secc.ev.session.Action;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;

/** Waits for SessionStopRes: the session ended (Terminate) or is paused for a resume on a new connection. */
final class WaitSessionStopRes implements Iso2EvState {

    @Override
    public Action onResponse(BodyElementGroup res, Iso2EvSession ev, long now) {
        if (ev.pausing) {
            ev.pausing = false;
            ev.paused = true;
            ev.weldings = 0;
            ev.precharges = 0;
            ev.note("paused with SessionStop(Pause)");
            return ev.closePaused();
        }
        return ev.stopped();
    }

    @Override
    public String expects() {
        return "SessionStopRes";
    }

    @Override
    public String phase() {
        return "SessionStop";
    }
}
