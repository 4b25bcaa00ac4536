package org.secc.slac.evse;

import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;

/** [Matching]: CM_SLAC_PARM.CNF sent; waiting for CM_START_ATTEN_CHAR.IND (TT_match_sequence). */
final class WaitingForStartAtten extends EvseState {
    @Override
    String name() {
        return "WaitingForStartAtten";
    }

    @Override
    void onFrame(EvseSlac m, HomePlugFrame f, long now) {
        if (f.mme() instanceof Mme.StartAttenCharInd ind && m.ofSession(f, ind.runId())) {
            m.enter(EvseStates.SOUNDING, now + m.config.soundWindow().toNanos());
        } else if (f.mme() instanceof Mme.MnbcSoundInd s && m.ofSession(f, s.runId())) {
            // all three START_ATTEN_CHAR copies lost: the first sound opens the window
            m.enter(EvseStates.SOUNDING, now + m.config.soundWindow().toNanos());
            m.soundsStarted = true;
        } else if (f.mme() instanceof Mme.AttenProfileInd p && m.pev != null && m.pev.equals(p.pevMac())) {
            // profiles may overtake their sound (pyslac): open the window and count it
            m.enter(EvseStates.SOUNDING, now + m.config.soundWindow().toNanos());
            Sounding.addProfile(m, p, now);
        }
    }

    @Override
    void onDeadline(EvseSlac m, long now) {
        m.attemptFailed("no CM_START_ATTEN_CHAR.IND within " + m.config.matchSequence().toMillis() + " ms", now);
    }
}
