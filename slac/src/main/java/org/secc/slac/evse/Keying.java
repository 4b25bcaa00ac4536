package org.secc.slac.evse;

import java.util.logging.Logger;
import org.secc.slac.SlacAction;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;

/** CM_SET_KEY.REQ sent to the own modem; waiting for its CNF. */
final class Keying extends EvseState {
    private static final Logger LOG = Logger.getLogger(Keying.class.getName());

    @Override
    String name() {
        return "Keying";
    }

    @Override
    boolean acceptsNewMatching() {
        return false; // the EV repeats CM_SLAC_PARM.REQ every second; answer once the modem holds the key
    }

    @Override
    boolean sessionRunning() {
        return false;
    }

    @Override
    void onFrame(EvseSlac m, HomePlugFrame f, long now) {
        if (f.mme() instanceof Mme.SetKeyCnf cnf && f.destination().equals(m.host)) {
            // QCA firmware answers RESULT 1 on success (AV 1.0 meaning): the CNF itself is the success (QCA7000 firmware, slac/README.md)
            LOG.fine(() -> "modem confirmed the key, RESULT " + cnf.result());
            m.emit(new SlacAction.ModemKeyed(m.nmk.clone(), m.nid, cnf.result()));
            if (m.plugged) {
                m.enter(EvseStates.WAIT_PARM, m.initDeadline);
            } else {
                m.enter(EvseStates.UNPLUGGED, EvseSlac.NONE);
            }
        }
    }

    @Override
    void onDeadline(EvseSlac m, long now) {
        if (m.setKeyAttempts <= m.config.setKeyRetries()) {
            m.sendSetKey(now);
        } else {
            String reason = "modem did not confirm CM_SET_KEY.REQ after " + m.setKeyAttempts + " attempts";
            LOG.warning(reason);
            m.emit(new SlacAction.Failed(reason));
            m.enter(EvseStates.MODEM_ERROR, EvseSlac.NONE);
        }
    }
}
