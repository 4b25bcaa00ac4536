package org.secc.app.connector;

import org.secc.hal.cp.CpState;

/** State A: nothing plugged in, +12 V, no PWM. A plug-in (B, C or D) starts high-level communication. */
final class Idle extends ConnectorState {
    @Override
    String name() {
        return "Idle";
    }

    @Override
    void onPilot(ConnectorLifecycle c, CpState s, long now) {
        if (s.evConnected()) {
            c.plugIn("EV plugged in (CP " + s + ")", now);
        }
    }
}
