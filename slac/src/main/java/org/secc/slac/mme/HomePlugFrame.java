package org.secc.slac.mme;

import org.secc.slac.MacAddress;

/**
 * One HomePlug AV management frame on Ethernet (EtherType 0x88E1): addresses, MMV and the message.
 * Frames go out padded with zeros to at least 60 bytes (open-plc-utils drops shorter ones); a frame
 * received longer than its content keeps its length so that it re-encodes byte for byte.
 *
 * @param wireLength the frame length to pad to when encoding (0: the minimum)
 */
public record HomePlugFrame(MacAddress destination, MacAddress source, int mmv, Mme mme, int wireLength) {
    public static final int ETHERTYPE = 0x88E1;
    public static final int MIN_LENGTH = 60;
    /** Longest frame accepted: an Ethernet payload of 1500 bytes plus the 14-byte header. */
    public static final int MAX_LENGTH = 1514;
    static final int CM_CONTENT = 19;
    static final int VENDOR_CONTENT = 20;
    static final int QCA_OUI = 0x00B052;

    public HomePlugFrame {
        if (mmv < 0 || mmv > 255) {
            throw new IllegalArgumentException("MMV out of range");
        }
    }

    /** A frame with the MMV this message type uses (1 for CM messages, 0 for QCA vendor messages). */
    public static HomePlugFrame of(MacAddress destination, MacAddress source, Mme mme) {
        return new HomePlugFrame(destination, source, MmType.isVendor(mme.mmType()) ? 0 : 1, mme, 0);
    }

    public int mmType() {
        return mme.mmType();
    }

    public byte[] encode() {
        boolean vendor = MmType.isVendor(mme.mmType());
        int content = vendor ? VENDOR_CONTENT : CM_CONTENT;
        int len = Math.max(Math.max(MIN_LENGTH, content + mme.contentLength()), wireLength);
        byte[] b = new byte[len];
        destination.write(b, 0);
        source.write(b, 6);
        b[12] = (byte) (ETHERTYPE >>> 8);
        b[13] = (byte) ETHERTYPE;
        b[14] = (byte) mmv;
        Wire.u16le(b, 15, mme.mmType());
        if (vendor) {
            b[17] = (byte) (QCA_OUI >>> 16);
            b[18] = (byte) (QCA_OUI >>> 8);
            b[19] = (byte) QCA_OUI;
        } // else FMI 00 00: SLAC messages are never fragmented
        mme.write(b, content);
        return b;
    }

    public static HomePlugFrame decode(byte[] b) throws MmeException {
        return decode(b, b.length);
    }

    /** Decodes {@code b[0, len)}; every way a frame can be wrong is an {@link MmeException}. */
    public static HomePlugFrame decode(byte[] b, int len) throws MmeException {
        if (len < 17 || len > b.length) {
            throw new MmeException("frame of " + len + " bytes is shorter than a management message header");
        }
        if (len > MAX_LENGTH) {
            throw new MmeException("frame of " + len + " bytes is longer than an Ethernet frame");
        }
        int etherType = ((b[12] & 0xFF) << 8) | (b[13] & 0xFF);
        if (etherType != ETHERTYPE) {
            throw new MmeException(String.format("EtherType 0x%04X is not HomePlug AV", etherType));
        }
        int mmv = b[14] & 0xFF;
        int type = Wire.u16le(b, 15);
        int content;
        if (MmType.isVendor(type)) {
            if (mmv != 0) {
                throw new MmeException(MmType.name(type) + " with MMV " + mmv + ", vendor messages use 0");
            }
            if (len < VENDOR_CONTENT || (int) Wire.be(b, 17, 3) != QCA_OUI) {
                throw new MmeException(MmType.name(type) + " without the QCA OUI 00 B0 52");
            }
            content = VENDOR_CONTENT;
        } else {
            boolean ampMap = type == MmType.CM_AMP_MAP_REQ || type == MmType.CM_AMP_MAP_CNF;
            if (mmv != 1 && !(ampMap && mmv == 2)) {
                throw new MmeException(MmType.name(type) + " with MMV " + mmv + ", expected 1");
            }
            if (len < CM_CONTENT) {
                throw new MmeException(MmType.name(type) + " ends inside its header");
            }
            if (b[17] != 0 || b[18] != 0) {
                throw new MmeException(MmType.name(type) + " is fragmented (FMI " + String.format("%02x%02x", b[17], b[18])
                        + "); SLAC messages never are");
            }
            content = CM_CONTENT;
        }
        Mme mme = Mme.read(type, b, content, len - content);
        return new HomePlugFrame(MacAddress.read(b, 0), MacAddress.read(b, 6), mmv, mme, len);
    }

    @Override
    public String toString() {
        return MmType.name(mme.mmType()) + " " + source + " -> " + destination;
    }
}
