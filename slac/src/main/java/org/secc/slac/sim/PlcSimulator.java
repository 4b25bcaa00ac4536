package org.secc.slac.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.logging.Logger;
import org.secc.slac.Keys;
import org.secc.slac.MacAddress;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;
import org.secc.slac.mme.MmeException;

/**
 * The powerline between a charger and a car, with each side's QCA7000 modem, sans I/O: frames in
 * from one host, deliveries out to hosts. It answers CM_SET_KEY.REQ like QCA firmware (RESULT 1),
 * VS_PL_LINK_STATUS and VS_SW_VER; forwards HomePlug frames; turns every sound from the car into a
 * CM_ATTEN_PROFILE.IND for the charger's host (with configured attenuation and loss); and lets other
 * traffic (IPv6) through only while both modems hold the same NMK and NID.
 */
public final class PlcSimulator {
    private static final Logger LOG = Logger.getLogger(PlcSimulator.class.getName());

    public enum Side {
        EVSE, PEV;

        Side other() {
            return this == EVSE ? PEV : EVSE;
        }
    }

    /** A frame for the host on {@code to}. */
    public record Delivery(Side to, byte[] frame) {
    }

    /**
     * @param attenuationDb  average attenuation of every carrier group the charger's modem measures
     * @param jitterDb       ± spread around it per group and sound
     * @param soundLossRate  fraction of sounds (and their profiles) lost on the line, 0..1
     * @param seed           for the deterministic random spread and loss
     */
    public record Config(MacAddress evseModem, MacAddress pevModem, int attenuationDb, int jitterDb, double soundLossRate, long seed) {
        public static Config defaults() {
            return new Config(MacAddress.parse("00:b0:52:00:00:0e"), MacAddress.parse("00:b0:52:00:00:0a"), 20, 3, 0.0, 1);
        }

        public Config {
            if (attenuationDb < 0 || attenuationDb > 255 || jitterDb < 0 || soundLossRate < 0 || soundLossRate > 1) {
                throw new IllegalArgumentException("attenuation 0-255 dB, jitter ≥ 0, loss 0..1");
            }
        }
    }

    private static final int GROUPS = 58;
    private static final int ETHERTYPE_HOMEPLUG = 0x88E1;

    private final Config config;
    private final Random random;
    private final MacAddress[] modem = new MacAddress[2];
    private final MacAddress[] hostMac = new MacAddress[2];
    private final byte[][] nmk = new byte[2][];
    private final long[] nid = new long[2];
    private long forwardedIp;
    private long droppedIp;

    public PlcSimulator(Config config) {
        this.config = config;
        this.random = new Random(config.seed());
        modem[Side.EVSE.ordinal()] = config.evseModem();
        modem[Side.PEV.ordinal()] = config.pevModem();
    }

    /** Both modems hold the same NMK and NID: they form one logical network. */
    public boolean linked() {
        return nmk[0] != null && nmk[1] != null && Arrays.equals(nmk[0], nmk[1]) && nid[0] == nid[1];
    }

    public long forwardedIp() {
        return forwardedIp;
    }

    public long droppedIp() {
        return droppedIp;
    }

    public List<Delivery> onFrame(Side from, byte[] frame) {
        List<Delivery> out = new ArrayList<>(2);
        if (frame.length < 14) {
            return out;
        }
        MacAddress dst = MacAddress.read(frame, 0);
        MacAddress src = MacAddress.read(frame, 6);
        hostMac[from.ordinal()] = src;
        int etherType = ((frame[12] & 0xFF) << 8) | (frame[13] & 0xFF);
        if (etherType != ETHERTYPE_HOMEPLUG) {
            if (linked()) {
                forwardedIp++;
                byte[] copy = frame.clone();
                completeChecksum(copy);
                out.add(new Delivery(from.other(), copy));
            } else {
                droppedIp++;
            }
            return out;
        }
        HomePlugFrame f;
        try {
            f = HomePlugFrame.decode(frame);
        } catch (MmeException e) {
            // not understood by the modem: on the line anyway, as a real modem bridges it
            out.add(new Delivery(from.other(), frame.clone()));
            return out;
        }
        boolean toModem = dst.equals(MacAddress.QCA_LOCAL) || dst.equals(modem[from.ordinal()]);
        if (toModem) {
            answerModem(from, src, f.mme(), out);
            return out;
        }
        if (f.mme() instanceof Mme.MnbcSoundInd && from == Side.PEV) {
            if (random.nextDouble() < config.soundLossRate()) {
                return out; // lost on the line: neither the sound nor its profile arrives
            }
            out.add(new Delivery(Side.EVSE, frame.clone()));
            MacAddress evseHost = hostMac[Side.EVSE.ordinal()];
            out.add(new Delivery(Side.EVSE, HomePlugFrame.of(evseHost == null ? MacAddress.BROADCAST : evseHost, modem[Side.EVSE.ordinal()],
                    new Mme.AttenProfileInd(src, 0, profile())).encode()));
            return out;
        }
        out.add(new Delivery(from.other(), frame.clone()));
        return out;
    }

    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int IPV6_HEADER = 40;

    /**
     * A host hands its network interface IPv6 frames whose TCP/UDP checksum is left to the hardware
     * (checksum offload: a veth on the bench does that); a packet socket sees such a frame before the
     * checksum is filled in. A real modem puts complete frames on the powerline, so the simulator
     * completes the checksum of TCP, UDP and ICMPv6 in IPv6 (RFC 8200 section 8.1 pseudo-header)
     * before it delivers the frame: unicast and link-local multicast (SDP to ff02::1) then reach
     * the other host's stack. Frames too short or with extension headers pass unchanged.
     */
    static void completeChecksum(byte[] f) {
        if (f.length < 14 + IPV6_HEADER || (((f[12] & 0xFF) << 8) | (f[13] & 0xFF)) != ETHERTYPE_IPV6) {
            return;
        }
        int ip = 14;
        int payloadLen = ((f[ip + 4] & 0xFF) << 8) | (f[ip + 5] & 0xFF);
        int next = f[ip + 6] & 0xFF;
        int l4 = ip + IPV6_HEADER;
        if (l4 + payloadLen > f.length) {
            return;
        }
        int at = switch (next) {
            case 6 -> 16;   // TCP
            case 17 -> 6;   // UDP
            case 58 -> 2;   // ICMPv6
            default -> -1;
        };
        if (at < 0 || payloadLen < at + 2) {
            return;
        }
        f[l4 + at] = 0;
        f[l4 + at + 1] = 0;
        long sum = 0;
        for (int i = ip + 8; i < ip + 40; i += 2) { // source and destination address
            sum += ((f[i] & 0xFF) << 8) | (f[i + 1] & 0xFF);
        }
        sum += payloadLen;
        sum += next;
        for (int i = 0; i < payloadLen; i += 2) {
            int hi = f[l4 + i] & 0xFF;
            int lo = i + 1 < payloadLen ? f[l4 + i + 1] & 0xFF : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        int c = (int) (~sum & 0xFFFF);
        if (c == 0 && next == 17) {
            c = 0xFFFF; // UDP over IPv6: a zero checksum is sent as all ones (RFC 8200)
        }
        f[l4 + at] = (byte) (c >> 8);
        f[l4 + at + 1] = (byte) c;
    }

    private void answerModem(Side side, MacAddress host, Mme mme, List<Delivery> out) {
        int s = side.ordinal();
        Mme answer = null;
        if (mme instanceof Mme.SetKeyReq req) {
            boolean was = linked();
            nmk[s] = req.newKey();
            nid[s] = req.nid();
            if (Keys.nid(req.newKey()) != req.nid()) {
                LOG.warning(() -> side + " host set an NID that does not belong to its NMK");
            }
            if (was != linked()) {
                LOG.fine(() -> "logical network " + (linked() ? "formed" : "left"));
            }
            // QCA firmware: RESULT 1 on success (QCA7000 firmware, slac/README.md)
            answer = new Mme.SetKeyCnf(1, 0x5a5a5a5aL, req.myNonce(), req.pid(), req.prn(), req.pmn(), req.ccoCapability());
        } else if (mme instanceof Mme.LinkStatusReq) {
            answer = new Mme.LinkStatusCnf(0, linked() ? 1 : 0);
        } else if (mme instanceof Mme.SwVerReq) {
            answer = new Mme.SwVerCnf(0, 0x20, "QCA7000-SIM-1.0");
        } else if (mme instanceof Mme.ResetReq) {
            answer = new Mme.ResetCnf(0);
        }
        if (answer != null) {
            out.add(new Delivery(side, HomePlugFrame.of(host, modem[s], answer).encode()));
        }
    }

    private byte[] profile() {
        byte[] aag = new byte[GROUPS];
        for (int g = 0; g < GROUPS; g++) {
            int j = config.jitterDb() == 0 ? 0 : random.nextInt(2 * config.jitterDb() + 1) - config.jitterDb();
            aag[g] = (byte) Math.max(0, Math.min(255, config.attenuationDb() + j));
        }
        return aag;
    }
}
