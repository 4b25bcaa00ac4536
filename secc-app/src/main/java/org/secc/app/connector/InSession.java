package org.secc.app.connector;

/** A V2G session runs (SDP, SupportedAppProtocol, the -20 session). */
final class InSession extends ConnectorState {
    @Override
    String name() {
        return "InSession";
    }

    @Override
    void on(ConnectorLifecycle c, ConnectorEvent e, long now) {
        if (e instanceof ConnectorEvent.SessionEnded end) {
            c.enter(ConnectorLifecycle.SESSION_DONE, "session ended: " + end.reason(), now, ConnectorLifecycle.NONE);
        } else if (e instanceof ConnectorEvent.SessionPaused) {
            c.emit(new ConnectorAction.PilotPause());
            c.enter(ConnectorLifecycle.PAUSED, "the EV paused the session (pilot X1)", now, ConnectorLifecycle.NONE);
        } else if (e instanceof ConnectorEvent.SlacLinkLost) {
            c.emit(new ConnectorAction.EndSession("the modem lost the logical network (D-LINK_ERROR)"));
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

    @Override
    boolean sessionMayRun() {
        return true;
    }
}
