package org.secc.slac.evse;

import java.util.logging.Logger;
import org.secc.slac.MacAddress;
import org.secc.slac.SlacAction;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;

/** [Matching]: attenuation acknowledged; waiting for CM_VALIDATE.REQ or CM_SLAC_MATCH.REQ (TT_EVSE_match_session). */
final class WaitingForMatch extends EvseState {
    private static final Logger LOG = Logger.getLogger(WaitingForMatch.class.getName());
    /** CM_VALIDATE.CNF result "failure": this charger does not validate by BCB toggles, as EVerest answers ([V2G3-A09-51]). */
    static final int VALIDATE_NOT_SUPPORTED = 3;

    @Override
    String name() {
        return "WaitingForMatch";
    }

    @Override
    void onFrame(EvseSlac m, HomePlugFrame f, long now) {
        if (f.mme() instanceof Mme.ValidateReq && m.pev != null && m.pev.equals(f.source())) {
            m.send(m.pev, new Mme.ValidateCnf(0, 0, VALIDATE_NOT_SUPPORTED));
        } else if (f.mme() instanceof Mme.SlacMatchReq req && acceptable(m, f, req)) {
            answer(m, req);
            m.emit(new SlacAction.Matched(m.pev, m.nmk.clone(), m.nid));
            if (m.config.pollLinkStatus()) {
                m.joinDeadline = now + m.config.matchJoin().toNanos();
                m.send(m.modem, new Mme.LinkStatusReq());
                m.enter(EvseStates.JOINING, Math.min(now + m.config.linkPollInterval().toNanos(), m.joinDeadline));
            } else {
                m.linkUp = true;
                m.emit(new SlacAction.LinkReady(m.pev));
                m.enter(EvseStates.LINK_UP, EvseSlac.NONE);
            }
        }
    }

    /** The checks EVerest makes, except the zero PEV_ID/EVSE_ID: IDs are echoed, never a reason to refuse a car. */
    static boolean acceptable(EvseSlac m, HomePlugFrame f, Mme.SlacMatchReq req) {
        if (!m.ofSession(f, req.runId())) {
            return false;
        }
        MacAddress pevMac = req.pevMac();
        boolean ok = req.app() == Mme.APP_PEV_EVSE && req.sec() == Mme.SEC_NONE && req.mvfLength() == Mme.SlacMatchReq.MVF_LENGTH
                && pevMac.equals(m.pev) && req.evseMac().equals(m.host);
        if (!ok) {
            LOG.info(() -> "ignoring CM_SLAC_MATCH.REQ with APP " + req.app() + " SEC " + req.sec() + " MVFLength " + req.mvfLength()
                    + " PEV_MAC " + pevMac + " EVSE_MAC " + req.evseMac());
        }
        return ok;
    }

    static void answer(EvseSlac m, Mme.SlacMatchReq req) {
        Mme.SlacMatchCnf cnf = new Mme.SlacMatchCnf(Mme.APP_PEV_EVSE, Mme.SEC_NONE, Mme.SlacMatchCnf.MVF_LENGTH, req.pevId(), m.pev,
                req.evseId(), m.host, m.runId, 0, m.nid, 0, m.nmk);
        m.matchCnf = HomePlugFrame.of(m.pev, m.host, cnf);
        m.emit(new SlacAction.Send(m.matchCnf));
    }

    @Override
    void onDeadline(EvseSlac m, long now) {
        m.attemptFailed("no CM_SLAC_MATCH.REQ within " + m.config.matchSession().toSeconds() + " s", now);
    }
}
