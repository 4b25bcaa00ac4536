package org.secc.hal.cp;

/**
 * Duty cycle ↔ maximum current of IEC 61851-1 (facts sheet 1.2): 8-10 % → 6 A; 10-85 %: I = D × 0.6 A;
 * 85-96 %: I = (D − 64) × 2.5 A; 96-97 % → 80 A. 5 % means digital communication is required.
 */
public final class DutyCycle {
    /** Digital communication (ISO 15118) required; always so for DC. */
    public static final double HLC_PERCENT = 5.0;
    public static final double MIN_CURRENT_A = 6.0;
    public static final double MAX_CURRENT_A = 80.0;

    private DutyCycle() {
    }

    /** The duty cycle that announces {@code amps} (6-80 A), rounded down to 0.1 % so the EV never reads more. */
    public static double forCurrent(double amps) {
        if (!(amps >= MIN_CURRENT_A && amps <= MAX_CURRENT_A)) {
            throw new IllegalArgumentException("a PWM current limit must be 6-80 A, not " + amps);
        }
        double d = amps <= 51.0 ? amps / 0.6 : amps / 2.5 + 64.0;
        return Math.floor(d * 10.0 + 1e-9) / 10.0;
    }

    /**
     * The current an EV may draw at duty cycle {@code percent}, or 0 where the duty cycle allows no
     * charging (below 8 %, including 5 % = HLC only, or above 97 %).
     */
    public static double currentFor(double percent) {
        if (percent < 8.0 || percent > 97.0) {
            return 0.0;
        }
        if (percent <= 10.0) {
            return 6.0;
        }
        if (percent <= 85.0) {
            return percent * 0.6;
        }
        if (percent <= 96.0) {
            return (percent - 64.0) * 2.5;
        }
        return 80.0;
    }
}
