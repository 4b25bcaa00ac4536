package org.secc.slac.evse;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.secc.slac.MacAddress;
import org.secc.slac.SlacAction;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;

/** Drives an {@link EvseSlac} with a fake clock and plays the EV's part with the frames a real PEV sends. */
final class Rig {
    static final MacAddress EVSE = MacAddress.parse("02:00:00:00:ee:01");
    static final MacAddress PEV = MacAddress.parse("02:00:00:00:ea:01");
    static final MacAddress OTHER_PEV = MacAddress.parse("02:00:00:00:ab:cd");
    static final MacAddress MODEM = MacAddress.parse("00:b0:52:00:00:ee");
    static final long RUN = 0x02000000ea010001L;
    static final byte[] Z17 = new byte[17];

    final EvseSlacConfig config;
    final EvseSlac m;
    long now = 1_000_000_000L;
    final List<SlacAction> actions = new ArrayList<>();

    Rig() {
        this(EvseSlacConfig.defaults());
    }

    Rig(EvseSlacConfig config) {
        this.config = config;
        this.m = new EvseSlac(EVSE, MacAddress.QCA_LOCAL, config, new SecureRandom());
    }

    List<SlacAction> take(List<SlacAction> a) {
        actions.addAll(a);
        return a;
    }

    List<SlacAction> start() {
        return take(m.start(now));
    }

    List<SlacAction> keyed() {
        return frame(HomePlugFrame.of(EVSE, MODEM, new Mme.SetKeyCnf(1, 0x5a5a5a5aL, 0, 4, 0, 0, 0)));
    }

    List<SlacAction> plugIn() {
        return take(m.plugIn(now));
    }

    List<SlacAction> frame(HomePlugFrame f) {
        return take(m.onFrame(f, now));
    }

    List<SlacAction> fromPev(Mme mme) {
        return frame(HomePlugFrame.of(mme instanceof Mme.SlacParmReq || mme instanceof Mme.StartAttenCharInd
                || mme instanceof Mme.MnbcSoundInd ? MacAddress.BROADCAST : EVSE, PEV, mme));
    }

    List<SlacAction> advance(Duration d) {
        now += d.toNanos();
        return take(m.onTick(now));
    }

    /** Advances to exactly the machine's deadline. */
    List<SlacAction> toDeadline() {
        now = m.deadline();
        return take(m.onTick(now));
    }

    static Mme.SlacParmReq parm() {
        return new Mme.SlacParmReq(RUN);
    }

    static Mme.StartAttenCharInd startAtten() {
        return new Mme.StartAttenCharInd(0, 0, 10, 6, 1, PEV, RUN);
    }

    static Mme.MnbcSoundInd sound(int cnt) {
        return new Mme.MnbcSoundInd(0, 0, Z17, cnt, RUN, 0, new byte[16]);
    }

    static Mme.AttenProfileInd profile(int db) {
        byte[] aag = new byte[58];
        java.util.Arrays.fill(aag, (byte) db);
        return new Mme.AttenProfileInd(PEV, 0, aag);
    }

    static Mme.AttenCharRsp rsp(int result) {
        return new Mme.AttenCharRsp(0, 0, PEV, RUN, Z17, Z17, result);
    }

    static Mme.SlacMatchReq matchReq() {
        return new Mme.SlacMatchReq(0, 0, Mme.SlacMatchReq.MVF_LENGTH, Z17, PEV, Z17, EVSE, RUN, 0);
    }

    /** Start, key the modem, plug in. */
    Rig ready() {
        start();
        keyed();
        plugIn();
        return this;
    }

    /** ... then PARM and the three START_ATTEN_CHAR copies. */
    Rig sounding() {
        ready();
        fromPev(parm());
        for (int i = 0; i < 3; i++) {
            fromPev(startAtten());
        }
        return this;
    }

    /** ... then ten sounds with their profiles. */
    Rig attenCharSent() {
        sounding();
        for (int i = 0; i < 10; i++) {
            fromPev(sound(9 - i));
            frame(HomePlugFrame.of(EVSE, MODEM, profile(20 + i)));
        }
        return this;
    }

    Rig waitingForMatch() {
        attenCharSent();
        fromPev(rsp(0));
        return this;
    }

    Rig joining() {
        waitingForMatch();
        fromPev(matchReq());
        return this;
    }

    Rig linkUp() {
        joining();
        frame(HomePlugFrame.of(EVSE, MODEM, new Mme.LinkStatusCnf(0, 1)));
        return this;
    }

    static List<HomePlugFrame> sent(List<SlacAction> a) {
        return a.stream().filter(x -> x instanceof SlacAction.Send).map(x -> ((SlacAction.Send) x).frame()).toList();
    }

    <T extends SlacAction> List<T> of(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
