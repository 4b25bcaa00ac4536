package org.secc.app.session;

import java.util.List;
import java.util.Optional;

import org.secc.exi.iso20.types.V2GResponseType;

/** The session's answer to one request: the response to send (if any) and the actions. */
public record Outcome(Optional<V2GResponseType> response, List<Action> actions) {
    public Outcome {
        actions = List.copyOf(actions);
    }

    public static Outcome of(V2GResponseType res, Action... actions) {
        return new Outcome(Optional.of(res), List.of(actions));
    }
}
