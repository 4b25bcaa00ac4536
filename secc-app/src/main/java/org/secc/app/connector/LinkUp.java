package org.secc.app.connector;

/** The link is up (SLAC matched, or a plain Ethernet bench): SDP answers, a V2G session may start. */
final class LinkUp extends ConnectorState {
    @Override
    String name() {
        return "LinkUp";
    }

    @Override
    void on(ConnectorLifecycle c, ConnectorEvent e, long now) {
        if (e instanceof ConnectorEvent.SessionStarted) {
            c.enter(ConnectorLifecycle.IN_SESSION, "V2G session started", now, ConnectorLifecycle.NONE);
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
