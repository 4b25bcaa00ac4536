package org.secc.app.session.state;

import java.util.List;

import org.secc.app.session.Action;
import org.secc.exi.iso20.types.V2GResponseType;

/**
 * A state's answer: the response, the next state (null = session over) and any actions. A null
 * response with a next state means "pending" ({@link #pending}).
 */
public record Step(V2GResponseType response, SessionState next, List<Action> actions) {
    public Step {
        actions = List.copyOf(actions);
    }

    public static Step to(V2GResponseType response, SessionState next) {
        return new Step(response, next, List.of());
    }

    /** No response yet: the charge controller is still working; the same request is asked again in {@code here}. */
    public static Step pending(SessionState here) {
        return new Step(null, here, List.of());
    }
}
