package org.secc.ev.iso2;

import org.secc.ev.session.Action;
import org.secc.ev.session.LegacyEvSession;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;

/** One step of the -2 EV: it waits for one response type and decides the next request. */
interface Iso2EvState extends LegacyEvSession.Step {

    /** The response arrived (its type already checked against {@link #expects()}). */
    Action onResponse(BodyElementGroup res, Iso2EvSession ev, long now);
}
