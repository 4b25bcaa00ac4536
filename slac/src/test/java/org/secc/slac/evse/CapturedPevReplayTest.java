package org.secc.slac.evse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.secc.slac.MacAddress;
import org.secc.slac.SlacAction;
import org.secc.slac.mme.CapturedSession;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;

/**
 * The open-plc-utils PEV's frames from the capture, fed to our EVSE (with the capture's EVSE MAC and
 * RESP_TYPE 0 as that EVSE used): our answers carry what the independent EVSE sent.
 */
class CapturedPevReplayTest {
    @Test
    void ourEvseAnswersTheCapturedPevLikeTheCapturedEvse() throws Exception {
        List<CapturedSession.Entry> capture = CapturedSession.load();
        MacAddress evseHost = MacAddress.parse("02:00:00:00:ee:01");
        EvseSlacConfig d = EvseSlacConfig.defaults();
        EvseSlacConfig cfg = new EvseSlacConfig(d.slacInit(), d.matchSequence(), d.soundWindow(), d.matchResponse(), d.matchSession(),
                d.matchJoin(), d.setKeyTimeout(), d.linkPollInterval(), 10, 0, 2, 2, false);
        EvseSlac m = new EvseSlac(evseHost, MacAddress.QCA_LOCAL, cfg, new SecureRandom());
        long now = 0;
        m.start(now);
        m.onFrame(HomePlugFrame.decode(capture.get(3).frame()), now); // the capture's own CM_SET_KEY.CNF
        m.plugIn(now);

        List<HomePlugFrame> ours = new ArrayList<>();
        List<SlacAction> all = new ArrayList<>();
        for (int i = 4; i < 33; i++) {
            HomePlugFrame f = HomePlugFrame.decode(capture.get(i).frame());
            if (f.source().equals(evseHost)) {
                continue; // the captured EVSE's own answers: ours are compared with them below
            }
            now += Duration.ofMillis(5).toNanos();
            List<SlacAction> a = m.onFrame(f, now);
            all.addAll(a);
            a.stream().filter(x -> x instanceof SlacAction.Send).forEach(x -> ours.add(((SlacAction.Send) x).frame()));
        }
        assertEquals(3, ours.size(), ours.toString());
        assertArrayEquals(capture.get(5).frame(), ours.get(0).encode(), "CM_SLAC_PARM.CNF byte for byte");

        var theirs = (Mme.AttenCharInd) HomePlugFrame.decode(capture.get(29).frame()).mme();
        var mine = assertInstanceOf(Mme.AttenCharInd.class, ours.get(1).mme());
        assertArrayEquals(theirs.aag(), mine.aag(), "same averages");
        assertEquals(theirs.numSounds(), mine.numSounds());
        assertEquals(theirs.runId(), mine.runId());
        assertEquals(theirs.sourceAddress(), mine.sourceAddress());

        var theirCnf = (Mme.SlacMatchCnf) HomePlugFrame.decode(capture.get(32).frame()).mme();
        var myCnf = assertInstanceOf(Mme.SlacMatchCnf.class, ours.get(2).mme());
        assertEquals(theirCnf.runId(), myCnf.runId());
        assertEquals(theirCnf.pevMac(), myCnf.pevMac());
        assertEquals(theirCnf.evseMac(), myCnf.evseMac());
        assertEquals(theirCnf.mvfLength(), myCnf.mvfLength());
        assertEquals(HomePlugFrame.decode(capture.get(32).frame()).destination(), ours.get(2).destination());
        assertEquals("LinkUp", m.stateName());
        var matched = all.stream().filter(x -> x instanceof SlacAction.Matched).map(SlacAction.Matched.class::cast).findFirst().orElseThrow();
        assertArrayEquals(myCnf.nmk(), matched.nmk());
        assertEquals(false, Arrays.equals(theirCnf.nmk(), myCnf.nmk()), "our NMK is fresh, not the capture's fixed key");
    }
}
