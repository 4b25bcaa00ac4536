package org.secc.ev.session;

/** What the edge must do next for the client session. */
public sealed interface Action {
    /**
     * Send {@code out} (not before {@code notBeforeMs}, to pace the loops) and expect its response by
     * {@code deadlineMs}; if none arrives, call {@link EvSession#onTimeout()}.
     */
    record Send(Outgoing out, long notBeforeMs, long deadlineMs) implements Action {
    }

    /** Close the connection; {@code paused} means the session can be resumed on a new connection. */
    record Close(boolean paused, String reason) implements Action {
    }

    /**
     * Stay silent: the fault "silence past a timeout". The edge waits up to {@code waitMs} for the SECC to
     * close the connection and reports the outcome through {@link EvSession#onPeerClosed()} or
     * {@link EvSession#onTimeout()}.
     */
    record Silence(long waitMs) implements Action {
    }
}
