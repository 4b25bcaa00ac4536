package org.secc.slac.evse;

import org.secc.slac.SlacAction;

/** [Unmatched], EV plugged in: waiting for CM_SLAC_PARM.REQ (TT_EVSE_SLAC_init after plug-in). */
final class WaitingForParm extends EvseState {
    @Override
    String name() {
        return "WaitingForParm";
    }

    @Override
    boolean sessionRunning() {
        return false;
    }

    @Override
    void onDeadline(EvseSlac m, long now) {
        // [V2G3-M06-07]: the control pilot layer goes through E/F and plugs in again (at most C_sequ_retry times)
        m.initDeadline = EvseSlac.NONE;
        m.emit(new SlacAction.InitTimeout());
    }
}
