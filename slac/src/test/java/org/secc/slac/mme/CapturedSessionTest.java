package org.secc.slac.mme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.secc.slac.Keys;
import org.secc.slac.MacAddress;

/** Every frame two independent implementations exchanged decodes and re-encodes byte for byte. */
class CapturedSessionTest {
    @Test
    void all37FramesRoundTrip() throws Exception {
        List<CapturedSession.Entry> entries = CapturedSession.load();
        assertEquals(37, entries.size());
        for (CapturedSession.Entry e : entries) {
            HomePlugFrame f = HomePlugFrame.decode(e.frame());
            assertArrayEquals(e.frame(), f.encode(), e.header());
            String name = MmType.name(f.mmType()).replace("SLAC_PARM", "SLAC_PARAM");
            assertTrue(e.header().contains(name), e.header() + " decoded as " + name);
        }
    }

    @Test
    void decodedFieldsAgreeWithTheCapture() throws Exception {
        List<CapturedSession.Entry> s = CapturedSession.load();
        var parmReq = assertInstanceOf(Mme.SlacParmReq.class, HomePlugFrame.decode(s.get(4).frame()).mme());
        assertEquals(0x02000000ea010001L, parmReq.runId());
        HomePlugFrame cnfFrame = HomePlugFrame.decode(s.get(5).frame());
        var cnf = assertInstanceOf(Mme.SlacParmCnf.class, cnfFrame.mme());
        assertEquals(10, cnf.numSounds());
        assertEquals(6, cnf.timeOut());
        assertEquals(0, cnf.respType());
        assertEquals(MacAddress.parse("02:00:00:00:ea:01"), cnf.forwardingSta());
        assertEquals(MacAddress.BROADCAST, cnf.msoundTarget());
        assertEquals(MacAddress.parse("02:00:00:00:ee:01"), cnfFrame.source());

        var profile = assertInstanceOf(Mme.AttenProfileInd.class, HomePlugFrame.decode(s.get(10).frame()).mme());
        assertEquals(58, profile.numGroups());
        var atten = assertInstanceOf(Mme.AttenCharInd.class, HomePlugFrame.decode(s.get(29).frame()).mme());
        assertEquals(58, atten.aag().length, "NumGroups, not the 255-byte array of that EVSE");
        assertEquals(326, HomePlugFrame.decode(s.get(29).frame()).wireLength());

        var match = assertInstanceOf(Mme.SlacMatchCnf.class, HomePlugFrame.decode(s.get(32).frame()).mme());
        assertEquals(Mme.SlacMatchCnf.MVF_LENGTH, match.mvfLength());
        assertEquals(Keys.nid(match.nmk()), match.nid(), "the NID handed over belongs to the NMK");

        var setKey = assertInstanceOf(Mme.SetKeyReq.class, HomePlugFrame.decode(s.get(2).frame()).mme());
        assertEquals("026bcba5354e08", Keys.nidHex(setKey.nid()));
        assertEquals("b59319d7e8157ba001b018669ccee30d", HexFormat.of().formatHex(setKey.newKey()));
        var setKeyCnf = assertInstanceOf(Mme.SetKeyCnf.class, HomePlugFrame.decode(s.get(3).frame()).mme());
        assertEquals(1, setKeyCnf.result(), "QCA's success value");
    }

    @Test
    void nidAndNmkDerivationMatchHomePlugVectors() {
        byte[] nmk1 = Keys.nmkFromPassphrase("HomePlugAV");
        assertEquals("50d3e4933f855b7040784df815aa8db7", HexFormat.of().formatHex(nmk1));
        assertEquals("b0f2e695666b03", Keys.nidHex(Keys.nid(nmk1)));
        byte[] nmk2 = Keys.nmkFromPassphrase("HomePlugAV0123");
        assertEquals("b59319d7e8157ba001b018669ccee30d", HexFormat.of().formatHex(nmk2));
        assertEquals("026bcba5354e08", Keys.nidHex(Keys.nid(nmk2)));
        assertTrue((Keys.nid(nmk2) & 0xF0) == 0, "security level simple connect leaves the top bits of NID[6] zero");
    }
}
