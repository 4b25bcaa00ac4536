package org.secc.exi.runtime;

import java.math.BigInteger;
import org.secc.exi.ExiDecodeException;

/**
 * Bit-packed EXI input over a byte array. Every read is bounded by the remaining input, so a hostile
 * length can never make the decoder allocate or loop beyond what the bytes could hold.
 */
public final class BitReader {
    private final byte[] buf;
    private final long limit;
    private long pos;

    public BitReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public BitReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = (long) offset * 8;
        this.limit = (long) (offset + length) * 8;
    }

    public long position() {
        return pos;
    }

    public long remainingBits() {
        return limit - pos;
    }

    public ExiDecodeException fail(String reason) {
        return new ExiDecodeException(pos, reason);
    }

    /** Reads n (0..32) bits as an unsigned value. */
    public int bits(int n) {
        if (n == 0) {
            return 0;
        }
        if (pos + n > limit) {
            throw fail("unexpected end of stream");
        }
        int result = 0;
        int p = (int) (pos >>> 3);
        int off = (int) (pos & 7);
        int need = n;
        while (need > 0) {
            int avail = 8 - off;
            int take = Math.min(avail, need);
            int v = ((buf[p] & 0xFF) >>> (avail - take)) & ((1 << take) - 1);
            result = (result << take) | v;
            need -= take;
            off = 0;
            p++;
        }
        pos += n;
        return result;
    }

    public boolean bool() {
        return bits(1) == 1;
    }

    /** EXI Unsigned Integer that must fit 64 bits (read as unsigned). */
    public long uint() {
        long v = 0;
        int shift = 0;
        for (int i = 0; i < 10; i++) {
            int b = bits(8);
            long g = b & 0x7F;
            if (shift == 63 && g > 1) {
                throw fail("unsigned integer exceeds 64 bits");
            }
            v |= g << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
        throw fail("unsigned integer exceeds 64 bits");
    }

    /** EXI Unsigned Integer of any size (bounded by the input). */
    public BigInteger uintBig() {
        BigInteger v = BigInteger.ZERO;
        int shift = 0;
        for (;;) {
            int b = bits(8);
            v = v.or(BigInteger.valueOf(b & 0x7F).shiftLeft(shift));
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }

    /** EXI Unsigned Integer that must lie in [0, max]. */
    public long uint(long max, String what) {
        long v = uint();
        if (v < 0 || v > max) {
            throw fail(what + " out of range: " + Long.toUnsignedString(v));
        }
        return v;
    }

    /** EXI Integer within the signed 64-bit range. */
    public long integer() {
        boolean neg = bits(1) == 1;
        long m = uint();
        if (m < 0) {
            throw fail("integer exceeds 64 bits");
        }
        return neg ? -m - 1 : m;
    }

    public BigInteger integerBig() {
        boolean neg = bits(1) == 1;
        BigInteger m = uintBig();
        return neg ? m.negate().subtract(BigInteger.ONE) : m;
    }

    /** EXI String: no string tables exist (value partition capacity 0), so hits are malformed. */
    public String string(int maxLength) {
        long l = uint();
        if (l == 0 || l == 1) {
            throw fail("string table hit, but the value partition capacity is 0");
        }
        long n = l - 2;
        if (n < 0 || n > maxLength) {
            throw fail("string length " + Long.toUnsignedString(n) + " above the maximum " + maxLength);
        }
        if (n * 8 > remainingBits()) {
            throw fail("string length " + n + " beyond the end of the stream");
        }
        int len = (int) n;
        char[] cs = null;
        StringBuilder sb = null;
        for (int i = 0; i < len; i++) {
            long cp = uint();
            if (cp >= 0 && cp < 0x80) {
                if (sb == null) {
                    if (cs == null) {
                        cs = new char[len];
                    }
                    cs[i] = (char) cp;
                    continue;
                }
                sb.append((char) cp);
                continue;
            }
            if (cp < 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw fail("invalid code point " + cp);
            }
            if (sb == null) {
                sb = new StringBuilder(len + 4);
                if (cs != null) {
                    sb.append(cs, 0, i);
                }
            }
            sb.appendCodePoint((int) cp);
        }
        if (sb != null) {
            return sb.toString();
        }
        return cs == null ? "" : new String(cs);
    }

    /** EXI Binary with at most maxLength octets. */
    public byte[] binary(int maxLength) {
        long n = uint();
        if (n < 0 || n > maxLength) {
            throw fail("binary length " + Long.toUnsignedString(n) + " above the maximum " + maxLength);
        }
        if (n * 8 > remainingBits()) {
            throw fail("binary length " + n + " beyond the end of the stream");
        }
        byte[] b = new byte[(int) n];
        if ((pos & 7) == 0) {
            System.arraycopy(buf, (int) (pos >>> 3), b, 0, b.length);
            pos += n * 8;
        } else {
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) bits(8);
            }
        }
        return b;
    }
}
