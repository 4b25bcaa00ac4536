package org.secc.app.iso2;

import java.util.List;

import org.secc.app.session.Action;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;

/** A -2 state's answer: the response body, the next state (null = session over) and any actions. */
public record Iso2Step(BodyElementGroup response, Iso2State next, List<Action> actions) {
    public Iso2Step {
        actions = List.copyOf(actions);
    }

    public static Iso2Step to(BodyElementGroup response, Iso2State next) {
        return new Iso2Step(response, next, List.of());
    }
}
