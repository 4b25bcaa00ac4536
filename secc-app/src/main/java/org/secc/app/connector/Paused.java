package org.secc.app.connector;

/**
 * The EV paused (-20 SessionStop Pause): pilot X1, contactors blocked. It resumes by a B-C-B toggle on
 * the pilot, by the charger's wake-up (5 % again), or by coming back with a SessionSetup.
 */
final class Paused extends ConnectorState {
    @Override
    String name() {
        return "Paused";
    }

    @Override
    void on(ConnectorLifecycle c, ConnectorEvent e, long now) {
        if (e instanceof ConnectorEvent.EvWakeUp) {
            // the pilot state machine already drives 5 % again after a valid toggle
            c.enter(ConnectorLifecycle.LINK_UP, "EV wake-up (B-C-B toggle)", now, ConnectorLifecycle.NONE);
        } else if (e instanceof ConnectorEvent.WakeUp w) {
            c.emit(new ConnectorAction.PilotWakeUp());
            c.enter(ConnectorLifecycle.LINK_UP, "charger wake-up: " + w.why(), now, ConnectorLifecycle.NONE);
        } else if (e instanceof ConnectorEvent.SessionStarted) {
            c.emit(new ConnectorAction.PilotWakeUp());
            c.enter(ConnectorLifecycle.IN_SESSION, "the paused EV came back (5 % again)", now, ConnectorLifecycle.NONE);
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
