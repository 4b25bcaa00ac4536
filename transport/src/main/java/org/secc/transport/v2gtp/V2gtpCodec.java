package org.secc.transport.v2gtp;

import java.util.Arrays;

/**
 * Frames and unframes whole V2GTP messages held in memory, with a configurable maximum payload
 * size. Thread-safe (immutable).
 */
public final class V2gtpCodec {
    /** Default maximum payload: large enough for CertificateInstallationRes, small enough to bound memory. */
    public static final int DEFAULT_MAX_PAYLOAD = 64 * 1024;

    private final int maxPayload;

    public V2gtpCodec(int maxPayload) {
        if (maxPayload < 0) {
            throw new IllegalArgumentException("maxPayload < 0");
        }
        this.maxPayload = maxPayload;
    }

    public V2gtpCodec() {
        this(DEFAULT_MAX_PAYLOAD);
    }

    public int maxPayload() {
        return maxPayload;
    }

    /** Parses the header at {@code off} and checks its length against the maximum. */
    public V2gtpHeader parseHeader(byte[] b, int off) throws V2gtpException {
        V2gtpHeader h = V2gtpHeader.parse(b, off);
        checkLength(h);
        return h;
    }

    void checkLength(V2gtpHeader h) throws V2gtpException {
        if (h.payloadLength() > maxPayload) {
            throw new V2gtpException(V2gtpException.Reason.PAYLOAD_TOO_LONG,
                    "payload length " + h.payloadLength() + " exceeds the maximum " + maxPayload);
        }
    }

    /**
     * Decodes exactly one frame occupying {@code b[off, off+len)}: the header's length must match the
     * bytes present (fewer → TRUNCATED, more → WRONG_PAYLOAD_LENGTH).
     */
    public V2gtpFrame decode(byte[] b, int off, int len) throws V2gtpException {
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException();
        }
        if (len < V2gtpHeader.LENGTH) {
            throw new V2gtpException(V2gtpException.Reason.TRUNCATED, "header needs 8 bytes, have " + len);
        }
        V2gtpHeader h = parseHeader(b, off);
        long have = len - V2gtpHeader.LENGTH;
        if (h.payloadLength() > have) {
            throw new V2gtpException(V2gtpException.Reason.TRUNCATED,
                    "payload length " + h.payloadLength() + " exceeds the " + have + " bytes in the buffer");
        }
        if (h.payloadLength() < have) {
            throw new V2gtpException(V2gtpException.Reason.WRONG_PAYLOAD_LENGTH,
                    (have - h.payloadLength()) + " bytes after the payload of length " + h.payloadLength());
        }
        return new V2gtpFrame(h.payloadType(),
                Arrays.copyOfRange(b, off + V2gtpHeader.LENGTH, off + V2gtpHeader.LENGTH + (int) h.payloadLength()));
    }

    public V2gtpFrame decode(byte[] b) throws V2gtpException {
        return decode(b, 0, b.length);
    }

    /** Header + payload; refuses payloads over the maximum (a local programming error, not wire input). */
    public byte[] encode(V2gtpFrame f) {
        if (f.payload().length > maxPayload) {
            throw new IllegalArgumentException("payload of " + f.payload().length + " bytes exceeds the maximum " + maxPayload);
        }
        return f.toBytes();
    }

    public byte[] encode(int payloadType, byte[] payload) {
        return encode(new V2gtpFrame(payloadType, payload));
    }
}
