package org.secc.hal.cp;

import java.time.Duration;

/**
 * Timing of the control-pilot state machine.
 *
 * @param debounce              how long a new state A–D must be measured without interruption before it counts
 * @param faultDebounce         the same for E and F (short: the whole E/F ⇒ open budget is 100 ms)
 * @param pilotLost             no measurement for this long counts as E (pilot lost)
 * @param tStepEf               duration of an E/F step (ISO 15118-3 T_step_EF ≥ 4 s)
 * @param tStepX1               duration of the X1 step before nominal PWM (IEC 61851-1 T_step_X1 = 3 s)
 * @param powerOffInC1          PWM off while the EV stays in C: force power off after this (6 s)
 * @param ventilationAvailable  whether state D may receive power
 */
public record CpConfig(Duration debounce, Duration faultDebounce, Duration pilotLost, Duration tStepEf,
                       Duration tStepX1, Duration powerOffInC1, boolean ventilationAvailable) {

    /** The E/F ⇒ contactors-open bound this machine must meet: 100 ms (IEC 61851-1, hal/README.md). */
    public static final Duration OPEN_BOUND = Duration.ofMillis(100);

    public CpConfig {
        if (pilotLost.compareTo(Duration.ofMillis(80)) > 0) {
            throw new IllegalArgumentException("cp: pilot_lost_ms must be at most 80 ms so a lost pilot opens "
                    + "the contactors within the 100 ms bound, got " + pilotLost.toMillis() + " ms");
        }
        if (faultDebounce.compareTo(Duration.ofMillis(50)) > 0) {
            throw new IllegalArgumentException("cp: fault_debounce_ms must be at most 50 ms (100 ms E/F bound), got "
                    + faultDebounce.toMillis() + " ms");
        }
        if (tStepEf.compareTo(Duration.ofSeconds(4)) < 0) {
            throw new IllegalArgumentException("cp: t_step_ef_ms must be at least 4000 (ISO 15118-3), got "
                    + tStepEf.toMillis());
        }
    }

    /** Defaults: 20 ms debounce, 10 ms for E/F, 50 ms pilot loss, T_step_EF 4 s, T_step_X1 3 s, 6 s C1. */
    public static CpConfig defaults() {
        return new CpConfig(Duration.ofMillis(20), Duration.ofMillis(10), Duration.ofMillis(50),
                Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofSeconds(6), false);
    }
}
