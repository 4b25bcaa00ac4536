package org.secc.exi.v2gtp;

import java.util.Arrays;
import java.util.HexFormat;
import org.secc.exi.SchemaKind;

/**
 * One V2GTP message: payload type and payload bytes.
 *
 * @param payloadType 16-bit payload type code
 * @param payload     the bytes after the header (EXI for 0x8001-0x8104, raw for SDP)
 */
public record V2gtpFrame(int payloadType, byte[] payload) {
    /** The default maximum payload this product accepts; a -20 message of the XSDs' sizes fits. */
    public static final int DEFAULT_MAX_PAYLOAD = 65_536;

    public V2gtpFrame {
        if (payloadType < 0 || payloadType > 0xFFFF) {
            throw new IllegalArgumentException("payload type out of 16 bits: " + payloadType);
        }
        if (payload == null) {
            throw new IllegalArgumentException("payload is null");
        }
    }

    public V2gtpFrame(PayloadType type, byte[] payload) {
        this(type.code(), payload);
    }

    /** The grammar to decode the payload with, or {@code null} when the payload is not EXI. */
    public SchemaKind schema() {
        PayloadType t = PayloadType.lookup(payloadType);
        return t == null ? null : t.schema();
    }

    /** Header and payload in one array, ready for a single write (one TLS record). */
    public byte[] toBytes() {
        byte[] out = new byte[V2gtpHeader.LENGTH + payload.length];
        new V2gtpHeader(payloadType, payload.length).writeTo(out, 0);
        System.arraycopy(payload, 0, out, V2gtpHeader.LENGTH, payload.length);
        return out;
    }

    /** Parses a buffer that holds exactly one frame. */
    public static V2gtpFrame parse(byte[] buf, long maxPayloadLength) throws V2gtpException {
        return parse(buf, 0, buf.length, maxPayloadLength);
    }

    /** Parses exactly one frame from {@code buf[off, off+len)}; trailing bytes are an error. */
    public static V2gtpFrame parse(byte[] buf, int off, int len, long maxPayloadLength) throws V2gtpException {
        V2gtpHeader h = V2gtpHeader.parse(buf, off, len, maxPayloadLength);
        long available = (long) len - V2gtpHeader.LENGTH;
        if (h.payloadLength() > available) {
            throw new V2gtpException(V2gtpException.Reason.TRUNCATED,
                    "V2GTP payload length " + h.payloadLength() + " over the " + available + " bytes present");
        }
        if (h.payloadLength() < available) {
            throw new V2gtpException(V2gtpException.Reason.TRAILING_BYTES,
                    (available - h.payloadLength()) + " bytes after the V2GTP payload");
        }
        int start = off + V2gtpHeader.LENGTH;
        return new V2gtpFrame(h.payloadType(), Arrays.copyOfRange(buf, start, start + (int) h.payloadLength()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof V2gtpFrame f && f.payloadType == payloadType && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return payloadType * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return String.format("V2gtpFrame[0x%04x, %d bytes: %s]", payloadType, payload.length,
                HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 32)) + (payload.length > 32 ? "..." : ""));
    }
}
