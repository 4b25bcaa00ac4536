package org.secc.ev.iso2;

import org.secc.ev.session.Action;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;

/** One step of the -2 EV: it waits for one response type and decides the next request. */
interface Iso2EvState {

    /** The response arrived (its type already checked against {@link #expects()}). */
    Action onResponse(BodyElementGroup res, Iso2EvSession ev, long now);

    /** The response element this state waits for, e.g. {@code SessionSetupRes}. */
    String expects();

    /** The phase name for timelines and failure messages. */
    String phase();

    default boolean inChargeLoop() {
        return false;
    }
}
