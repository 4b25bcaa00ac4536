package org.secc.exi.v2gtp;

/**
 * The 8-byte V2GTP header (big-endian): protocol version 0x01, its inverse 0xFE, payload type,
 * payload length (facts sheet 2.1).
 *
 * @param payloadType   the 16-bit payload type code
 * @param payloadLength the number of payload bytes after the header (unsigned 32 bit)
 */
public record V2gtpHeader(int payloadType, long payloadLength) {
    public static final int LENGTH = 8;
    public static final int VERSION = 0x01;
    public static final int INVERSE_VERSION = 0xFE;

    public V2gtpHeader {
        if (payloadType < 0 || payloadType > 0xFFFF) {
            throw new IllegalArgumentException("payload type out of 16 bits: " + payloadType);
        }
        if (payloadLength < 0 || payloadLength > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("payload length out of 32 bits: " + payloadLength);
        }
    }

    /** The defined payload type, or {@code null} for a manufacturer-specific one. */
    public PayloadType type() {
        return PayloadType.lookup(payloadType);
    }

    /**
     * Reads and checks a header: version and inverse, a defined or manufacturer payload type, and a
     * length not above {@code maxPayloadLength}. Nothing is allocated.
     */
    public static V2gtpHeader parse(byte[] buf, int off, int available, long maxPayloadLength) throws V2gtpException {
        if (available < LENGTH) {
            throw new V2gtpException(V2gtpException.Reason.TRUNCATED,
                    "V2GTP header needs 8 bytes, got " + Math.max(available, 0));
        }
        int version = buf[off] & 0xFF;
        int inverse = buf[off + 1] & 0xFF;
        if (version != VERSION || inverse != INVERSE_VERSION) {
            throw new V2gtpException(V2gtpException.Reason.WRONG_VERSION,
                    String.format("V2GTP version %02x/%02x, expected 01/fe", version, inverse));
        }
        int type = ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
        if (PayloadType.lookup(type) == null && !PayloadType.isManufacturerSpecific(type)) {
            throw new V2gtpException(V2gtpException.Reason.UNKNOWN_PAYLOAD_TYPE,
                    String.format("V2GTP payload type 0x%04x is reserved", type));
        }
        long length = ((long) (buf[off + 4] & 0xFF) << 24) | ((buf[off + 5] & 0xFF) << 16)
                | ((buf[off + 6] & 0xFF) << 8) | (buf[off + 7] & 0xFF);
        if (length > maxPayloadLength) {
            throw new V2gtpException(V2gtpException.Reason.PAYLOAD_TOO_LONG,
                    "V2GTP payload length " + length + " over the maximum " + maxPayloadLength);
        }
        return new V2gtpHeader(type, length);
    }

    public void writeTo(byte[] buf, int off) {
        buf[off] = (byte) VERSION;
        buf[off + 1] = (byte) INVERSE_VERSION;
        buf[off + 2] = (byte) (payloadType >>> 8);
        buf[off + 3] = (byte) payloadType;
        buf[off + 4] = (byte) (payloadLength >>> 24);
        buf[off + 5] = (byte) (payloadLength >>> 16);
        buf[off + 6] = (byte) (payloadLength >>> 8);
        buf[off + 7] = (byte) payloadLength;
    }
}
