package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for SessionStopRes: the session ended (Terminate) or is paused for a later resume. */
public final class WaitSessionStop implements EvState {

    @Override
    public Phase phase() {
        return Phase.SESSION_STOP;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        if (c.check(msg, "SessionStopRes") == null) {
            return c.close("session stop failed");
        }
        c.endedOk = true;
        c.paused = c.pauseRequested;
        return c.close(c.paused ? "paused" : "terminated");
    }
}
