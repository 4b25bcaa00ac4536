package org.secc.ev.din;

import org.secc.ev.session.Action;
import org.secc.ev.session.LegacyEvSession;
import org.secc.exi.din.BodyType.BodyElementGroup;

/** One step of the DIN EV: it waits for one response type and decides the next request. */
interface DinEvState extends LegacyEvSession.Step {

    /** The response arrived (its type already checked against {@link #expects()}). */
    Action onResponse(BodyElementGroup res, DinEvSession ev, long now);
}
