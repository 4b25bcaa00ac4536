package org.secc.ev.din;

import org.secc.ev.session.Action;
import org.secc.exi.din.BodyType.BodyElementGroup;

/** One step of the DIN EV: it waits for one response type and decides the next request. */
interface DinEvState {

    /** The response arrived (its type already checked against {@link #expects()}). */
    Action onResponse(BodyElementGroup res, DinEvSession ev, long now);

    /** The response element this state waits for, e.g. {@code SessionSetupRes}. */
    String expects();

    /** The phase name for timelines and failure messages. */
    String phase();

    default boolean inChargeLoop() {
        return false;
    }
}
