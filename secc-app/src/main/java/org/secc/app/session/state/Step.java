package org.secc.app.session.state;

import java.util.List;

import org.secc.app.session.Action;
import org.secc.exi.iso20.types.V2GResponseType;

/** A state's answer: the response, the next state (null = session over) and any actions. */
public record Step(V2GResponseType response, SessionState next, List<Action> actions) {
    public Step {
        actions = List.copyOf(actions);
    }

    public static Step to(V2GResponseType response, SessionState next) {
        return new Step(response, next, List.of());
    }
}
