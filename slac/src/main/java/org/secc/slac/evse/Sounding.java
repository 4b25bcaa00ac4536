package org.secc.slac.evse;

import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;

/**
 * [Matching]: collecting CM_ATTEN_PROFILE.IND for the EV's sounds until NUM_SOUNDS profiles or the
 * end of TT_EVSE_match_MNBC, then CM_ATTEN_CHAR.IND with the averages (ISO 15118-3 attenuation characterization, slac/README.md).
 */
final class Sounding extends EvseState {
    /** Green PHY has 58 carrier groups; more are never sent (open-plc-utils copies into 58 bytes). */
    static final int GROUPS = 58;

    @Override
    String name() {
        return "Sounding";
    }

    @Override
    void onFrame(EvseSlac m, HomePlugFrame f, long now) {
        if (f.mme() instanceof Mme.AttenProfileInd p && m.pev != null && m.pev.equals(p.pevMac())) {
            addProfile(m, p, now);
        } else if (f.mme() instanceof Mme.MnbcSoundInd s && m.ofSession(f, s.runId())) {
            m.soundsStarted = true; // profiles, not sounds, are what is averaged
        }
        // duplicate START_ATTEN_CHAR copies (sent µs apart by real PEVs) are ignored here
    }

    static void addProfile(EvseSlac m, Mme.AttenProfileInd p, long now) {
        byte[] aag = p.aag();
        if (aag.length == 0 || aag.length > GROUPS) {
            return;
        }
        if (m.profiles == 0) {
            m.aagSum = new int[aag.length];
        } else if (aag.length != m.aagSum.length) {
            return; // a profile of another shape cannot be averaged with the others
        }
        for (int g = 0; g < aag.length; g++) {
            m.aagSum[g] += aag[g] & 0xFF;
        }
        m.profiles++;
        if (m.profiles >= m.config.numSounds()) {
            finish(m, now);
        }
    }

    @Override
    void onDeadline(EvseSlac m, long now) {
        finish(m, now);
    }

    private static void finish(EvseSlac m, long now) {
        byte[] avg;
        if (m.profiles == 0) {
            // nothing measured: 58 groups of 1 dB (as EVerest does) rather than 0 groups, which EVs reject
            avg = new byte[GROUPS];
            java.util.Arrays.fill(avg, (byte) 1);
        } else {
            avg = new byte[m.aagSum.length];
            for (int g = 0; g < avg.length; g++) {
                avg[g] = (byte) (m.aagSum[g] / m.profiles); // truncated, as open-plc-utils and EVerest do
            }
        }
        byte[] zeros = new byte[Mme.ID_LENGTH];
        Mme.AttenCharInd ind = new Mme.AttenCharInd(Mme.APP_PEV_EVSE, Mme.SEC_NONE, m.pev, m.runId, zeros, zeros, m.profiles, avg);
        m.attenChar = HomePlugFrame.of(m.pev, m.host, ind);
        m.attenCharSends = 1;
        m.emit(new org.secc.slac.SlacAction.Send(m.attenChar));
        m.enter(EvseStates.WAIT_ATTEN_RSP, now + m.config.matchResponse().toNanos());
    }
}
