package org.secc.app.session;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.secc.exi.iso20.types.RationalNumberType;

class RationalNumbersTest {

    @Test
    void examplesFromFactsSheet() {
        assertEquals(150_000, RationalNumbers.toDouble(RationalNumbers.of(150_000)), 1e-9);
        assertEquals(new RationalNumberType(-1, 4005), RationalNumbers.of(400.5));
        assertEquals(-11_000, RationalNumbers.toDouble(RationalNumbers.of(-11_000)), 1e-9);
        assertEquals(new RationalNumberType(0, 0), RationalNumbers.of(0));
    }

    @Test
    void valueAlwaysFitsAShortAndRounds() {
        for (double x : new double[] {32767, 32768, 99999.9, -32768.4, 1e9, 1.23456789, -0.0012345, 350_000}) {
            var r = RationalNumbers.of(x);
            assertTrue(Math.abs(r.Value()) <= 32767, () -> x + " -> " + r);
            assertEquals(x, RationalNumbers.toDouble(r), Math.abs(x) * 1e-4 + 1e-12, () -> x + " -> " + r);
        }
        // 32768 needs the next exponent: 3277 × 10^1 (rounded, not truncated)
        assertEquals(new RationalNumberType(1, 3277), RationalNumbers.of(32768));
    }

    /** The BigDecimal search of {@link RationalNumbers#of} for every value, the reference of its whole-number shortcut. */
    private static int[] reference(double x) {
        java.math.BigDecimal v = java.math.BigDecimal.valueOf(x);
        int exp = Math.max((int) Math.floor(Math.log10(Math.abs(x))) - 4, -128);
        while (true) {
            long val = v.movePointLeft(exp).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            if (Math.abs(val) <= 32767) {
                while (val != 0 && val % 10 == 0 && exp < 127) {
                    val /= 10;
                    exp++;
                }
                return new int[] {exp, (int) val};
            }
            exp++;
        }
    }

    @Test
    void wholeNumbersGiveWhatTheGeneralSearchGives() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(15118);
        for (int i = 0; i < 200_000; i++) {
            double x = switch (i % 4) {
                case 0 -> r.nextInt(-40_000, 40_000);
                case 1 -> r.nextInt(-3000, 3000) * Math.pow(10, r.nextInt(0, 12));
                case 2 -> (double) r.nextLong(-1_000_000_000_000_000L, 1_000_000_000_000_000L);
                default -> Math.rint(r.nextDouble(-1e6, 1e6));
            };
            if (x == 0) {
                continue;
            }
            RationalNumberType got = RationalNumbers.of(x);
            int[] want = reference(x);
            assertEquals(want[0], got.Exponent(), "exponent of " + x);
            assertEquals(want[1], got.Value(), "value of " + x);
        }
    }

    @Test
    void absAcceptsEitherSign() {
        assertEquals(11_000, RationalNumbers.abs(new RationalNumberType(3, -11)), 1e-9);
        assertEquals(11_000, RationalNumbers.abs(new RationalNumberType(3, 11)), 1e-9);
    }

    @Test
    void rejectsNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> RationalNumbers.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> RationalNumbers.of(Double.POSITIVE_INFINITY));
    }
}
