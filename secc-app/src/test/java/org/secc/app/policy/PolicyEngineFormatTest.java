package org.secc.app.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The engine's reason numbers are built without java.util.Formatter; they must read exactly as before. */
class PolicyEngineFormatTest {

    private static String formatterKw(double w) {
        return String.format(Locale.ROOT, "%.1f kW", w / 1000.0);
    }

    private static String formatterFmt(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    @Test
    void sameDigitsAsTheFormatter() {
        double[] edges = {0, -0.0, 0.05, 0.15, 1.05, 1.15, 2.675, 2.665, -0.04, -0.004, 0.005, 0.995, 9.995, 99.5, 100, 1000, 11000,
                11050, 11049.999, -3200, 1e15, 123456789.125, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 7.345, 7.355, 0.125, 0.375, 12.5};
        for (double v : edges) {
            assertEquals(formatterKw(v), PolicyEngine.kw(v), "kw(" + v + ")");
            assertEquals(formatterKw(v * 1000), PolicyEngine.kw(v * 1000), "kw(" + v * 1000 + ")");
            assertEquals(formatterFmt(v), PolicyEngine.fmt(v), "fmt(" + v + ")");
        }
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> r.nextDouble(-400_000, 400_000);
                case 1 -> r.nextInt(-40_000, 40_000) * 0.05; // halves at the rounding digit
                case 2 -> r.nextInt(-100_000, 100_000) * 0.005;
                default -> r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-6, 12));
            };
            assertEquals(formatterKw(v), PolicyEngine.kw(v), "kw(" + v + ")");
            assertEquals(formatterFmt(v), PolicyEngine.fmt(v), "fmt(" + v + ")");
        }
    }
}
