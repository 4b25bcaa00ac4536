package org.secc.app.connector;

import java.time.Duration;

/**
 * How a connector runs its lifecycle.
 *
 * @param slac              EVSE-side SLAC on plug-in; false on a plain Ethernet bench (the link is up at once)
 * @param matchingTimeout   from plug-in (or a retry) until the link must be ready: TT_EVSE_SLAC_init plus the
 *                          EV's matching repetitions (ISO 15118-3)
 * @param tStepEf           time in E/F for a retry, T_step_EF (≥ 4 s)
 * @param sequRetries       E/F-and-back retries when SLAC does not succeed, C_sequ_retry (2) [V2G3-M06-07]
 * @param maxFailedAttempts failed matching attempts of the EV that end a round, C_conn_max_match (≥ 3)
 * @param fallback          after the retries: IEC 61851-1 basic charging or an error state
 * @param basicCurrentA     the current the nominal duty cycle offers in basic charging
 */
public record LifecycleConfig(boolean slac, Duration matchingTimeout, Duration tStepEf, int sequRetries, int maxFailedAttempts,
        Fallback fallback, double basicCurrentA) {

    /** What happens when high-level communication cannot be set up. */
    public enum Fallback { BASIC_CHARGING, ERROR }

    public LifecycleConfig {
        if (tStepEf.compareTo(Duration.ofSeconds(4)) < 0) {
            throw new IllegalArgumentException("T_step_EF must be at least 4 s (ISO 15118-3)");
        }
        if (sequRetries < 0 || maxFailedAttempts < 1 || matchingTimeout.isNegative() || matchingTimeout.isZero()) {
            throw new IllegalArgumentException("retries ≥ 0, attempts ≥ 1, matching timeout > 0");
        }
        if (!(basicCurrentA >= 6 && basicCurrentA <= 80)) {
            throw new IllegalArgumentException("basic charging current 6 to 80 A (IEC 61851-1 duty cycle range)");
        }
    }

    public static LifecycleConfig defaults() {
        return new LifecycleConfig(true, Duration.ofSeconds(60), Duration.ofSeconds(4), 2, 3, Fallback.ERROR, 16);
    }

    public LifecycleConfig withSlac(boolean on) {
        return new LifecycleConfig(on, matchingTimeout, tStepEf, sequRetries, maxFailedAttempts, fallback, basicCurrentA);
    }
}
