package org.secc.exi.runtime;

import java.math.BigInteger;
import java.util.SplittableRandom;

/** Random choices for the generated schema-valid instance builders (tests and benchmarks). */
public final class RandomSource {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:*#/";
    private static final int[] WIDE = {0xe9, 0x20ac, 0x4e2d, 0x1f50b};
    private final SplittableRandom r;
    private int fullBudget = -1;

    public RandomSource(long seed) {
        r = new SplittableRandom(seed);
    }

    /**
     * Fills bounded lists to their maxOccurs (the end-of-list code widths differ there) until about
     * {@code itemBudget} list items have been drawn, then falls back to short lists.
     */
    public RandomSource fillLists(int itemBudget) {
        fullBudget = itemBudget;
        return this;
    }

    public boolean present() {
        return r.nextInt(2) == 0;
    }

    public boolean bool() {
        return r.nextBoolean();
    }

    public int pick(int n) {
        return r.nextInt(n);
    }

    /** A list size in [min, max] (max -1 = unbounded), sometimes exactly the maximum. */
    public int count(int min, int max) {
        if (fullBudget > 0 && max != -1) {
            int n = Math.max(min, Math.min(max, fullBudget));
            fullBudget -= n;
            return n;
        }
        if (max != -1 && max <= 16 && r.nextInt(8) == 0) {
            return max;
        }
        int hi = max == -1 ? min + 3 : Math.min(max, min + 3);
        return min + r.nextInt(hi - min + 1);
    }

    public long longIn(long min, long max) {
        int k = r.nextInt(10);
        if (k == 0) {
            return min;
        }
        if (k == 1) {
            return max;
        }
        if (k < 6 && min <= 0 && max >= 0) {
            long small = r.nextLong(0, 1000);
            long v = r.nextBoolean() && min < 0 ? -small : small;
            return Math.max(min, Math.min(max, v));
        }
        if (max - min >= 0 && max - min < Long.MAX_VALUE) {
            return min + r.nextLong(max - min + 1);
        }
        long v = r.nextLong();
        return v < min ? min : Math.min(v, max);
    }

    public long ulong() {
        int k = r.nextInt(4);
        return k == 0 ? -1L : k == 1 ? r.nextLong(1000) : r.nextLong();
    }

    public BigInteger big() {
        int k = r.nextInt(3);
        return k == 0 ? BigInteger.valueOf(r.nextLong(-1000, 1000)) : new BigInteger(1 + r.nextInt(100), new java.util.Random(r.nextLong())).multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1));
    }

    private int length(Integer minLength, Integer maxLength) {
        int lo = minLength == null ? 0 : minLength;
        int hi = maxLength == null ? lo + 40 : maxLength;
        int k = r.nextInt(10);
        if (k == 0) {
            return lo;
        }
        if (k == 1) {
            return hi;
        }
        return lo + r.nextInt(Math.min(hi - lo, 24) + 1);
    }

    public String string(Integer minLength, Integer maxLength) {
        int n = length(minLength, maxLength);
        StringBuilder sb = new StringBuilder(n);
        boolean wide = r.nextInt(5) == 0;
        for (int i = 0; i < n; i++) {
            if (wide && r.nextInt(4) == 0) {
                sb.appendCodePoint(WIDE[r.nextInt(WIDE.length)]);
            } else {
                sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
        }
        return sb.toString();
    }

    public byte[] bytes(Integer minLength, Integer maxLength) {
        int hi = maxLength == null ? 64 : Math.min(maxLength, 600);
        int n = Math.min(length(minLength, hi), hi);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }
}
