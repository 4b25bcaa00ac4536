package org.secc.transport.v2gtp;

import java.nio.ByteBuffer;

/**
 * The 8-byte V2GTP header (facts 2.1, big-endian): version 0x01, inverse 0xFE, payload type,
 * payload length (uint32, kept as long so that lengths above 2^31 are reported, not wrapped).
 */
public record V2gtpHeader(int payloadType, long payloadLength) {
    public static final int LENGTH = 8;
    public static final int VERSION = 0x01;
    public static final int INVERSE_VERSION = 0xFE;

    public V2gtpHeader {
        if (payloadType < 0 || payloadType > 0xFFFF) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        if (payloadLength < 0 || payloadLength > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("payload length out of range: " + payloadLength);
        }
    }

    /**
     * Parses and checks a header: version, inverse version and payload type. The length is not
     * compared with any maximum here (see {@link V2gtpCodec}).
     */
    public static V2gtpHeader parse(byte[] b, int off) throws V2gtpException {
        if (off < 0 || b.length - off < LENGTH) {
            throw new V2gtpException(V2gtpException.Reason.TRUNCATED,
                    "header needs 8 bytes, have " + Math.max(0, b.length - off));
        }
        int version = b[off] & 0xFF;
        int inverse = b[off + 1] & 0xFF;
        if (version != VERSION) {
            throw new V2gtpException(V2gtpException.Reason.WRONG_VERSION,
                    String.format("protocol version 0x%02x, expected 0x01", version));
        }
        if (inverse != INVERSE_VERSION) {
            throw new V2gtpException(V2gtpException.Reason.WRONG_INVERSE_VERSION,
                    String.format("inverse protocol version 0x%02x, expected 0xfe", inverse));
        }
        int type = ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
        if (!PayloadType.isKnown(type)) {
            throw new V2gtpException(V2gtpException.Reason.UNKNOWN_PAYLOAD_TYPE,
                    String.format("payload type 0x%04x is reserved", type));
        }
        long len = ((long) (b[off + 4] & 0xFF) << 24) | ((b[off + 5] & 0xFF) << 16)
                | ((b[off + 6] & 0xFF) << 8) | (b[off + 7] & 0xFF);
        return new V2gtpHeader(type, len);
    }

    /** Writes the 8 header bytes at {@code off}. */
    public void writeTo(byte[] b, int off) {
        b[off] = (byte) VERSION;
        b[off + 1] = (byte) INVERSE_VERSION;
        b[off + 2] = (byte) (payloadType >>> 8);
        b[off + 3] = (byte) payloadType;
        b[off + 4] = (byte) (payloadLength >>> 24);
        b[off + 5] = (byte) (payloadLength >>> 16);
        b[off + 6] = (byte) (payloadLength >>> 8);
        b[off + 7] = (byte) payloadLength;
    }

    public void writeTo(ByteBuffer buf) {
        byte[] h = new byte[LENGTH];
        writeTo(h, 0);
        buf.put(h);
    }
}
