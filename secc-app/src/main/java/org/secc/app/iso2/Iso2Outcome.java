package org.secc.app.iso2;

import java.util.List;
import java.util.Optional;

import org.secc.app.session.Action;
import org.secc.exi.iso2.V2G_Message;

/** The -2 session's answer to one request: the response to send (if any) and the actions for the edge. */
public record Iso2Outcome(Optional<V2G_Message> response, List<Action> actions) {
    public Iso2Outcome {
        actions = List.copyOf(actions);
    }
}
