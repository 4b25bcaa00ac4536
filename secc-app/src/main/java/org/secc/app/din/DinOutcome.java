package org.secc.app.din;

import java.util.List;
import java.util.Optional;

import org.secc.app.session.Action;
import org.secc.exi.din.V2G_Message;

/** The DIN session's answer to one request: the response to send (if any) and the actions for the edge. */
public record DinOutcome(Optional<V2G_Message> response, List<Action> actions) {
    public DinOutcome {
        actions = List.copyOf(actions);
    }
}
