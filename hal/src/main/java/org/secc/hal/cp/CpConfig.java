package org.secc.hal.cp;

import java.time.Duration;

/**
 * Thresholds and timers of the control-pilot state machine. The voltage thresholds sit midway
 * between the nominal levels of facts sheet 1.1 (12 / 9 / 6 / 3 / 0 V, ±1 V tolerance each).
 *
 * @param aMinV          high level at or above: A
 * @param bMinV          at or above (and below aMinV): B
 * @param cMinV          C
 * @param dMinV          D; below it: E (0 V, shorted or lost pilot)
 * @param diodeMaxLowV   with PWM running, the low level must be at or below this (≈ −12 V through the EV's diode);
 *                       a higher low level means a missing or shorted diode
 * @param debounce       a new A/B/C/D must be seen this long before it counts (E counts at once)
 * @param sampleTimeout  no sample for this long: the pilot is lost (E)
 * @param pwmOffInCTimeout PWM switched off (X1) but the EV stays in C/D this long: force power off (6 s, Seq. 10.2)
 * @param stepEf         T_step_EF: minimum time in E/F for a retry or a switch to nominal PWM (≥ 4 s)
 * @param stepX1         T_step_X1: time in X1 between 5 % and nominal while matched (3 s)
 * @param unlockAfterF   after entering F the connector may be unlocked after this (EVerest: 5 s)
 */
public record CpConfig(double aMinV, double bMinV, double cMinV, double dMinV, double diodeMaxLowV, Duration debounce,
                       Duration sampleTimeout, Duration pwmOffInCTimeout, Duration stepEf, Duration stepX1, Duration unlockAfterF) {

    public static CpConfig defaults() {
        return new CpConfig(10.5, 7.5, 4.5, 1.5, -10.5, Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofSeconds(6),
                Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    public CpConfig {
        if (!(aMinV > bMinV && bMinV > cMinV && cMinV > dMinV && dMinV > 0)) {
            throw new IllegalArgumentException("thresholds must fall: A > B > C > D > 0 V");
        }
        if (diodeMaxLowV >= 0) {
            throw new IllegalArgumentException("the diode check needs a negative low level");
        }
        // E/F and C→B must lead to open contactors within 100 ms (facts sheet 1.3)
        if (debounce.compareTo(Duration.ofMillis(80)) > 0 || sampleTimeout.compareTo(Duration.ofMillis(100)) >= 0) {
            throw new IllegalArgumentException("debounce must be ≤ 80 ms and the sample timeout < 100 ms to open within 100 ms");
        }
        if (stepEf.compareTo(Duration.ofSeconds(4)) < 0) {
            throw new IllegalArgumentException("T_step_EF is at least 4 s");
        }
    }
}
