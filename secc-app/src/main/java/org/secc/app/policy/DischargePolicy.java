package org.secc.app.policy;

import org.secc.common.config.ConfigText;

/**
 * The discharge policy settings (product requirements), read from the policy file. Powers in W,
 * temperatures in °C, prices in the site's currency per kWh, times in seconds.
 */
public record DischargePolicy(
        double socReservePct,
        double socFloorPct,
        double sessionDodLimitPct,
        double maxChargePowerW,
        double maxDischargePowerW,
        double derateStartC,
        double derateEndC,
        double derateHysteresisC,
        double priceChargeBelow,
        double priceDischargeAbove,
        Mode noPriceMode,
        double reversalHoldS,
        double urgencyFrequencyHz,
        double heartbeatTimeoutS,
        double failsafeChargePowerW) {

    /**
     * Reads the policy keys; errors go to {@code s}. {@code nominalHz} sets the default under-frequency
     * override (nominal − 0.3 Hz: 59.7 / 49.7 Hz).
     */
    static DischargePolicy fromSettings(ConfigText s, double nominalHz) {
        double reserve = s.number("soc_reserve_pct", 20, 0, 100, "%");
        double floor = s.number("soc_floor_pct", 10, 0, 100, "%");
        if (floor > reserve) {
            s.error("soc_floor_pct", ConfigText.fmt(floor) + " is above soc_reserve_pct ("
                    + ConfigText.fmt(reserve) + "); allowed 0 to soc_reserve_pct");
        }
        double dod = s.number("session_dod_limit_pct", 100, 0, 100, "%");
        double maxCharge = s.number("max_charge_power_w", 11000, 0, 1_000_000, "W");
        double maxDischarge = s.number("max_discharge_power_w", 11000, 0, 1_000_000, "W");
        double start = s.number("derate_start_c", 45, -40, 150, "°C");
        double end = s.number("derate_end_c", 75, -40, 150, "°C");
        if (!(end > start)) {
            s.error("derate_end_c", ConfigText.fmt(end) + " must be above derate_start_c ("
                    + ConfigText.fmt(start) + ")");
        }
        double hyst = s.number("derate_hysteresis_c", 5, 0, 30, "°C");
        double low = s.number("price_charge_below", 0.10, -1e6, 1e6, "per kWh");
        double high = s.number("price_discharge_above", 0.30, -1e6, 1e6, "per kWh");
        if (!(high >= low)) {
            s.error("price_discharge_above", ConfigText.fmt(high) + " is below price_charge_below ("
                    + ConfigText.fmt(low) + "); allowed price_charge_below or more");
        }
        String np = s.choice("no_price_mode", "CHARGE", "CHARGE", "IDLE", "EV").toUpperCase(java.util.Locale.ROOT);
        Mode noPrice = np.equals("EV") ? Mode.FOLLOW_EV : Mode.valueOf(np);
        double hold = s.number("reversal_hold_s", 300, 0, 3600, "s");
        double urgency = s.number("urgency_frequency_hz", nominalHz - 0.3, nominalHz - 3, nominalHz, "Hz");
        // site_heartbeat_timeout_s covers every site source (ctl, MQTT, OCPP); heartbeat_timeout_s is its
        // older name and still read, but not both.
        String hbKey = "site_heartbeat_timeout_s";
        if (s.has("heartbeat_timeout_s")) {
            if (s.has(hbKey)) {
                s.error("heartbeat_timeout_s", "is the older name of site_heartbeat_timeout_s; set only one of them");
            } else {
                hbKey = "heartbeat_timeout_s";
            }
        }
        double hb = s.number(hbKey, 60, 0, 3600, "s (0 = no site controller)");
        if (!hbKey.equals("heartbeat_timeout_s")) {
            s.number("heartbeat_timeout_s", 60, 0, 3600, "s");
        }
        double failsafe = s.number("failsafe_charge_power_w", 1400, 0, 1_000_000, "W");
        if (failsafe > maxCharge) {
            s.error("failsafe_charge_power_w", ConfigText.fmt(failsafe) + " is above max_charge_power_w ("
                    + ConfigText.fmt(maxCharge) + "); allowed 0 to max_charge_power_w");
        }
        return new DischargePolicy(reserve, floor, dod, maxCharge, maxDischarge, start, end, hyst, low, high,
                noPrice, hold, urgency, hb, failsafe);
    }

    /** Thermal derating factor at temperature t: 1 up to start, linear to 0 at end. */
    double thermalFactor(double t) {
        if (t <= derateStartC) {
            return 1.0;
        }
        if (t >= derateEndC) {
            return 0.0;
        }
        return (derateEndC - t) / (derateEndC - derateStartC);
    }
}
