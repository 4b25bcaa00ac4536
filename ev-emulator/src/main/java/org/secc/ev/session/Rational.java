package org.secc.ev.session;

import org.secc.exi.iso20.types.RationalNumberType;

/** RationalNumber helpers (ISO 15118-20 RationalNumberType): value × 10^exponent, |value| ≤ 32767, rounded not truncated. */
public final class Rational {
    private Rational() {
    }

    public static RationalNumberType of(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return new RationalNumberType(0, 0);
        }
        int exp = 0;
        double v = x;
        while (Math.abs(Math.round(v)) > 32767) {
            v /= 10;
            exp++;
        }
        // keep up to 4 significant digits for small values
        while (exp > -3 && Math.abs(v * 10) <= 32767 && Math.abs(v - Math.rint(v)) > 1e-9) {
            v *= 10;
            exp--;
        }
        return new RationalNumberType(exp, (int) Math.round(v));
    }

    public static double value(RationalNumberType r) {
        return r == null ? 0 : r.Value() * Math.pow(10, r.Exponent());
    }
}
