package org.secc.app.iso2;

import java.util.List;

import org.secc.app.session.Action;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;

/**
 * A -2 state's answer: the response body, the next state (null = session over) and any actions. A
 * null response with a next state means the response waits for the charge controller ({@link #pending}).
 */
public record Iso2Step(BodyElementGroup response, Iso2State next, List<Action> actions) {
    public Iso2Step {
        actions = List.copyOf(actions);
    }

    /** The response waits (contactors closing or opening): the session asks {@code here} again on its next poll. */
    public static Iso2Step pending(Iso2State here) {
        return new Iso2Step(null, here, List.of());
    }

    public static Iso2Step to(BodyElementGroup response, Iso2State next) {
        return new Iso2Step(response, next, List.of());
    }
}
