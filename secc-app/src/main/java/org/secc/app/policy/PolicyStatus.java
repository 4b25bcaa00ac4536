package org.secc.app.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's inputs as {@code secc ctl status} and the site interface show them.
 *
 * @param limits       every active site/CSMS limit and dispatch setpoint, with the seconds left
 * @param failsafe     why the charge-only fail-safe holds (empty when it does not)
 * @param heartbeatAgeS seconds since the last heartbeat, per source that has sent one
 * @param linksDown    sources whose connection is down
 * @param operator     "auto", "manual discharge 3.0 kW (ctl)", "forced discharge ..." or "emergency stop"
 * @param price        the last price, NaN before the first
 * @param priceSource  who set it, null before the first
 * @param priceRemainingS seconds until the price lapses, -1 when it has no validity (or there is none)
 */
public record PolicyStatus(List<Active> limits, List<String> failsafe, Map<CommandSource, Long> heartbeatAgeS,
                           Set<CommandSource> linksDown, String operator, double price, CommandSource priceSource,
                           long priceRemainingS) {

    public record Active(ExternalLimit limit, long remainingS) {
    }

    public boolean failsafeActive() {
        return !failsafe.isEmpty();
    }
}
