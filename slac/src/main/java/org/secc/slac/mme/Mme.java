package org.secc.slac.mme;

import static org.secc.slac.mme.Wire.be;
import static org.secc.slac.mme.Wire.bytes;
import static org.secc.slac.mme.Wire.checked;
import static org.secc.slac.mme.Wire.u16le;
import static org.secc.slac.mme.Wire.u8;

import org.secc.slac.MacAddress;

/**
 * The content of one HomePlug AV management message (after MMV, MMTYPE and FMI/OUI), one record per
 * message type, laid out as in ISO 15118-3 and HomePlug AV 1.1 (slac/README.md). Offsets in comments count from byte 0 of
 * the Ethernet frame; content starts at 19 (CM messages) or 20 (QCA vendor messages).
 */
public sealed interface Mme {
    /** APPLICATION_TYPE "PEV-EVSE association" and SECURITY_TYPE "no security": the only SLAC values. */
    int APP_PEV_EVSE = 0;
    int SEC_NONE = 0;
    int ID_LENGTH = 17;

    int mmType();

    /** Bytes of content this message needs (the frame is padded to 60 on the wire). */
    int contentLength();

    /** Writes the content into {@code b} starting at {@code off}. */
    void write(byte[] b, int off);

    /** CM_SET_KEY.REQ (0x6008), host → own modem (4.11). */
    record SetKeyReq(int keyType, long myNonce, long yourNonce, int pid, int prn, int pmn, int ccoCapability,
                     long nid, int newEks, byte[] newKey) implements Mme {
        public static final int KEY_TYPE_NMK = 0x01;
        public static final int PID_HLE = 0x04;

        public SetKeyReq {
            newKey = checked(newKey, 16, "NEW_KEY");
        }

        /** The request the charger sends its own modem to join the logical network of {@code nmk}. */
        public static SetKeyReq forNmk(byte[] nmk, long nid) {
            return new SetKeyReq(KEY_TYPE_NMK, 0, 0, PID_HLE, 0, 0, 0, nid, 1, nmk);
        }

        @Override
        public byte[] newKey() {
            return newKey.clone();
        }

        public int mmType() {
            return MmType.CM_SET_KEY_REQ;
        }

        public int contentLength() {
            return 38;
        }

        public void write(byte[] b, int o) {
            b[o] = (byte) keyType;
            be(b, o + 1, 4, myNonce);
            be(b, o + 5, 4, yourNonce);
            b[o + 9] = (byte) pid;
            u16le(b, o + 10, prn);
            b[o + 12] = (byte) pmn;
            b[o + 13] = (byte) ccoCapability;
            be(b, o + 14, 7, nid);
            b[o + 21] = (byte) newEks;
            Wire.bytes(b, o + 22, newKey, 16);
        }

        static SetKeyReq read(byte[] b, int o) {
            return new SetKeyReq(u8(b, o), be(b, o + 1, 4), be(b, o + 5, 4), u8(b, o + 9), u16le(b, o + 10), u8(b, o + 12),
                    u8(b, o + 13), be(b, o + 14, 7), u8(b, o + 21), bytes(b, o + 22, 16));
        }
    }

    /**
     * CM_SET_KEY.CNF (0x6009). QCA firmware answers RESULT 1 on success (AV 1.0 meaning), the
     * opposite of HomePlug AV 1.1: the arrival of the CNF is the success, RESULT is only logged (9).
     */
    record SetKeyCnf(int result, long myNonce, long yourNonce, int pid, int prn, int pmn, int ccoCapability) implements Mme {
        public int mmType() {
            return MmType.CM_SET_KEY_CNF;
        }

        public int contentLength() {
            return 14;
        }

        public void write(byte[] b, int o) {
            b[o] = (byte) result;
            be(b, o + 1, 4, myNonce);
            be(b, o + 5, 4, yourNonce);
            b[o + 9] = (byte) pid;
            u16le(b, o + 10, prn);
            b[o + 12] = (byte) pmn;
            b[o + 13] = (byte) ccoCapability;
        }

        static SetKeyCnf read(byte[] b, int o) {
            return new SetKeyCnf(u8(b, o), be(b, o + 1, 4), be(b, o + 5, 4), u8(b, o + 9), u16le(b, o + 10), u8(b, o + 12), u8(b, o + 13));
        }
    }

    /** CM_SLAC_PARM.REQ (0x6064), EV → broadcast (4.1). Cipher suites only with SEC = 1. */
    record SlacParmReq(int app, int sec, long runId, int[] cipherSuites) implements Mme {
        public SlacParmReq {
            cipherSuites = cipherSuites == null ? new int[0] : cipherSuites.clone();
        }

        public SlacParmReq(long runId) {
            this(APP_PEV_EVSE, SEC_NONE, runId, new int[0]);
        }

        public int mmType() {
            return MmType.CM_SLAC_PARM_REQ;
        }

        public int contentLength() {
            return sec == 1 ? 11 + 2 * cipherSuites.length : 10;
        }

        public void write(byte[] b, int o) {
            b[o] = (byte) app;
            b[o + 1] = (byte) sec;
            be(b, o + 2, 8, runId);
            if (sec == 1) {
                b[o + 10] = (byte) cipherSuites.length;
                for (int i = 0; i < cipherSuites.length; i++) {
                    u16le(b, o + 11 + 2 * i, cipherSuites[i]);
                }
            }
        }

        static SlacParmReq read(byte[] b, int o, int avail) throws MmeException {
            int sec = u8(b, o + 1);
            int[] suites = new int[0];
            if (sec == 1) {
                need(avail, 11, "CM_SLAC_PARM.REQ cipher suites");
                int n = u8(b, o + 10);
                need(avail, 11 + 2 * n, "CM_SLAC_PARM.REQ cipher suites");
                suites = new int[n];
                for (int i = 0; i < n; i++) {
                    suites[i] = u16le(b, o + 11 + 2 * i);
                }
            }
            return new SlacParmReq(u8(b, o), sec, be(b, o + 2, 8), suites);
        }
    }

    /** CM_SLAC_PARM.CNF (0x6065), EVSE → EV (4.2). TIME_OUT is in units of 100 ms. */
    record SlacParmCnf(MacAddress msoundTarget, int numSounds, int timeOut, int respType, MacAddress forwardingSta,
                       int app, int sec, long runId, int cipherSuite) implements Mme {
        public int mmType() {
            return MmType.CM_SLAC_PARM_CNF;
        }

        public int contentLength() {
            return sec == 1 ? 27 : 25;
        }

        public void write(byte[] b, int o) {
            msoundTarget.write(b, o);
            b[o + 6] = (byte) numSounds;
            b[o + 7] = (byte) timeOut;
            b[o + 8] = (byte) respType;
            forwardingSta.write(b, o + 9);
            b[o + 15] = (byte) app;
            b[o + 16] = (byte) sec;
            be(b, o + 17, 8, runId);
            if (sec == 1) {
                u16le(b, o + 25, cipherSuite);
            }
        }

        static SlacParmCnf read(byte[] b, int o, int avail) throws MmeException {
            int sec = u8(b, o + 16);
            if (sec == 1) {
                need(avail, 27, "CM_SLAC_PARM.CNF cipher suite");
            }
            return new SlacParmCnf(MacAddress.read(b, o), u8(b, o + 6), u8(b, o + 7), u8(b, o + 8), MacAddress.read(b, o + 9),
                    u8(b, o + 15), sec, be(b, o + 17, 8), sec == 1 ? u16le(b, o + 25) : 0);
        }
    }

    /** CM_START_ATTEN_CHAR.IND (0x606A), EV → broadcast, three copies (4.3). */
    record StartAttenCharInd(int app, int sec, int numSounds, int timeOut, int respType, MacAddress forwardingSta,
                             long runId) implements Mme {
        public int mmType() {
            return MmType.CM_START_ATTEN_CHAR_IND;
        }

        public int contentLength() {
            return 19;
        }

        public void write(byte[] b, int o) {
            b[o] = (byte) app;
            b[o + 1] = (byte) sec;
            b[o + 2] = (byte) numSounds;
            b[o + 3] = (byte) timeOut;
            b[o + 4] = (byte) respType;
            forwardingSta.write(b, o + 5);
            be(b, o + 11, 8, runId);
        }

        static StartAttenCharInd read(byte[] b, int o) {
            return new StartAttenCharInd(u8(b, o), u8(b, o + 1), u8(b, o + 2), u8(b, o + 3), u8(b, o + 4), MacAddress.read(b, o + 5),
                    be(b, o + 11, 8));
        }
    }

    /** CM_MNBC_SOUND.IND (0x6076), EV → broadcast, NUM_SOUNDS times (4.4). */
    record MnbcSoundInd(int app, int sec, byte[] senderId, int count, long runId, long reserved, byte[] rnd) implements Mme {
        public MnbcSoundInd {
            senderId = checked(senderId, ID_LENGTH, "SENDER_ID");
            rnd = checked(rnd, 16, "RND");
        }

        public int mmType() {
            return MmType.CM_MNBC_SOUND_IND;
        }

        public int contentLength() {
            return 52;
        }

        public void write(byte[] b, int o) {
            b[o] = (byte) app;
            b[o + 1] = (byte) sec;
            Wire.bytes(b, o + 2, senderId, ID_LENGTH);
            b[o + 19] = (byte) count;
            be(b, o + 20, 8, runId);
            be(b, o + 28, 8, reserved);
            Wire.bytes(b, o + 36, rnd, 16);
        }

        static MnbcSoundInd read(byte[] b, int o) {
            return new MnbcSoundInd(u8(b, o), u8(b, o + 1), bytes(b, o + 2, ID_LENGTH), u8(b, o + 19), be(b, o + 20, 8),
                    be(b, o + 28, 8), bytes(b, o + 36, 16));
        }
    }

    /** CM_ATTEN_PROFILE.IND (0x6086), EVSE modem → EVSE host, one per sound (4.5). No RUN_ID. */
    record AttenProfileInd(MacAddress pevMac, int reserved, byte[] aag) implements Mme {
        public AttenProfileInd {
            if (aag == null || aag.length > 255) {
                throw new IllegalArgumentException("AAG needs 0..255 groups");
            }
            aag = aag.clone();
        }

        @Override
        public byte[] aag() {
            return aag.clone();
        }

        public int numGroups() {
            return aag.length;
        }

        public int mmType() {
            return MmType.CM_ATTEN_PROFILE_IND;
        }

        public int contentLength() {
            return 8 + aag.length;
        }

        public void write(byte[] b, int o) {
            pevMac.write(b, o);
            b[o + 6] = (byte) aag.length;
            b[o + 7] = (byte) reserved;
            System.arraycopy(aag, 0, b, o + 8, aag.length);
        }

        static AttenProfileInd read(byte[] b, int o, int avail) throws MmeException {
            int n = u8(b, o + 6);
            need(avail, 8 + n, "CM_ATTEN_PROFILE.IND groups");
            return new AttenProfileInd(MacAddress.read(b, o), u8(b, o + 7), bytes(b, o + 8, n));
        }
    }

    /** CM_ATTEN_CHAR.IND (0x606E), EVSE → EV: the averaged attenuation (4.6). */
    record AttenCharInd(int app, int sec, MacAddress sourceAddress, long runId, byte[] sourceId, byte[] respId,
                        int numSounds, byte[] aag) implements Mme {
        public AttenCharInd {
            sourceId = checked(sourceId, ID_LENGTH, "SOURCE_ID");
            respId = checked(respId, ID_LENGTH, "RESP_ID");
            if (aag == null || aag.length > 255) {
                throw new IllegalArgumentException("AAG needs 0..255 groups");
            }
            aag = aag.clone();
        }

        @Override
        public byte[] aag() {
            return aag.clone();
        }

        public int mmType() {
            return MmType.CM_ATTEN_CHAR_IND;
        }

        public int contentLength() {
            return 52 + aag.length;
        }

        public void write(byte[] b, int o) {
            writeAttenHead(b, o, app, sec, sourceAddress, runId, sourceId, respId);
            b[o + 50] = (byte) numSounds;
            b[o + 51] = (byte) aag.length;
            System.arraycopy(aag, 0, b, o + 52, aag.length);
        }

        static AttenCharInd read(byte[] b, int o, int avail) throws MmeException {
            int n = u8(b, o + 51);
            need(avail, 52 + n, "CM_ATTEN_CHAR.IND groups");
            return new AttenCharInd(u8(b, o), u8(b, o + 1), MacAddress.read(b, o + 2), be(b, o + 8, 8), bytes(b, o + 16, ID_LENGTH),
                    bytes(b, o + 33, ID_LENGTH), u8(b, o + 50), bytes(b, o + 52, n));
        }
    }

    /** CM_ATTEN_CHAR.RSP (0x606F), EV → EVSE (4.7); Result 0 is success. */
    record AttenCharRsp(int app, int sec, MacAddress sourceAddress, long runId, byte[] sourceId, byte[] respId,
                        int result) implements Mme {
        public AttenCharRsp {
            sourceId = checked(sourceId, ID_LENGTH, "SOURCE_ID");
            respId = checked(respId, ID_LENGTH, "RESP_ID");
        }

        public int mmType() {
            return MmType.CM_ATTEN_CHAR_RSP;
        }

        public int contentLength() {
            return 51;
        }

        public void write(byte[] b, int o) {
            writeAttenHead(b, o, app, sec, sourceAddress, runId, sourceId, respId);
            b[o + 50] = (byte) result;
        }

        static AttenCharRsp read(byte[] b, int o) {
            return new AttenCharRsp(u8(b, o), u8(b, o + 1), MacAddress.read(b, o + 2), be(b, o + 8, 8), bytes(b, o + 16, ID_LENGTH),
                    bytes(b, o + 33, ID_LENGTH), u8(b, o + 50));
        }
    }

    /** CM_VALIDATE.REQ (0x6078), EV → EVSE (4.8). */
    record ValidateReq(int signalType, int timer, int result) implements Mme {
        public int mmType() {
            return MmType.CM_VALIDATE_REQ;
        }

        public int contentLength() {
            return 3;
        }

        public void write(byte[] b, int o) {
            b[o] = (byte) signalType;
            b[o + 1] = (byte) timer;
            b[o + 2] = (byte) result;
        }

        static ValidateReq read(byte[] b, int o) {
            return new ValidateReq(u8(b, o), u8(b, o + 1), u8(b, o + 2));
        }
    }

    /** CM_VALIDATE.CNF (0x6079), EVSE → EV (4.8). Result: 0 not ready, 1 ready, 2 success, 3 failure, 4 not required. */
    record ValidateCnf(int signalType, int toggleNum, int result) implements Mme {
        public int mmType() {
            return MmType.CM_VALIDATE_CNF;
        }

        public int contentLength() {
            return 3;
        }

        public void write(byte[] b, int o) {
            b[o] = (byte) signalType;
            b[o + 1] = (byte) toggleNum;
            b[o + 2] = (byte) result;
        }

        static ValidateCnf read(byte[] b, int o) {
            return new ValidateCnf(u8(b, o), u8(b, o + 1), u8(b, o + 2));
        }
    }

    /** CM_SLAC_MATCH.REQ (0x607C), EV → EVSE (4.9); MVFLength 0x3E. */
    record SlacMatchReq(int app, int sec, int mvfLength, byte[] pevId, MacAddress pevMac, byte[] evseId,
                        MacAddress evseMac, long runId, long reserved) implements Mme {
        public static final int MVF_LENGTH = 0x3E;

        public SlacMatchReq {
            pevId = checked(pevId, ID_LENGTH, "PEV_ID");
            evseId = checked(evseId, ID_LENGTH, "EVSE_ID");
        }

        @Override
        public byte[] pevId() {
            return pevId.clone();
        }

        @Override
        public byte[] evseId() {
            return evseId.clone();
        }

        public int mmType() {
            return MmType.CM_SLAC_MATCH_REQ;
        }

        public int contentLength() {
            return 66;
        }

        public void write(byte[] b, int o) {
            b[o] = (byte) app;
            b[o + 1] = (byte) sec;
            u16le(b, o + 2, mvfLength);
            Wire.bytes(b, o + 4, pevId, ID_LENGTH);
            pevMac.write(b, o + 21);
            Wire.bytes(b, o + 27, evseId, ID_LENGTH);
            evseMac.write(b, o + 44);
            be(b, o + 50, 8, runId);
            be(b, o + 58, 8, reserved);
        }

        static SlacMatchReq read(byte[] b, int o) {
            return new SlacMatchReq(u8(b, o), u8(b, o + 1), u16le(b, o + 2), bytes(b, o + 4, ID_LENGTH), MacAddress.read(b, o + 21),
                    bytes(b, o + 27, ID_LENGTH), MacAddress.read(b, o + 44), be(b, o + 50, 8), be(b, o + 58, 8));
        }
    }

    /** CM_SLAC_MATCH.CNF (0x607D), EVSE → EV (4.10): hands over the NID and NMK; MVFLength 0x56. */
    record SlacMatchCnf(int app, int sec, int mvfLength, byte[] pevId, MacAddress pevMac, byte[] evseId,
                        MacAddress evseMac, long runId, long reserved, long nid, int reserved2, byte[] nmk) implements Mme {
        public static final int MVF_LENGTH = 0x56;

        public SlacMatchCnf {
            pevId = checked(pevId, ID_LENGTH, "PEV_ID");
            evseId = checked(evseId, ID_LENGTH, "EVSE_ID");
            nmk = checked(nmk, 16, "NMK");
        }

        @Override
        public byte[] nmk() {
            return nmk.clone();
        }

        public int mmType() {
            return MmType.CM_SLAC_MATCH_CNF;
        }

        public int contentLength() {
            return 90;
        }

        public void write(byte[] b, int o) {
            // the first 66 bytes have the request's layout (4.9, 4.10)
            new SlacMatchReq(app, sec, mvfLength, pevId, pevMac, evseId, evseMac, runId, reserved).write(b, o);
            be(b, o + 66, 7, nid);
            b[o + 73] = (byte) reserved2;
            Wire.bytes(b, o + 74, nmk, 16);
        }

        static SlacMatchCnf read(byte[] b, int o) {
            SlacMatchReq h = SlacMatchReq.read(b, o);
            return new SlacMatchCnf(h.app(), h.sec(), h.mvfLength(), h.pevId, h.pevMac(), h.evseId, h.evseMac(), h.runId(), h.reserved(),
                    be(b, o + 66, 7), u8(b, o + 73), bytes(b, o + 74, 16));
        }
    }

    /** CM_AMP_MAP.REQ (0x601C), optional after the match (4.12): AMLEN carriers, 4 bits each. */
    record AmpMapReq(int amlen, byte[] amdata) implements Mme {
        public AmpMapReq {
            if (amlen < 0 || amlen > 0xFFFF) {
                throw new IllegalArgumentException("AMLEN out of range");
            }
            amdata = checked(amdata, (amlen + 1) / 2, "AMDATA");
        }

        public int mmType() {
            return MmType.CM_AMP_MAP_REQ;
        }

        public int contentLength() {
            return 2 + amdata.length;
        }

        public void write(byte[] b, int o) {
            u16le(b, o, amlen);
            System.arraycopy(amdata, 0, b, o + 2, amdata.length);
        }

        static AmpMapReq read(byte[] b, int o, int avail) throws MmeException {
            int amlen = u16le(b, o);
            need(avail, 2 + (amlen + 1) / 2, "CM_AMP_MAP.REQ AMDATA");
            return new AmpMapReq(amlen, bytes(b, o + 2, (amlen + 1) / 2));
        }
    }

    /** CM_AMP_MAP.CNF (0x601D): ResType 0 success, 1 failure. */
    record AmpMapCnf(int resType) implements Mme {
        public int mmType() {
            return MmType.CM_AMP_MAP_CNF;
        }

        public int contentLength() {
            return 1;
        }

        public void write(byte[] b, int o) {
            b[o] = (byte) resType;
        }
    }

    /** QCA VS_PL_LINK_STATUS.REQ (0xA0B8, MMV 0): is the modem in an AVLN (4.13)? */
    record LinkStatusReq() implements Mme {
        public int mmType() {
            return MmType.VS_PL_LINK_STATUS_REQ;
        }

        public int contentLength() {
            return 0;
        }

        public void write(byte[] b, int o) {
        }
    }

    /** QCA VS_PL_LINK_STATUS.CNF (0xA0B9): MSTATUS 0 ok; LINK_STATUS 1 = connected to an AVLN. */
    record LinkStatusCnf(int mstatus, int linkStatus) implements Mme {
        public int mmType() {
            return MmType.VS_PL_LINK_STATUS_CNF;
        }

        public int contentLength() {
            return 2;
        }

        public void write(byte[] b, int o) {
            b[o] = (byte) mstatus;
            b[o + 1] = (byte) linkStatus;
        }

        public boolean connected() {
            return mstatus == 0 && linkStatus == 1;
        }
    }

    /** QCA VS_SW_VER.REQ (0xA000): ask the modem for its firmware version. */
    record SwVerReq() implements Mme {
        public int mmType() {
            return MmType.VS_SW_VER_REQ;
        }

        public int contentLength() {
            return 0;
        }

        public void write(byte[] b, int o) {
        }
    }

    /** QCA VS_SW_VER.CNF (0xA001): MSTATUS, device id, and the version string (length-prefixed). */
    record SwVerCnf(int mstatus, int deviceId, String version) implements Mme {
        public int mmType() {
            return MmType.VS_SW_VER_CNF;
        }

        public int contentLength() {
            return 3 + version.length();
        }

        public void write(byte[] b, int o) {
            byte[] v = version.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            b[o] = (byte) mstatus;
            b[o + 1] = (byte) deviceId;
            b[o + 2] = (byte) v.length;
            System.arraycopy(v, 0, b, o + 3, v.length);
        }

        static SwVerCnf read(byte[] b, int o, int avail) throws MmeException {
            int n = u8(b, o + 2);
            need(avail, 3 + n, "VS_SW_VER.CNF version");
            int len = 0;
            while (len < n && b[o + 3 + len] != 0) {
                len++; // the firmware NUL-terminates inside the announced length
            }
            return new SwVerCnf(u8(b, o), u8(b, o + 1), new String(b, o + 3, len, java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    /** QCA VS_RS_DEV.REQ (0xA01C): reset the modem. */
    record ResetReq() implements Mme {
        public int mmType() {
            return MmType.VS_RS_DEV_REQ;
        }

        public int contentLength() {
            return 0;
        }

        public void write(byte[] b, int o) {
        }
    }

    /** QCA VS_RS_DEV.CNF (0xA01D): MSTATUS 0 ok. */
    record ResetCnf(int mstatus) implements Mme {
        public int mmType() {
            return MmType.VS_RS_DEV_CNF;
        }

        public int contentLength() {
            return 1;
        }

        public void write(byte[] b, int o) {
            b[o] = (byte) mstatus;
        }
    }

    /** The first 50 bytes CM_ATTEN_CHAR.IND and .RSP share (4.6, 4.7). */
    private static void writeAttenHead(byte[] b, int o, int app, int sec, MacAddress sourceAddress, long runId, byte[] sourceId,
                                       byte[] respId) {
        b[o] = (byte) app;
        b[o + 1] = (byte) sec;
        sourceAddress.write(b, o + 2);
        be(b, o + 8, 8, runId);
        Wire.bytes(b, o + 16, sourceId, ID_LENGTH);
        Wire.bytes(b, o + 33, respId, ID_LENGTH);
    }

    private static void need(int avail, int n, String what) throws MmeException {
        if (avail < n) {
            throw new MmeException(what + ": needs " + n + " bytes of content, frame has " + avail);
        }
    }

    /** Decodes the content of a message of type {@code mmType} from {@code b[o, o+avail)}. */
    static Mme read(int mmType, byte[] b, int o, int avail) throws MmeException {
        int min = switch (mmType) {
            case MmType.CM_SET_KEY_REQ -> 38;
            case MmType.CM_SET_KEY_CNF -> 14;
            case MmType.CM_SLAC_PARM_REQ -> 10;
            case MmType.CM_SLAC_PARM_CNF -> 25;
            case MmType.CM_START_ATTEN_CHAR_IND -> 19;
            case MmType.CM_MNBC_SOUND_IND -> 52;
            case MmType.CM_ATTEN_PROFILE_IND -> 8;
            case MmType.CM_ATTEN_CHAR_IND -> 52;
            case MmType.CM_ATTEN_CHAR_RSP -> 51;
            case MmType.CM_VALIDATE_REQ, MmType.CM_VALIDATE_CNF -> 3;
            case MmType.CM_SLAC_MATCH_REQ -> 66;
            case MmType.CM_SLAC_MATCH_CNF -> 90;
            case MmType.CM_AMP_MAP_REQ -> 2;
            case MmType.CM_AMP_MAP_CNF, MmType.VS_RS_DEV_CNF -> 1;
            case MmType.VS_PL_LINK_STATUS_CNF -> 2;
            case MmType.VS_SW_VER_CNF -> 3;
            case MmType.VS_PL_LINK_STATUS_REQ, MmType.VS_SW_VER_REQ, MmType.VS_RS_DEV_REQ -> 0;
            default -> throw new MmeException("unknown " + MmType.name(mmType));
        };
        need(avail, min, MmType.name(mmType));
        return switch (mmType) {
            case MmType.CM_SET_KEY_REQ -> SetKeyReq.read(b, o);
            case MmType.CM_SET_KEY_CNF -> SetKeyCnf.read(b, o);
            case MmType.CM_SLAC_PARM_REQ -> SlacParmReq.read(b, o, avail);
            case MmType.CM_SLAC_PARM_CNF -> SlacParmCnf.read(b, o, avail);
            case MmType.CM_START_ATTEN_CHAR_IND -> StartAttenCharInd.read(b, o);
            case MmType.CM_MNBC_SOUND_IND -> MnbcSoundInd.read(b, o);
            case MmType.CM_ATTEN_PROFILE_IND -> AttenProfileInd.read(b, o, avail);
            case MmType.CM_ATTEN_CHAR_IND -> AttenCharInd.read(b, o, avail);
            case MmType.CM_ATTEN_CHAR_RSP -> AttenCharRsp.read(b, o);
            case MmType.CM_VALIDATE_REQ -> ValidateReq.read(b, o);
            case MmType.CM_VALIDATE_CNF -> ValidateCnf.read(b, o);
            case MmType.CM_SLAC_MATCH_REQ -> SlacMatchReq.read(b, o);
            case MmType.CM_SLAC_MATCH_CNF -> SlacMatchCnf.read(b, o);
            case MmType.CM_AMP_MAP_REQ -> AmpMapReq.read(b, o, avail);
            case MmType.CM_AMP_MAP_CNF -> new AmpMapCnf(u8(b, o));
            case MmType.VS_PL_LINK_STATUS_REQ -> new LinkStatusReq();
            case MmType.VS_PL_LINK_STATUS_CNF -> new LinkStatusCnf(u8(b, o), u8(b, o + 1));
            case MmType.VS_SW_VER_REQ -> new SwVerReq();
            case MmType.VS_SW_VER_CNF -> SwVerCnf.read(b, o, avail);
            case MmType.VS_RS_DEV_REQ -> new ResetReq();
            default -> new ResetCnf(u8(b, o));
        };
    }
}
