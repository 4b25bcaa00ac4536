package org.secc.app.charge;

import java.time.Duration;

/**
 * Configured limits and behaviour of the charge point, intersected with what the power stage reports.
 * Powers in W, currents in A, voltages in V; NaN = take the power stage's rating.
 *
 * @param dcMaxChargePowerW      DC charge power limit of the installation (e.g. the site's connection)
 * @param dcMaxDischargePowerW   DC discharge power limit
 * @param dcMaxChargeCurrentA    DC charge current limit (cable rating)
 * @param dcMaxDischargeCurrentA DC discharge current limit
 * @param acMaxChargePowerW      AC charge power (all phases) the EVSE relay and cable allow
 * @param acMaxDischargePowerW   AC discharge power (AC_BPT: the EV's inverter feeds back)
 * @param acPhases               1 or 3
 * @param prechargeCurrentA       current limit while precharging (IEC 61851-23: ≤ 2 A)
 * @param contactorTimeout        how long contactor feedback may take ([V2G20-860]: at most 3 s)
 * @param insulationFaultOhm      insulation below this is a fault (IEC 61851-23: 100 kΩ)
 * @param autoAuthorize           EIM decision: accept every EV (free vend, bench); otherwise the
 *                                operator authorizes through {@link HalChargeControl#authorize(boolean)}
 * @param renegotiationStepW      Scheduled mode: a policy limit that differs this much from the
 *                                schedule the EV follows asks it to renegotiate
 * @param evSilenceRamp           an EV silent in the charge loop: the time its current takes to ramp
 *                                to zero before the session ends ({@code charge.ev_silence_ramp_s})
 */
public record ChargeSettings(double dcMaxChargePowerW, double dcMaxDischargePowerW, double dcMaxChargeCurrentA,
        double dcMaxDischargeCurrentA, double acMaxChargePowerW, double acMaxDischargePowerW, int acPhases,
        double prechargeCurrentA, Duration contactorTimeout, double insulationFaultOhm, boolean autoAuthorize,
        double renegotiationStepW, Duration evSilenceRamp) {

    public ChargeSettings {
        if (evSilenceRamp.isNegative() || evSilenceRamp.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("EV silence ramp must be 0..10 s: " + evSilenceRamp);
        }
        if (acPhases != 1 && acPhases != 3) {
            throw new IllegalArgumentException("ac phases must be 1 or 3: " + acPhases);
        }
        if (!(prechargeCurrentA > 0 && prechargeCurrentA <= 2)) {
            throw new IllegalArgumentException("precharge current must be in (0, 2] A: " + prechargeCurrentA);
        }
        if (contactorTimeout.isNegative() || contactorTimeout.compareTo(Duration.ofSeconds(3)) > 0) {
            throw new IllegalArgumentException("contactor timeout must be 0..3 s: " + contactorTimeout);
        }
    }

    /** The stage's ratings, 11 kW three-phase AC both ways, 2 A precharge, 3 s contactors, 100 kΩ, auto-authorize, 2 s silence ramp. */
    public static ChargeSettings defaults() {
        return new ChargeSettings(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 11_000, 11_000, 3, 2, Duration.ofSeconds(3), 100_000,
                true, 1_000, Duration.ofSeconds(2));
    }
}
