package org.secc.ev.session.state;

import org.secc.ev.session.Action;

/**
 * One state of the EV side of a -20 session, named after the response it waits for (as the
 * charger's {@code org.secc.app.session.state} names its states after the request): it checks that
 * response and returns the next action. States hold no data; {@link EvContext} does.
 */
public interface EvState {

    Phase phase();

    /** The decoded response {@code msg} arrived at {@code now} (ms of the injected clock). */
    Action onResponse(Object msg, long now, EvContext c);
}
