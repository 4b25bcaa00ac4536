package org.secc.slac.evse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.secc.slac.Keys;
import org.secc.slac.MacAddress;
import org.secc.slac.SlacAction;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;

class EvseSlacTest {
    @Test
    void startKeysTheModemWithAFreshNmk() {
        Rig r = new Rig();
        List<HomePlugFrame> sent = Rig.sent(r.start());
        assertEquals(1, sent.size());
        assertEquals(MacAddress.QCA_LOCAL, sent.get(0).destination());
        var req = assertInstanceOf(Mme.SetKeyReq.class, sent.get(0).mme());
        assertEquals(Keys.nid(req.newKey()), req.nid());
        assertEquals("Keying", r.m.stateName());
        Rig other = new Rig();
        var req2 = (Mme.SetKeyReq) Rig.sent(other.start()).get(0).mme();
        assertTrue(!java.util.Arrays.equals(req.newKey(), req2.newKey()), "a new random NMK per start");
        r.keyed();
        var keyed = r.of(SlacAction.ModemKeyed.class);
        assertEquals(1, keyed.size());
        assertEquals(1, keyed.get(0).result(), "QCA's RESULT 1 is accepted as success");
        assertEquals("Unplugged", r.m.stateName());
    }

    @Test
    void fullMatchProducesTheExpectedFrames() {
        Rig r = new Rig().ready();
        assertEquals("WaitingForParm", r.m.stateName());
        List<HomePlugFrame> cnf = Rig.sent(r.fromPev(Rig.parm()));
        assertEquals(1, cnf.size());
        assertEquals(Rig.PEV, cnf.get(0).destination());
        var parmCnf = assertInstanceOf(Mme.SlacParmCnf.class, cnf.get(0).mme());
        assertEquals(10, parmCnf.numSounds());
        assertEquals(6, parmCnf.timeOut());
        assertEquals(1, parmCnf.respType());
        assertEquals(Rig.RUN, parmCnf.runId());
        assertEquals(Rig.PEV, parmCnf.forwardingSta());
        assertEquals(MacAddress.BROADCAST, parmCnf.msoundTarget());

        for (int i = 0; i < 3; i++) {
            assertTrue(r.fromPev(Rig.startAtten()).isEmpty());
        }
        assertEquals("Sounding", r.m.stateName());
        List<HomePlugFrame> ind = List.of();
        for (int i = 0; i < 10; i++) {
            r.fromPev(Rig.sound(9 - i));
            ind = Rig.sent(r.frame(HomePlugFrame.of(Rig.EVSE, Rig.MODEM, Rig.profile(20 + i))));
        }
        assertEquals(1, ind.size(), "ATTEN_CHAR.IND right after the tenth profile");
        var atten = assertInstanceOf(Mme.AttenCharInd.class, ind.get(0).mme());
        assertEquals(10, atten.numSounds());
        assertEquals(58, atten.aag().length);
        assertEquals(24, atten.aag()[0], "(20+...+29)/10 = 24.5, truncated");
        assertEquals(Rig.PEV, atten.sourceAddress());

        r.fromPev(Rig.rsp(0));
        assertEquals("WaitingForMatch", r.m.stateName());
        List<SlacAction> match = r.fromPev(Rig.matchReq());
        var matchCnf = assertInstanceOf(Mme.SlacMatchCnf.class, Rig.sent(match).get(0).mme());
        var matched = r.of(SlacAction.Matched.class).get(0);
        assertArrayEquals(matchCnf.nmk(), matched.nmk());
        assertEquals(matchCnf.nid(), matched.nid());
        assertEquals(Keys.nid(matched.nmk()), matched.nid());
        assertEquals(Rig.EVSE, matchCnf.evseMac());
        assertEquals(Mme.SlacMatchCnf.MVF_LENGTH, matchCnf.mvfLength());
        assertInstanceOf(Mme.LinkStatusReq.class, Rig.sent(match).get(1).mme());
        assertEquals("Joining", r.m.stateName());

        r.frame(HomePlugFrame.of(Rig.EVSE, Rig.MODEM, new Mme.LinkStatusCnf(0, 0)));
        assertEquals("Joining", r.m.stateName(), "not yet connected");
        r.frame(HomePlugFrame.of(Rig.EVSE, Rig.MODEM, new Mme.LinkStatusCnf(0, 1)));
        assertEquals("LinkUp", r.m.stateName());
        assertEquals(List.of(new SlacAction.LinkReady(Rig.PEV)), r.of(SlacAction.LinkReady.class));
    }

    @Test
    void withoutLinkPollingTheMatchIsTheLink() {
        EvseSlacConfig d = EvseSlacConfig.defaults();
        Rig r = new Rig(new EvseSlacConfig(d.slacInit(), d.matchSequence(), d.soundWindow(), d.matchResponse(), d.matchSession(),
                d.matchJoin(), d.setKeyTimeout(), d.linkPollInterval(), d.numSounds(), d.respType(), d.attenCharRetries(),
                d.setKeyRetries(), false));
        r.joining();
        assertEquals("LinkUp", r.m.stateName());
        assertEquals(1, r.of(SlacAction.LinkReady.class).size());
    }

    @Test
    void lateDuplicateMatchRequestsGetTheSameAnswer() {
        Rig r = new Rig().joining();
        HomePlugFrame first = Rig.sent(r.actions).stream().filter(f -> f.mme() instanceof Mme.SlacMatchCnf).findFirst().orElseThrow();
        List<HomePlugFrame> again = Rig.sent(r.fromPev(Rig.matchReq()));
        assertArrayEquals(first.encode(), again.get(0).encode());
        r.frame(HomePlugFrame.of(Rig.EVSE, Rig.MODEM, new Mme.LinkStatusCnf(0, 1)));
        assertArrayEquals(first.encode(), Rig.sent(r.fromPev(Rig.matchReq())).get(0).encode());
    }

    @Test
    void validationIsAnsweredNotSupported() {
        Rig r = new Rig().waitingForMatch();
        var cnf = assertInstanceOf(Mme.ValidateCnf.class, Rig.sent(r.fromPev(new Mme.ValidateReq(0, 0, 1))).get(0).mme());
        assertEquals(WaitingForMatch.VALIDATE_NOT_SUPPORTED, cnf.result());
        assertEquals("WaitingForMatch", r.m.stateName());
    }

    @Test
    void profilesBeforeTheirSoundsAndLostStartAttenAreTolerated() {
        Rig r = new Rig().ready();
        r.fromPev(Rig.parm());
        r.frame(HomePlugFrame.of(Rig.EVSE, Rig.MODEM, Rig.profile(30))); // overtakes sounds and START_ATTEN
        assertEquals("Sounding", r.m.stateName());
        for (int i = 0; i < 9; i++) {
            r.frame(HomePlugFrame.of(Rig.EVSE, Rig.MODEM, Rig.profile(30)));
        }
        assertEquals("WaitingForAttenCharRsp", r.m.stateName());
        Rig s = new Rig().ready();
        s.fromPev(Rig.parm());
        s.fromPev(Rig.sound(9));
        assertEquals("Sounding", s.m.stateName());
    }

    @Test
    void repeatedParmRequestRestartsTheSessionWithTheNewRunId() {
        Rig r = new Rig().sounding();
        var cnf = (Mme.SlacParmCnf) Rig.sent(r.fromPev(new Mme.SlacParmReq(Rig.RUN + 1))).get(0).mme();
        assertEquals(Rig.RUN + 1, cnf.runId());
        assertEquals("WaitingForStartAtten", r.m.stateName());
        r.fromPev(Rig.startAtten()); // old RUN_ID: ignored
        assertEquals("WaitingForStartAtten", r.m.stateName());
    }

    @Test
    void parmRequestsFromAnotherCarAreIgnoredWhileMatching() {
        Rig r = new Rig().sounding();
        assertTrue(r.frame(HomePlugFrame.of(MacAddress.BROADCAST, Rig.OTHER_PEV, Rig.parm())).isEmpty());
        assertEquals("Sounding", r.m.stateName());
        Rig idle = new Rig().ready();
        assertEquals(1, Rig.sent(idle.frame(HomePlugFrame.of(MacAddress.BROADCAST, Rig.OTHER_PEV, Rig.parm()))).size(),
                "with no session running any car may start one");
    }

    @Test
    void parmRequestsWithSecurityOrAnotherApplicationAreIgnored() {
        Rig r = new Rig().ready();
        assertTrue(r.fromPev(new Mme.SlacParmReq(0, 1, Rig.RUN, new int[] {1})).isEmpty());
        assertTrue(r.fromPev(new Mme.SlacParmReq(1, 0, Rig.RUN, new int[0])).isEmpty());
        assertEquals("WaitingForParm", r.m.stateName());
    }

    @Test
    void noParmRequestWhileUnpluggedOrKeying() {
        Rig r = new Rig();
        r.start();
        assertTrue(r.fromPev(Rig.parm()).isEmpty(), "keying");
        r.keyed();
        assertTrue(r.fromPev(Rig.parm()).isEmpty(), "unplugged");
    }

    @Test
    void matchRequestWithWrongFieldsIsIgnored() {
        byte[] z = Rig.Z17;
        List<Mme.SlacMatchReq> bad = List.of(
                new Mme.SlacMatchReq(0, 0, 0x3F, z, Rig.PEV, z, Rig.EVSE, Rig.RUN, 0),
                new Mme.SlacMatchReq(1, 0, 0x3E, z, Rig.PEV, z, Rig.EVSE, Rig.RUN, 0),
                new Mme.SlacMatchReq(0, 1, 0x3E, z, Rig.PEV, z, Rig.EVSE, Rig.RUN, 0),
                new Mme.SlacMatchReq(0, 0, 0x3E, z, Rig.OTHER_PEV, z, Rig.EVSE, Rig.RUN, 0),
                new Mme.SlacMatchReq(0, 0, 0x3E, z, Rig.PEV, z, Rig.OTHER_PEV, Rig.RUN, 0),
                new Mme.SlacMatchReq(0, 0, 0x3E, z, Rig.PEV, z, Rig.EVSE, Rig.RUN + 7, 0));
        for (Mme.SlacMatchReq req : bad) {
            Rig r = new Rig().waitingForMatch();
            assertTrue(r.fromPev(req).isEmpty(), req.toString());
            assertEquals("WaitingForMatch", r.m.stateName());
        }
    }

    @Test
    void refusedAttenuationEndsTheAttempt() {
        Rig r = new Rig().attenCharSent();
        r.fromPev(Rig.rsp(1));
        assertEquals("WaitingForParm", r.m.stateName());
        assertEquals(1, r.of(SlacAction.AttemptFailed.class).size());
    }

    @Test
    void linkLossReportsAndRekeys() {
        Rig r = new Rig().linkUp();
        byte[] nmk = r.of(SlacAction.Matched.class).get(0).nmk();
        List<SlacAction> a = r.frame(HomePlugFrame.of(Rig.EVSE, Rig.MODEM, new Mme.LinkStatusCnf(0, 0)));
        assertEquals(new SlacAction.LinkLost(Rig.PEV), a.get(0));
        var rekey = assertInstanceOf(Mme.SetKeyReq.class, Rig.sent(a).get(0).mme());
        assertTrue(!java.util.Arrays.equals(nmk, rekey.newKey()));
        r.keyed();
        assertEquals("WaitingForParm", r.m.stateName(), "the car is still plugged in and may match again");
    }

    @Test
    void leaveSetsANewKeyAtOnce() {
        Rig r = new Rig().linkUp();
        byte[] nmk = r.of(SlacAction.Matched.class).get(0).nmk();
        var rekey = assertInstanceOf(Mme.SetKeyReq.class, Rig.sent(r.take(r.m.leave(r.now, false))).get(0).mme());
        assertTrue(!java.util.Arrays.equals(nmk, rekey.newKey()));
        r.keyed();
        assertEquals("Unplugged", r.m.stateName());
        assertTrue(!r.m.linkUp());
    }

    @Test
    void matchedEventCarriesWhatTheCliPrints() {
        Rig r = new Rig().joining();
        String s = r.of(SlacAction.Matched.class).get(0).toString();
        assertTrue(s.contains("peer=02:00:00:00:ea:01"), s);
    }

    @Test
    void deadlineIsNeverBeforeNow() {
        Rig r = new Rig().sounding();
        assertEquals(r.now + Duration.ofMillis(600).toNanos(), r.m.deadline());
    }
}
