package org.secc.site;

import java.util.List;

/**
 * One snapshot of the charger for the site: per connector the states and the measurements, plus the
 * active limits and the fail-safe. Power and current are signed: positive = energy flows into the EV
 * (import from the grid), negative = out of the EV (export); energies are non-negative registers.
 */
public record SiteTelemetry(List<Connector> connectors, List<Limit> limits, List<String> failsafe) {

    /**
     * @param evseId          1-based connector number
     * @param lifecycle       the connector's lifecycle state (Idle, Matching, LinkUp, InSession, Paused, ...)
     * @param lifecycleReason why it is in that state
     * @param protocol        the session's protocol: iso15118-20, iso15118-2, din70121, iec61851 (basic charging), none
     * @param sessionState    the session state machine's state
     * @param mode            the policy mode (charge, discharge, idle, ...)
     * @param socPct          the EV's SOC, NaN when unknown
     * @param importedWh      the connector's energy register into EVs (Wh, monotonic, survives restarts)
     * @param exportedWh      the connector's energy register out of EVs (Wh, monotonic, survives restarts)
     * @param chargeLimitW    the limit the car gets for charging, with its reason
     * @param dischargeLimitW the limit for discharging, with its reason
     */
    public record Connector(int evseId, String lifecycle, String lifecycleReason, String protocol, String sessionState, String mode,
                            double socPct, double voltageV, double currentA, double powerW,
                            double importedWh, double exportedWh,
                            double chargeLimitW, String chargeReason, double dischargeLimitW, String dischargeReason,
                            List<String> trips, List<String> faults) {
    }

    /** One active limit from a source (site/CSMS/operator), NaN where it does not apply. */
    public record Limit(String source, String id, String kind, double importLimitW, double exportLimitW,
                        double setpointW, String reason, long remainingS) {
    }
}
