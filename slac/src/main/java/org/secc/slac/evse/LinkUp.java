package org.secc.slac.evse;

import java.util.logging.Logger;
import org.secc.slac.SlacAction;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;

/** [Matched], link detected: IP traffic flows; the modem keeps being asked whether the network still stands. */
final class LinkUp extends EvseState {
    private static final Logger LOG = Logger.getLogger(LinkUp.class.getName());

    @Override
    String name() {
        return "LinkUp";
    }

    @Override
    void onFrame(EvseSlac m, HomePlugFrame f, long now) {
        if (f.mme() instanceof Mme.SlacMatchReq req && m.ofSession(f, req.runId())) {
            m.emit(new SlacAction.Send(m.matchCnf));
        } else if (f.mme() instanceof Mme.LinkStatusCnf cnf && f.destination().equals(m.host) && !cnf.connected()) {
            LOG.warning(() -> "modem lost the logical network with " + m.pev);
            m.emit(new SlacAction.LinkLost(m.pev));
            m.clearSession();
            m.rekey(now);
        }
    }

    @Override
    void onDeadline(EvseSlac m, long now) {
        if (m.config.pollLinkStatus()) {
            m.send(m.modem, new Mme.LinkStatusReq());
            m.enter(this, now + m.config.linkPollInterval().toNanos());
        }
    }
}
