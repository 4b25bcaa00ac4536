package org.secc.slac.evse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.secc.slac.MacAddress;
import org.secc.slac.SlacAction;
import org.secc.slac.mme.CapturedSession;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;
import org.secc.slac.mme.MmeException;

/**
 * 100 000 random and mutated frames: decoding either succeeds or raises {@link MmeException}; the
 * machine never throws, and frames from other stations (or with another RUN_ID) never move it.
 */
class EvseSlacRobustnessTest {
    private static final int FRAMES = Integer.getInteger("slac.fuzz.frames", 100_000);

    @Test
    void garbageAndForeignFramesNeverMoveTheMachine() throws Exception {
        List<byte[]> seeds = CapturedSession.load().stream().map(CapturedSession.Entry::frame).toList();
        Random rnd = new Random(0x51AC);
        List<Supplier<Rig>> states = List.of(
                () -> new Rig().ready(), () -> {
                    Rig r = new Rig().ready();
                    r.fromPev(Rig.parm());
                    return r;
                }, () -> new Rig().sounding(), () -> new Rig().attenCharSent(), () -> new Rig().waitingForMatch(),
                () -> new Rig().joining(), () -> new Rig().linkUp());
        int decoded = 0;
        int refused = 0;
        int perState = FRAMES / states.size();
        for (Supplier<Rig> make : states) {
            Rig r = make.get();
            String before = r.m.stateName();
            for (int i = 0; i < perState; i++) {
                byte[] frame = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                boolean foreignSource = rnd.nextInt(4) != 0;
                if (frame.length >= 12) {
                    MacAddress src = foreignSource ? Rig.OTHER_PEV : Rig.PEV;
                    src.write(frame, 6);
                }
                HomePlugFrame f;
                try {
                    f = HomePlugFrame.decode(frame);
                    decoded++;
                } catch (MmeException e) {
                    refused++;
                    continue;
                }
                if (!foreignSource && !foreignRun(f.mme())) {
                    continue; // a plausible frame of the session itself may move the machine; not what is checked here
                }
                if (isModemOrStart(f.mme(), before)) {
                    continue;
                }
                List<SlacAction> a = r.m.onFrame(f, r.now);
                assertEquals(before, r.m.stateName(), () -> "moved by " + f + " " + f.mme());
                assertTrue(a.stream().noneMatch(x -> x instanceof SlacAction.Matched), "never matched by a foreign frame");
            }
        }
        assertTrue(decoded > 1000 && refused > 1000, "both paths exercised: " + decoded + " decoded, " + refused + " refused");
    }

    /** Modem reports (any source) and a new matching request (allowed where no session runs) are not foreign. */
    private static boolean isModemOrStart(Mme mme, String state) {
        if (mme instanceof Mme.SetKeyCnf || mme instanceof Mme.LinkStatusCnf || mme instanceof Mme.AttenProfileInd) {
            return true;
        }
        return mme instanceof Mme.SlacParmReq && state.equals("WaitingForParm");
    }

    private static boolean foreignRun(Mme mme) {
        long run = Rig.RUN;
        if (mme instanceof Mme.StartAttenCharInd s) {
            run = s.runId();
        } else if (mme instanceof Mme.MnbcSoundInd s) {
            run = s.runId();
        } else if (mme instanceof Mme.AttenCharRsp s) {
            run = s.runId();
        } else if (mme instanceof Mme.SlacMatchReq s) {
            run = s.runId();
        }
        return run != Rig.RUN;
    }

    static byte[] mutate(byte[] seed, Random rnd) {
        switch (rnd.nextInt(5)) {
            case 0: { // random garbage of a random length
                byte[] b = new byte[rnd.nextInt(400)];
                rnd.nextBytes(b);
                if (b.length > 14 && rnd.nextBoolean()) {
                    b[12] = (byte) 0x88;
                    b[13] = (byte) 0xE1;
                }
                return b;
            }
            case 1: { // truncation
                return java.util.Arrays.copyOf(seed, rnd.nextInt(seed.length + 1));
            }
            case 2: { // extension with noise
                byte[] b = java.util.Arrays.copyOf(seed, seed.length + 1 + rnd.nextInt(100));
                for (int i = seed.length; i < b.length; i++) {
                    b[i] = (byte) rnd.nextInt();
                }
                return b;
            }
            default: { // bit flips and byte replacements
                byte[] b = seed.clone();
                int n = 1 + rnd.nextInt(6);
                for (int k = 0; k < n; k++) {
                    int at = rnd.nextInt(b.length);
                    if (rnd.nextBoolean()) {
                        b[at] ^= (byte) (1 << rnd.nextInt(8));
                    } else {
                        b[at] = (byte) rnd.nextInt();
                    }
                }
                return b;
            }
        }
    }
}
