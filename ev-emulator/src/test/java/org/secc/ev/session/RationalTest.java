package org.secc.ev.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.secc.exi.iso20.types.RationalNumberType;

class RationalTest {
    @Test
    void keepsValueInShortRange() {
        assertEquals(new RationalNumberType(1, 15000), Rational.of(150_000));
        assertEquals(new RationalNumberType(0, 400), Rational.of(400));
        assertEquals(new RationalNumberType(-1, 4005), Rational.of(400.5));
        assertEquals(new RationalNumberType(0, -11000), Rational.of(-11_000));
        assertEquals(new RationalNumberType(1, -4000), Rational.of(-40_000));
        assertEquals(new RationalNumberType(0, 0), Rational.of(0));
    }

    @Test
    void valueRoundTrips() {
        for (double x : new double[] {1, -40, 350.7, 60_000, 1_234_567, 0.125}) {
            assertEquals(x, Rational.value(Rational.of(x)), Math.abs(x) * 1e-3 + 1e-3, "x=" + x);
        }
    }
}
