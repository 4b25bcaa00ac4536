package org.secc.app.policy;

import java.util.Locale;

/**
 * A limit or setpoint that an upstream party (site controller, CSMS, operator) placed on this charger:
 * who set it, why, and until when. Powers in W at the charger's grid connection; import = power drawn
 * from the grid (charging the EV), export = power fed into the grid (discharging the EV). NaN means "no
 * limit in that direction" or "no setpoint".
 *
 * <p>When a limit lapses (its expiry passes without a renewal) the charger falls back to the safe state
 * of the local-controller hierarchy: charge-only at {@code failsafe_charge_power_w} until the same source
 * sends a new limit or clears it (secc-app/README-grid.md, "Precedence").
 *
 * @param source        who set it
 * @param id            the command id that set it
 * @param importLimitW  the most this charger may draw, W (NaN: no import limit)
 * @param exportLimitW  the most this charger may feed back, W (NaN: no export limit)
 * @param setpointW     signed dispatch setpoint, positive = charge the EV, negative = discharge (NaN: none)
 * @param reason        the source's reason, shown with the limit
 * @param expiresAtNanos monotonic time at which the limit lapses
 */
public record ExternalLimit(CommandSource source, String id, double importLimitW, double exportLimitW,
                            double setpointW, String reason, long expiresAtNanos) {

    public boolean isSetpoint() {
        return !Double.isNaN(setpointW);
    }

    /** Seconds left, rounded up; 0 once lapsed. */
    public long remainingS(long nowNanos) {
        long left = expiresAtNanos - nowNanos;
        return left <= 0 ? 0 : (left + 999_999_999L) / 1_000_000_000L;
    }

    /** "site limit from mqtt (peak shaving)" / "dispatch setpoint from ocpp". */
    public String label() {
        String what = isSetpoint() ? "dispatch setpoint" : "site limit";
        return what + " from " + source.wire() + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(label()).append(':');
        if (isSetpoint()) {
            sb.append(String.format(Locale.ROOT, " setpoint %.0f W", setpointW));
        }
        if (!Double.isNaN(importLimitW)) {
            sb.append(String.format(Locale.ROOT, " import <= %.0f W", importLimitW));
        }
        if (!Double.isNaN(exportLimitW)) {
            sb.append(String.format(Locale.ROOT, " export <= %.0f W", exportLimitW));
        }
        return sb.toString();
    }
}
