package org.secc.slac.evse;

import org.secc.slac.SlacAction;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;

/** [Matched]: the EV has the key; polling the own modem until it reports the logical network (TT_match_join). */
final class Joining extends EvseState {
    @Override
    String name() {
        return "Joining";
    }

    @Override
    void onFrame(EvseSlac m, HomePlugFrame f, long now) {
        if (f.mme() instanceof Mme.SlacMatchReq req && m.ofSession(f, req.runId())) {
            m.emit(new SlacAction.Send(m.matchCnf)); // the CNF was lost: the same answer again
        } else if (f.mme() instanceof Mme.LinkStatusCnf cnf && f.destination().equals(m.host) && cnf.connected()) {
            m.linkUp = true;
            m.emit(new SlacAction.LinkReady(m.pev));
            m.enter(EvseStates.LINK_UP, now + m.config.linkPollInterval().toNanos());
        }
    }

    @Override
    void onDeadline(EvseSlac m, long now) {
        if (now - m.joinDeadline >= 0) {
            m.attemptFailed("EV did not join the logical network within " + m.config.matchJoin().toSeconds() + " s", now);
            m.rekey(now); // it holds our NMK: a new one keeps it out
        } else {
            m.send(m.modem, new Mme.LinkStatusReq());
            m.enter(this, Math.min(now + m.config.linkPollInterval().toNanos(), m.joinDeadline));
        }
    }
}
