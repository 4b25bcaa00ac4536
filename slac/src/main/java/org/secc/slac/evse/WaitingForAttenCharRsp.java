package org.secc.slac.evse;

import org.secc.slac.SlacAction;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;

/** [Matching]: CM_ATTEN_CHAR.IND sent; waiting for the RSP (TT_match_response, C_EV_match_retry resends). */
final class WaitingForAttenCharRsp extends EvseState {
    @Override
    String name() {
        return "WaitingForAttenCharRsp";
    }

    @Override
    void onFrame(EvseSlac m, HomePlugFrame f, long now) {
        if (f.mme() instanceof Mme.AttenCharRsp rsp && m.ofSession(f, rsp.runId())) {
            if (rsp.result() == 0) {
                m.enter(EvseStates.WAIT_MATCH, now + m.config.matchSession().toNanos());
            } else {
                m.attemptFailed("EV answered CM_ATTEN_CHAR.RSP with result " + rsp.result(), now);
            }
        } else if (f.mme() instanceof Mme.SlacMatchReq) {
            // an EV that never sent the RSP but goes on to match: accept the match
            EvseStates.WAIT_MATCH.onFrame(m, f, now);
        }
    }

    @Override
    void onDeadline(EvseSlac m, long now) {
        if (m.attenCharSends <= m.config.attenCharRetries()) {
            m.attenCharSends++;
            m.emit(new SlacAction.Send(m.attenChar));
            m.enter(this, now + m.config.matchResponse().toNanos());
        } else {
            m.attemptFailed("no CM_ATTEN_CHAR.RSP after " + m.attenCharSends + " CM_ATTEN_CHAR.IND", now);
        }
    }
}
