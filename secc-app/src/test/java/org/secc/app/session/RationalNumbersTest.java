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
