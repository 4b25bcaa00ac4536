package org.secc.app.session;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.secc.exi.iso20.types.RationalNumberType;

/**
 * RationalNumberType (Value × 10^Exponent, SI units, ISO 15118-20 RationalNumberType) conversions. Encoding keeps
 * |Value| ≤ 32767 with the smallest exponent that fits, rounding half-up (libiso truncates; rounding
 * is closer).
 */
public final class RationalNumbers {

    private RationalNumbers() {}

    public static double toDouble(RationalNumberType r) {
        return r.Value() * Math.pow(10, r.Exponent());
    }

    /** @throws IllegalArgumentException for NaN or infinity */
    public static RationalNumberType of(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("not a finite number: " + x);
        }
        if (x == 0) {
            return new RationalNumberType(0, 0);
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            // Whole numbers (volts, amperes, watts of most limits): the same result without BigDecimal, which
            // costs as much as the rest of a charge-loop step before the JIT compiles it. Trailing zeros go to the
            // exponent; a mantissa that fits a short is then the smallest exponent that fits.
            long m = (long) x;
            int e = 0;
            while (m % 10 == 0) {
                m /= 10;
                e++;
            }
            if (Math.abs(m) <= 32767) {
                return new RationalNumberType(e, (int) m);
            }
        }
        BigDecimal v = BigDecimal.valueOf(x);
        // Start at 4 significant digits below the magnitude, step up until |Value| fits a short.
        int exp = (int) Math.floor(Math.log10(Math.abs(x))) - 4;
        exp = Math.max(exp, -128);
        while (true) {
            long val = v.movePointLeft(exp).setScale(0, RoundingMode.HALF_UP).longValueExact();
            if (Math.abs(val) <= 32767) {
                // Normalise trailing zeros away so 150 kW stays readable ({0,15000} → {1,1500}...).
                while (val != 0 && val % 10 == 0 && exp < 127) {
                    val /= 10;
                    exp++;
                }
                return new RationalNumberType(exp, (int) val);
            }
            if (exp >= 127) {
                throw new IllegalArgumentException("out of RationalNumber range: " + x);
            }
            exp++;
        }
    }

    /** The same quantity as an absolute value (discharge limits are accepted with either sign). */
    public static double abs(RationalNumberType r) {
        return Math.abs(toDouble(r));
    }
}
