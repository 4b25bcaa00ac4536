package org.secc.slac.pev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.secc.slac.Keys;
import org.secc.slac.MacAddress;
import org.secc.slac.SlacAction;
import org.secc.slac.mme.CapturedSession;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;
import org.secc.slac.mme.MmeException;

/** The car side on a fake clock: every timer and retry, and 100 000 foreign or garbage frames. */
class PevSlacTest {
    static final MacAddress PEV = MacAddress.parse("02:00:00:00:ea:01");
    static final MacAddress EVSE = MacAddress.parse("02:00:00:00:ee:01");
    static final MacAddress MODEM = MacAddress.parse("00:b0:52:00:00:0a");
    static final byte[] Z = new byte[17];

    long now = 1_000_000_000L;
    final List<SlacAction> actions = new ArrayList<>();
    final PevSlac m = new PevSlac(PEV, MacAddress.QCA_LOCAL, PevSlacConfig.defaults(), new SecureRandom());

    List<SlacAction> take(List<SlacAction> a) {
        actions.addAll(a);
        return a;
    }

    List<HomePlugFrame> sent(List<SlacAction> a) {
        return a.stream().filter(x -> x instanceof SlacAction.Send).map(x -> ((SlacAction.Send) x).frame()).toList();
    }

    List<SlacAction> tick() {
        now = m.deadline();
        return take(m.onTick(now));
    }

    List<SlacAction> in(MacAddress from, Mme mme) {
        return take(m.onFrame(HomePlugFrame.of(PEV, from, mme), now));
    }

    long keyedAndMatching() {
        take(m.start(now));
        in(MODEM, new Mme.SetKeyCnf(1, 0, 0, 4, 0, 0, 0));
        assertEquals(PevSlac.State.IDLE, m.state());
        var req = (Mme.SlacParmReq) sent(take(m.beginMatching(now))).get(0).mme();
        return req.runId();
    }

    long sounded() {
        long run = keyedAndMatching();
        in(EVSE, new Mme.SlacParmCnf(MacAddress.BROADCAST, 10, 6, 1, PEV, 0, 0, run, 0));
        while (m.state() == PevSlac.State.SOUNDING) {
            tick();
        }
        return run;
    }

    @Test
    void soundsThreeStartsAndTheAskedNumberOfSoundsPaced() {
        long run = keyedAndMatching();
        List<HomePlugFrame> first = sent(in(EVSE, new Mme.SlacParmCnf(MacAddress.BROADCAST, 10, 6, 1, PEV, 0, 0, run, 0)));
        assertInstanceOf(Mme.StartAttenCharInd.class, first.get(0).mme());
        assertEquals(Duration.ofMillis(20).toNanos(), m.deadline() - now, "TP_EV_batch_msg_interval");
        int starts = 1;
        int sounds = 0;
        while (m.state() == PevSlac.State.SOUNDING) {
            for (HomePlugFrame f : sent(tick())) {
                if (f.mme() instanceof Mme.StartAttenCharInd) {
                    starts++;
                } else if (f.mme() instanceof Mme.MnbcSoundInd s) {
                    sounds++;
                    assertEquals(run, s.runId());
                    assertEquals(MacAddress.BROADCAST, f.destination());
                }
            }
        }
        assertEquals(3, starts);
        assertEquals(10, sounds);
        assertEquals(PevSlac.State.WAIT_ATTEN_CHAR, m.state());
    }

    @Test
    void parmRequestIsRepeatedTwiceThenANewAttemptStarts() {
        long run = keyedAndMatching();
        for (int i = 0; i < 2; i++) {
            now = m.deadline() - 1;
            assertTrue(take(m.onTick(now)).isEmpty());
            assertEquals(run, ((Mme.SlacParmReq) sent(tick()).get(0).mme()).runId(), "same RUN_ID on a retry");
        }
        List<SlacAction> a = tick();
        assertInstanceOf(SlacAction.AttemptFailed.class, a.get(0));
        long next = ((Mme.SlacParmReq) sent(a).get(0).mme()).runId();
        assertTrue(next != run, "a new attempt has a new RUN_ID");
    }

    @Test
    void choosesTheLowestAttenuationAndMatches() {
        long run = sounded();
        MacAddress far = MacAddress.parse("02:00:00:00:ff:01");
        byte[] near = new byte[58];
        java.util.Arrays.fill(near, (byte) 12);
        byte[] farAag = new byte[58];
        java.util.Arrays.fill(farAag, (byte) 30);
        assertInstanceOf(Mme.AttenCharRsp.class, sent(in(far, new Mme.AttenCharInd(0, 0, PEV, run, Z, Z, 10, farAag))).get(0).mme());
        in(EVSE, new Mme.AttenCharInd(0, 0, PEV, run, Z, Z, 10, near));
        in(EVSE, new Mme.AttenCharInd(0, 0, PEV, run + 1, Z, Z, 10, near)); // another run: ignored
        List<HomePlugFrame> match = sent(tick());
        assertEquals(EVSE, match.get(0).destination());
        var req = assertInstanceOf(Mme.SlacMatchReq.class, match.get(0).mme());
        assertEquals(EVSE, req.evseMac());
        assertEquals(Mme.SlacMatchReq.MVF_LENGTH, req.mvfLength());
        byte[] nmk = Keys.nmkFromPassphrase("HomePlugAV0123");
        var key = assertInstanceOf(Mme.SetKeyReq.class, sent(in(EVSE, new Mme.SlacMatchCnf(0, 0, 0x56, Z, PEV, Z, EVSE, run, 0,
                Keys.nid(nmk), 0, nmk))).get(0).mme());
        assertEquals(Keys.nid(nmk), key.nid());
        in(MODEM, new Mme.SetKeyCnf(1, 0, 0, 4, 0, 0, 0));
        assertEquals(EVSE, actions.stream().filter(x -> x instanceof SlacAction.Matched).map(x -> ((SlacAction.Matched) x).peer()).findFirst().orElseThrow());
        in(MODEM, new Mme.LinkStatusCnf(0, 1));
        assertEquals(PevSlac.State.MATCHED, m.state());
    }

    @Test
    void matchRequestIsRepeatedThenTheAttemptFails() {
        long run = sounded();
        byte[] aag = new byte[58];
        java.util.Arrays.fill(aag, (byte) 12);
        in(EVSE, new Mme.AttenCharInd(0, 0, PEV, run, Z, Z, 10, aag));
        HomePlugFrame req = sent(tick()).get(0);
        for (int i = 0; i < 2; i++) {
            assertEquals(req, sent(tick()).get(0));
        }
        assertInstanceOf(SlacAction.AttemptFailed.class, tick().get(0));
        assertEquals(PevSlac.State.WAIT_PARM_CNF, m.state());
    }

    @Test
    void noAttenuationResultsWithinTheWindowStartsANewAttempt() {
        long run = sounded();
        assertEquals(PevSlac.State.WAIT_ATTEN_CHAR, m.state());
        long end = m.deadline();
        now = end - 1;
        assertTrue(take(m.onTick(now)).isEmpty(), "one nanosecond before TT_EV_atten_results");
        List<SlacAction> a = tick();
        assertInstanceOf(SlacAction.AttemptFailed.class, a.get(0));
        assertTrue(((Mme.SlacParmReq) sent(a).get(0).mme()).runId() != run);
    }

    @Test
    void modemThatNeverJoinsTheChargersNetworkFailsTheAttemptAndRekeys() {
        long run = sounded();
        byte[] aag = new byte[58];
        java.util.Arrays.fill(aag, (byte) 12);
        in(EVSE, new Mme.AttenCharInd(0, 0, PEV, run, Z, Z, 10, aag));
        tick();
        byte[] nmk = Keys.nmkFromPassphrase("HomePlugAV");
        in(EVSE, new Mme.SlacMatchCnf(0, 0, 0x56, Z, PEV, Z, EVSE, run, 0, Keys.nid(nmk), 0, nmk));
        long joinStart = now;
        in(MODEM, new Mme.SetKeyCnf(1, 0, 0, 4, 0, 0, 0));
        assertEquals(PevSlac.State.JOINING_LINK, m.state());
        int polls = 0;
        while (m.deadline() - joinStart < Duration.ofSeconds(12).toNanos()) {
            assertInstanceOf(Mme.LinkStatusReq.class, sent(tick()).get(0).mme());
            polls++;
        }
        assertTrue(polls >= 20, "polled every 500 ms: " + polls);
        List<SlacAction> a = tick();
        assertInstanceOf(SlacAction.AttemptFailed.class, a.get(0), a.toString());
        var rekey = sent(a).stream().filter(f -> f.mme() instanceof Mme.SetKeyReq).map(f -> (Mme.SetKeyReq) f.mme()).findFirst().orElseThrow();
        assertTrue(!java.util.Arrays.equals(nmk, rekey.newKey()), "back to a private key");
    }

    @Test
    void ownModemThatNeverAnswersFails() {
        take(m.start(now));
        tick();
        tick();
        assertInstanceOf(SlacAction.Failed.class, tick().get(0));
        assertEquals(PevSlac.State.FAILED, m.state());
    }

    @Test
    void foreignAndGarbageFramesNeverMoveIt() throws Exception {
        List<byte[]> seeds = CapturedSession.load().stream().map(CapturedSession.Entry::frame).toList();
        Random rnd = new Random(77);
        long run = sounded();
        PevSlac.State before = m.state();
        int decoded = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] b = org.secc.slac.evse.EvseSlacRobustnessTestAccess.mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            HomePlugFrame f;
            try {
                f = HomePlugFrame.decode(b);
            } catch (MmeException e) {
                continue;
            }
            decoded++;
            boolean ofThisRun = f.mme() instanceof Mme.AttenCharInd ind && ind.runId() == run && f.destination().equals(PEV);
            if (ofThisRun) {
                continue;
            }
            take(m.onFrame(f, now));
            assertEquals(before, m.state(), () -> "moved by " + f);
        }
        assertTrue(decoded > 1000);
    }
}
