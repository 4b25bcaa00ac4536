package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** The session is over: any response is unexpected. */
public final class Done implements EvState {

    @Override
    public Phase phase() {
        return Phase.DONE;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        c.fail("unexpected " + msg.getClass().getSimpleName() + " in " + c.phase);
        return c.close("unexpected message");
    }
}
