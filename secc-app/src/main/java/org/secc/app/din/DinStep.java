package org.secc.app.din;

import java.util.List;

import org.secc.app.session.Action;
import org.secc.exi.din.BodyType.BodyElementGroup;

/** A DIN state's answer: the response body, the next state (null = session over) and any actions. */
public record DinStep(BodyElementGroup response, DinState next, List<Action> actions) {
    public DinStep {
        actions = List.copyOf(actions);
    }

    public static DinStep to(BodyElementGroup response, DinState next) {
        return new DinStep(response, next, List.of());
    }
}
