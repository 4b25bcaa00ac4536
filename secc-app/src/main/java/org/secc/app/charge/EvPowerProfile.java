package org.secc.app.charge;

import java.util.List;

/**
 * The EV's EVPowerProfile from PowerDeliveryReq(Start) ([V2G20] EVPowerProfileType): the tuple it selected
 * (Scheduled) and its planned power, W (+ charge, − discharge), entry by entry from {@code timeAnchor}.
 *
 * @param timeAnchor       seconds since the epoch
 * @param dynamic          Dynamic_EVPPTControlMode (no tuple selected)
 * @param entries          pairs of duration (s) and power (W)
 */
public record EvPowerProfile(long timeAnchor, boolean dynamic, long selectedScheduleTupleId, boolean powerToleranceConfirmed,
                             List<Entry> entries) {
    public EvPowerProfile {
        entries = List.copyOf(entries);
    }

    public record Entry(long durationS, double powerW) {}
}
