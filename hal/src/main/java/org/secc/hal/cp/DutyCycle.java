package org.secc.hal.cp;

/**
 * Nominal duty cycle ↔ maximum current (IEC 61851-1, hal/README.md).
 */
public final class DutyCycle {
    /** Duty cycle that requests digital communication (ISO 15118 / DIN 70121). */
    public static final double HLC_PERCENT = 5.0;

    private DutyCycle() { }

    /** What an EV reads from a duty cycle. */
    public sealed interface Meaning {
        /** < 3 % or > 97 %: not allowed to charge. */
        record NoCharging() implements Meaning { }

        /** 3–7 %: high-level communication required. */
        record DigitalCommunication() implements Meaning { }

        /** 7–8 %: error, no charging. */
        record Error() implements Meaning { }

        /** A maximum current, amperes. */
        record MaxCurrent(double amperes) implements Meaning { }
    }

    /** The meaning of a duty cycle in percent. */
    public static Meaning meaning(double dutyPercent) {
        if (dutyPercent < 3 || dutyPercent > 97) {
            return new Meaning.NoCharging();
        }
        if (dutyPercent <= 7) {
            return new Meaning.DigitalCommunication();
        }
        if (dutyPercent < 8) {
            return new Meaning.Error();
        }
        if (dutyPercent < 10) {
            return new Meaning.MaxCurrent(6.0);
        }
        if (dutyPercent <= 85) {
            return new Meaning.MaxCurrent(dutyPercent * 0.6);
        }
        if (dutyPercent <= 96) {
            return new Meaning.MaxCurrent((dutyPercent - 64) * 2.5);
        }
        return new Meaning.MaxCurrent(80.0);
    }

    /**
     * Duty cycle that announces a maximum current. 6–51 A: D = I / 0.6; 52.5–80 A: D = I / 2.5 + 64.
     * The two formulas do not meet (85 % reads as 51 A, just above 85 % as 52.5 A), so 51–52.5 A is
     * announced as 85 % = 51 A: never announce more than the caller allows.
     *
     * @throws IllegalArgumentException outside 6–80 A (no nominal duty exists for it)
     */
    public static double forCurrent(double amperes) {
        if (!(amperes >= 6 && amperes <= 80)) {
            throw new IllegalArgumentException("nominal PWM current must be 6..80 A, got " + amperes);
        }
        if (amperes <= 51) {
            return amperes / 0.6;
        }
        if (amperes <= 52.5) {
            return 85.0;
        }
        return amperes / 2.5 + 64;
    }
}
