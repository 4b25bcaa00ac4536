package org.secc.app.connector;

/** 5 % PWM, EVSE SLAC listening or matching: one matching per plug-in (ISO 15118-3). */
final class Matching extends ConnectorState {
    @Override
    String name() {
        return "Matching";
    }

    @Override
    void on(ConnectorLifecycle c, ConnectorEvent e, long now) {
        if (e instanceof ConnectorEvent.SlacLinkReady r) {
            c.enter(ConnectorLifecycle.LINK_UP, "SLAC matched " + r.peer() + ", link ready", now, ConnectorLifecycle.NONE);
        } else if (e instanceof ConnectorEvent.SlacAttemptFailed f) {
            if (c.attemptFailed() >= c.config().maxFailedAttempts()) {
                c.slacFailed(c.config().maxFailedAttempts() + " matching attempts failed (last: " + f.reason() + ")", now);
            }
        } else if (e instanceof ConnectorEvent.SlacInitTimeout) {
            c.slacFailed("no CM_SLAC_PARM.REQ within TT_EVSE_SLAC_init", now);
        }
    }

    @Override
    void onDeadline(ConnectorLifecycle c, long now) {
        c.slacFailed("no SLAC link within " + c.config().matchingTimeout().toSeconds() + " s", now);
    }

    @Override
    boolean onNetwork() {
        return true;
    }
}
