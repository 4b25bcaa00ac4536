package org.secc.ev.din;

import org.secc.ev.session.Action;
import org.secc.exi.din.BodyType.BodyElementGroup;

/** Waits for SessionStopRes: the session ended as planned; the EV closes the connection. */
final class WaitSessionStopRes implements DinEvState {

    @Override
    public Action onResponse(BodyElementGroup res, DinEvSession ev, long now) {
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
