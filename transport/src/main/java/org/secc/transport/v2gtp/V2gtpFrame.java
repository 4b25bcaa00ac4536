package org.secc.transport.v2gtp;

import org.secc.exi.SchemaKind;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** One V2GTP message: payload type and payload bytes (the array is owned by the frame; don't mutate it). */
public record V2gtpFrame(int payloadType, byte[] payload) {

    public V2gtpFrame {
        if (payloadType < 0 || payloadType > 0xFFFF) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        if (payload == null) {
            throw new NullPointerException("payload");
        }
    }

    public V2gtpFrame(PayloadType type, byte[] payload) {
        this(type.code(), payload);
    }

    /** The EXI grammar to decode the payload with, empty for raw payloads. */
    public Optional<SchemaKind> schema() {
        return PayloadType.schemaOf(payloadType);
    }

    public V2gtpHeader header() {
        return new V2gtpHeader(payloadType, payload.length);
    }

    /** Header + payload in one array, ready for one socket write (facts 10: one message per write). */
    public byte[] toBytes() {
        byte[] out = new byte[V2gtpHeader.LENGTH + payload.length];
        header().writeTo(out, 0);
        System.arraycopy(payload, 0, out, V2gtpHeader.LENGTH, payload.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof V2gtpFrame f && f.payloadType == payloadType && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * payloadType + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return String.format("V2gtpFrame[0x%04x, %d bytes: %s]", payloadType, payload.length,
                HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 32)) + (payload.length > 32 ? "…" : ""));
    }
}
