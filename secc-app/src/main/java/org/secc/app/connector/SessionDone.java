package org.secc.app.connector;

/**
 * The session ended; the EV is still plugged in. The link and the 5 % stay: an EV may open a new V2G
 * session in the same plug-in (after a lost connection, say) without a new matching. Unplug (A) or
 * E/F leaves the logical network.
 */
final class SessionDone extends ConnectorState {
    @Override
    String name() {
        return "SessionDone";
    }

    @Override
    void on(ConnectorLifecycle c, ConnectorEvent e, long now) {
        if (e instanceof ConnectorEvent.SessionStarted) {
            c.enter(ConnectorLifecycle.IN_SESSION, "a new V2G session in the same plug-in", now, ConnectorLifecycle.NONE);
        } else if (e instanceof ConnectorEvent.NominalDutyAfterAuthorization) {
            c.nominalDutyAfterAuthorization(now);
        } else if (e instanceof ConnectorEvent.SlacLinkLost) {
            c.linkLost(now);
        }
    }

    @Override
    boolean servesSessions() {
        return true;
    }

    @Override
    boolean onNetwork() {
        return true;
    }
}
