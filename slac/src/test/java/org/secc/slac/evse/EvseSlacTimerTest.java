package org.secc.slac.evse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.secc.slac.SlacAction;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;

/** Every timer of the EVSE side: nothing happens one nanosecond before it, its action at it. */
class EvseSlacTimerTest {
    private static final long NS = 1;

    @Test
    void setKeyIsRepeatedThenTheModemIsDeclaredFailed() {
        Rig r = new Rig();
        r.start();
        for (int attempt = 2; attempt <= 3; attempt++) {
            r.now = r.m.deadline() - NS;
            assertTrue(r.take(r.m.onTick(r.now)).isEmpty());
            List<SlacAction> a = r.toDeadline();
            assertInstanceOf(Mme.SetKeyReq.class, Rig.sent(a).get(0).mme(), "attempt " + attempt);
        }
        assertEquals(Duration.ofMillis(500).toNanos(), r.m.deadline() - r.now);
        List<SlacAction> a = r.toDeadline();
        assertInstanceOf(SlacAction.Failed.class, a.get(0));
        assertEquals("ModemError", r.m.stateName());
        assertTrue(r.fromPev(Rig.parm()).isEmpty(), "no matching without a keyed modem");
        r.start();
        r.keyed();
        assertEquals("Unplugged", r.m.stateName(), "start retries the modem");
    }

    @Test
    void slacInitTimeoutAfterPlugIn() {
        Rig r = new Rig().ready();
        assertEquals(Duration.ofSeconds(50).toNanos(), r.m.deadline() - r.now);
        r.now = r.m.deadline() - NS;
        assertTrue(r.take(r.m.onTick(r.now)).isEmpty());
        assertEquals(List.of(new SlacAction.InitTimeout()), r.toDeadline());
        assertEquals("WaitingForParm", r.m.stateName(), "a car may still start later");
        assertEquals(EvseSlac.NONE, r.m.deadline());
        assertEquals(1, Rig.sent(r.fromPev(Rig.parm())).size());
    }

    @Test
    void plugInDuringKeyingKeepsTheInitTimer() {
        Rig r = new Rig();
        r.start();
        r.plugIn();
        long init = r.now + Duration.ofSeconds(50).toNanos();
        r.keyed();
        assertEquals("WaitingForParm", r.m.stateName());
        assertEquals(init, r.m.deadline());
    }

    @Test
    void matchSequenceTimeoutWithoutStartAtten() {
        Rig r = new Rig().ready();
        r.fromPev(Rig.parm());
        assertEquals(Duration.ofMillis(400).toNanos(), r.m.deadline() - r.now);
        r.now = r.m.deadline() - NS;
        assertTrue(r.take(r.m.onTick(r.now)).isEmpty());
        assertInstanceOf(SlacAction.AttemptFailed.class, r.toDeadline().get(0));
        assertEquals("WaitingForParm", r.m.stateName());
    }

    @Test
    void soundWindowEndsWithWhatWasMeasured() {
        Rig r = new Rig().sounding();
        for (int i = 0; i < 4; i++) {
            r.frame(HomePlugFrame.of(Rig.EVSE, Rig.MODEM, Rig.profile(10 + 10 * i)));
        }
        r.now = r.m.deadline() - NS;
        assertTrue(r.take(r.m.onTick(r.now)).isEmpty());
        var ind = (Mme.AttenCharInd) Rig.sent(r.toDeadline()).get(0).mme();
        assertEquals(4, ind.numSounds(), "NUM_SOUNDS = profiles actually received");
        assertEquals(25, ind.aag()[57]);
    }

    @Test
    void emptySoundWindowStillAnswersWithFiftyEightGroups() {
        Rig r = new Rig().sounding();
        var ind = (Mme.AttenCharInd) Rig.sent(r.toDeadline()).get(0).mme();
        assertEquals(0, ind.numSounds());
        assertEquals(58, ind.aag().length);
        assertEquals(1, ind.aag()[0]);
    }

    @Test
    void attenCharIsResentTwiceThenTheAttemptFails() {
        Rig r = new Rig().attenCharSent();
        HomePlugFrame first = Rig.sent(r.actions).stream().filter(f -> f.mme() instanceof Mme.AttenCharInd).findFirst().orElseThrow();
        for (int i = 0; i < 2; i++) {
            assertEquals(Duration.ofMillis(200).toNanos(), r.m.deadline() - r.now);
            r.now = r.m.deadline() - NS;
            assertTrue(r.take(r.m.onTick(r.now)).isEmpty());
            List<HomePlugFrame> again = Rig.sent(r.toDeadline());
            assertEquals(first, again.get(0));
        }
        assertInstanceOf(SlacAction.AttemptFailed.class, r.toDeadline().get(0));
        assertEquals("WaitingForParm", r.m.stateName());
    }

    @Test
    void matchSessionTimeout() {
        Rig r = new Rig().waitingForMatch();
        assertEquals(Duration.ofSeconds(10).toNanos(), r.m.deadline() - r.now);
        r.now = r.m.deadline() - NS;
        assertTrue(r.take(r.m.onTick(r.now)).isEmpty());
        assertInstanceOf(SlacAction.AttemptFailed.class, r.toDeadline().get(0));
    }

    @Test
    void joinTimeoutFailsAndRekeys() {
        Rig r = new Rig().joining();
        long join = r.now + Duration.ofSeconds(12).toNanos();
        int polls = 0;
        while (r.m.deadline() < join) {
            List<SlacAction> a = r.toDeadline();
            assertInstanceOf(Mme.LinkStatusReq.class, Rig.sent(a).get(0).mme());
            polls++;
        }
        assertEquals(23, polls, "every 500 ms until 12 s");
        List<SlacAction> a = r.toDeadline();
        assertInstanceOf(SlacAction.AttemptFailed.class, a.get(0));
        assertInstanceOf(Mme.SetKeyReq.class, Rig.sent(a).get(0).mme(), "the car holds our NMK: a new one");
        assertEquals("Keying", r.m.stateName());
    }

    @Test
    void linkIsPolledWhileUp() {
        Rig r = new Rig().linkUp();
        assertEquals(Duration.ofMillis(500).toNanos(), r.m.deadline() - r.now);
        assertInstanceOf(Mme.LinkStatusReq.class, Rig.sent(r.toDeadline()).get(0).mme());
        assertEquals("LinkUp", r.m.stateName());
    }

    @Test
    void lateTicksStillFire() {
        Rig r = new Rig().ready();
        r.fromPev(Rig.parm());
        r.now += Duration.ofSeconds(30).toNanos();
        assertInstanceOf(SlacAction.AttemptFailed.class, r.take(r.m.onTick(r.now)).get(0));
    }
}
