package org.secc.slac.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.secc.slac.MacAddress;
import org.secc.slac.SlacAction;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;
import org.secc.slac.pev.PevSlac;
import org.secc.slac.pev.PevSlacConfig;

/** Our two state machines through the modem simulator, on a fake clock. */
class SlacLabTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private static SlacLab matchedLab(PlcSimulator.Config sim) throws Exception {
        SlacLab lab = new SlacLab(sim, PevSlacConfig.defaults());
        lab.fromEvse(lab.evse.start(lab.now));
        lab.fromPev(lab.pev.start(lab.now));
        lab.run(SECOND);
        lab.fromEvse(lab.evse.plugIn(lab.now));
        lab.fromPev(lab.pev.beginMatching(lab.now));
        long start = lab.now;
        while (lab.now - start < 20 * SECOND && lab.pev.state() != PevSlac.State.MATCHED && lab.pev.state() != PevSlac.State.FAILED) {
            lab.run(SECOND / 100);
        }
        return lab;
    }

    @Test
    void evseAndPevMatchAndTheLinkForms() throws Exception {
        long t0 = 5_000_000_000L;
        SlacLab lab = matchedLab(PlcSimulator.Config.defaults());
        long elapsed = lab.now - t0 - SECOND;
        assertTrue(elapsed < 2 * SECOND, "the car joined " + elapsed / 1e6 + " ms after it began, well under the ISO budgets");
        lab.run(SECOND); // the charger's next link-status poll
        List<SlacAction.Matched> e = lab.events(lab.evseEvents, SlacAction.Matched.class);
        List<SlacAction.Matched> p = lab.events(lab.pevEvents, SlacAction.Matched.class);
        assertEquals(1, e.size());
        assertEquals(1, p.size());
        assertEquals(SlacLab.PEV_HOST, e.get(0).peer());
        assertEquals(SlacLab.EVSE_HOST, p.get(0).peer());
        assertArrayEquals(e.get(0).nmk(), p.get(0).nmk(), "the car got the charger's key");
        assertEquals(e.get(0).nid(), p.get(0).nid());
        assertTrue(lab.sim.linked());
        assertEquals("LinkUp", lab.evse.stateName());
        assertEquals(PevSlac.State.MATCHED, lab.pev.state());
        assertEquals(1, lab.events(lab.evseEvents, SlacAction.LinkReady.class).size());
        assertEquals(1, lab.events(lab.pevEvents, SlacAction.LinkReady.class).size());
        long profiles = lab.deliveredToEvse.stream().filter(b -> b[15] == (byte) 0x86 && b[16] == 0x60).count();
        assertEquals(10, profiles, "one CM_ATTEN_PROFILE.IND per sound");
    }

    @Test
    void ipTrafficPassesOnlyInsideTheLogicalNetwork() throws Exception {
        PlcSimulator sim = new PlcSimulator(PlcSimulator.Config.defaults());
        byte[] ipv6 = new byte[80];
        SlacLab.PEV_HOST.write(ipv6, 0);
        SlacLab.EVSE_HOST.write(ipv6, 6);
        ipv6[12] = (byte) 0x86;
        ipv6[13] = (byte) 0xDD;
        assertTrue(sim.onFrame(PlcSimulator.Side.EVSE, ipv6).isEmpty(), "no network yet");
        SlacLab lab = matchedLab(PlcSimulator.Config.defaults());
        List<PlcSimulator.Delivery> d = lab.sim.onFrame(PlcSimulator.Side.EVSE, ipv6);
        assertEquals(1, d.size());
        assertEquals(PlcSimulator.Side.PEV, d.get(0).to());
        // the charger leaves the network: traffic stops
        lab.fromEvse(lab.evse.leave(lab.now, false));
        lab.run(SECOND);
        assertTrue(!lab.sim.linked());
        assertTrue(lab.sim.onFrame(PlcSimulator.Side.PEV, ipv6).isEmpty());
    }

    @Test
    void lostSoundsStillMatchWithFewerProfiles() throws Exception {
        SlacLab lab = matchedLab(new PlcSimulator.Config(MacAddress.parse("00:b0:52:00:00:0e"), MacAddress.parse("00:b0:52:00:00:0a"),
                25, 2, 0.4, 7));
        assertEquals(1, lab.events(lab.evseEvents, SlacAction.Matched.class).size());
        Mme.AttenCharInd ind = lab.deliveredToPev.stream().map(b -> {
            try {
                return HomePlugFrame.decode(b).mme();
            } catch (Exception x) {
                return null;
            }
        }).filter(m -> m instanceof Mme.AttenCharInd).map(Mme.AttenCharInd.class::cast).findFirst().orElseThrow();
        assertTrue(ind.numSounds() < 10 && ind.numSounds() > 0, "NUM_SOUNDS = profiles received: " + ind.numSounds());
    }

    @Test
    void aChargerTooFarAwayIsNotChosen() throws Exception {
        SlacLab lab = matchedLab(new PlcSimulator.Config(MacAddress.parse("00:b0:52:00:00:0e"), MacAddress.parse("00:b0:52:00:00:0a"),
                60, 0, 0, 1));
        assertTrue(lab.events(lab.evseEvents, SlacAction.Matched.class).isEmpty());
        assertEquals(PevSlac.State.FAILED, lab.pev.state());
        assertEquals(2, lab.events(lab.pevEvents, SlacAction.AttemptFailed.class).size(), "C_conn_max_match = 3 attempts");
        assertTrue(lab.events(lab.pevEvents, SlacAction.Failed.class).get(0).reason().contains("40 dB"));
        assertTrue(!lab.sim.linked());
    }

    @Test
    void pevWithoutChargerRetriesParmThenGivesUp() throws Exception {
        SlacLab lab = new SlacLab(PlcSimulator.Config.defaults(), PevSlacConfig.defaults());
        lab.fromPev(lab.pev.start(lab.now));
        lab.run(SECOND);
        lab.fromPev(lab.pev.beginMatching(lab.now));
        lab.run(20 * SECOND); // the charger never plugs in: its machine ignores the requests
        long parms = lab.deliveredToEvse.stream().filter(b -> b[15] == 0x64 && b[16] == 0x60).count();
        assertEquals(9, parms, "3 attempts of 1 request + 2 retries");
        assertEquals(PevSlac.State.FAILED, lab.pev.state());
    }

    @Test
    void simulatorAnswersModemQueriesLikeQcaFirmware() throws Exception {
        PlcSimulator sim = new PlcSimulator(PlcSimulator.Config.defaults());
        byte[] nmk = new byte[16];
        var d = sim.onFrame(PlcSimulator.Side.EVSE, HomePlugFrame.of(MacAddress.QCA_LOCAL, SlacLab.EVSE_HOST,
                Mme.SetKeyReq.forNmk(nmk, org.secc.slac.Keys.nid(nmk))).encode());
        var cnf = (Mme.SetKeyCnf) HomePlugFrame.decode(d.get(0).frame()).mme();
        assertEquals(1, cnf.result());
        assertEquals(SlacLab.EVSE_HOST, HomePlugFrame.decode(d.get(0).frame()).destination());
        var ver = (Mme.SwVerCnf) HomePlugFrame.decode(sim.onFrame(PlcSimulator.Side.PEV,
                HomePlugFrame.of(MacAddress.QCA_LOCAL, SlacLab.PEV_HOST, new Mme.SwVerReq()).encode()).get(0).frame()).mme();
        assertTrue(ver.version().startsWith("QCA7000"));
        var link = (Mme.LinkStatusCnf) HomePlugFrame.decode(sim.onFrame(PlcSimulator.Side.PEV,
                HomePlugFrame.of(MacAddress.QCA_LOCAL, SlacLab.PEV_HOST, new Mme.LinkStatusReq()).encode()).get(0).frame()).mme();
        assertEquals(0, link.linkStatus());
    }
}
