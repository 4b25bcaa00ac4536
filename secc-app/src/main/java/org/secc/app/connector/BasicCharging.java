package org.secc.app.connector;

import org.secc.hal.cp.CpState;

/** IEC 61851-1 basic charging (AC, nominal duty cycle): the contactors follow the EV's C/D. */
final class BasicCharging extends ConnectorState {
    @Override
    String name() {
        return "BasicCharging";
    }

    @Override
    void onPilot(ConnectorLifecycle c, CpState s, long now) {
        c.emit(new ConnectorAction.Energize(s.evReady()));
    }
}
