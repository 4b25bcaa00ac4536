package org.secc.slac.mme;

import java.util.Arrays;

/** Byte access for MME payloads: integers little-endian, IDs and keys in memory order (HomePlug AV 1.1 MME layout, slac/README.md). */
final class Wire {
    private Wire() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16le(byte[] b, int off) {
        return (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8);
    }

    static void u16le(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    /** {@code n} bytes (n ≤ 8) in memory order as an unsigned number: RUN_ID, NID, nonces. */
    static long be(byte[] b, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    static void be(byte[] b, int off, int n, long v) {
        for (int i = n - 1; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    static byte[] bytes(byte[] b, int off, int n) {
        return Arrays.copyOfRange(b, off, off + n);
    }

    static void bytes(byte[] b, int off, byte[] src, int n) {
        if (src.length != n) {
            throw new IllegalArgumentException("field needs " + n + " bytes, got " + src.length);
        }
        System.arraycopy(src, 0, b, off, n);
    }

    static byte[] checked(byte[] v, int n, String field) {
        if (v == null || v.length != n) {
            throw new IllegalArgumentException(field + " needs " + n + " bytes");
        }
        return v.clone();
    }
}
