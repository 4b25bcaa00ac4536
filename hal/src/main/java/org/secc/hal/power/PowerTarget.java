package org.secc.hal.power;

/**
 * An operating point. {@code currentA} and {@code powerW} are signed: + charges the EV, − discharges
 * it. The stage regulates the current and additionally limits |power| to |powerW| (use
 * {@link Double#POSITIVE_INFINITY} for no power limit beyond capabilities).
 *
 * @param voltageV DC output voltage target / limit, volts (≥ 0)
 */
public record PowerTarget(double voltageV, double currentA, double powerW) {
    public PowerTarget {
        if (!(voltageV >= 0) || Double.isNaN(currentA) || Double.isNaN(powerW)) {
            throw new IllegalArgumentException("invalid power target " + voltageV + " V " + currentA + " A "
                    + powerW + " W");
        }
    }

    /** Zero current. */
    public static PowerTarget zero(double voltageV) {
        return new PowerTarget(voltageV, 0, 0);
    }
}
