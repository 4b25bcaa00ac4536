package org.secc.exi.runtime;

import java.math.BigInteger;
import java.util.Arrays;

/** Bit-packed EXI output (most significant bit first) into a growing byte array. Not thread-safe; reusable. */
public final class BitWriter {
    private byte[] buf;
    private int len;
    private long acc;
    private int cnt;

    public BitWriter() {
        this(256);
    }

    public BitWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public void reset() {
        len = 0;
        acc = 0;
        cnt = 0;
    }

    /** Writes the n (0..32) low bits of value. */
    public void bits(int value, int n) {
        if (n == 0) {
            return;
        }
        acc = (acc << n) | (value & (0xFFFFFFFFL >>> (32 - n)));
        cnt += n;
        while (cnt >= 8) {
            cnt -= 8;
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, len * 2);
            }
            buf[len++] = (byte) (acc >>> cnt);
        }
    }

    public void bool(boolean b) {
        bits(b ? 1 : 0, 1);
    }

    /** EXI Unsigned Integer; v is read as unsigned 64-bit. */
    public void uint(long v) {
        while ((v & ~0x7FL) != 0) {
            bits((int) (v & 0x7F) | 0x80, 8);
            v >>>= 7;
        }
        bits((int) v, 8);
    }

    public void uint(BigInteger v) {
        if (v.bitLength() < 64) {
            uint(v.longValue());
            return;
        }
        int groups = (v.bitLength() + 6) / 7;
        for (int i = 0; i < groups; i++) {
            int g = v.shiftRight(7 * i).intValue() & 0x7F;
            bits(i + 1 < groups ? g | 0x80 : g, 8);
        }
    }

    /** EXI Integer: sign bit, then the magnitude (negative values as -v-1). */
    public void integer(long v) {
        if (v < 0) {
            bits(1, 1);
            uint(-(v + 1));
        } else {
            bits(0, 1);
            uint(v);
        }
    }

    public void integer(BigInteger v) {
        if (v.signum() < 0) {
            bits(1, 1);
            uint(v.negate().subtract(BigInteger.ONE));
        } else {
            bits(0, 1);
            uint(v);
        }
    }

    /** EXI String without a string-table hit (value partition capacity 0): length+2, then code points. */
    public void string(String s) {
        int n = s.length();
        boolean bmp = true;
        for (int i = 0; i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                bmp = false;
                break;
            }
        }
        if (bmp) {
            uint(n + 2L);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    bits(c, 8);
                } else {
                    uint(c);
                }
            }
        } else {
            uint(s.codePointCount(0, n) + 2L);
            for (int i = 0; i < n; ) {
                int cp = s.codePointAt(i);
                uint(cp);
                i += Character.charCount(cp);
            }
        }
    }

    /** EXI Binary: length, then the octets. */
    public void binary(byte[] b) {
        uint(b.length);
        if (cnt == 0) {
            if (len + b.length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + b.length));
            }
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        } else {
            for (byte x : b) {
                bits(x & 0xFF, 8);
            }
        }
    }

    /** The stream so far, padded with zero bits to a whole byte. */
    public byte[] toByteArray() {
        int extra = cnt > 0 ? 1 : 0;
        byte[] r = Arrays.copyOf(buf, len + extra);
        if (extra == 1) {
            r[len] = (byte) (acc << (8 - cnt));
        }
        return r;
    }
}
