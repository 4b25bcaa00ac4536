package org.secc.app.connector;

import org.secc.hal.cp.CpState;

/**
 * The pilot reads E or F, or was lost: contactors open (the pilot supervisor did that first), session
 * ended, network left. When the pilot reads B, C or D again the EV starts over like a new plug-in:
 * 5 % and a new matching, so the next session can be powered.
 */
final class Faulted extends ConnectorState {
    @Override
    String name() {
        return "Faulted";
    }

    @Override
    void onPilot(ConnectorLifecycle c, CpState s, long now) {
        if (s.evConnected()) {
            c.plugIn("pilot recovered (CP " + s + ")", now);
        }
    }
}
