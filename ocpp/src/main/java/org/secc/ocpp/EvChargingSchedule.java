package org.secc.ocpp;

import java.time.Instant;
import java.util.List;

/**
 * The schedule a -20 car started power transfer with (PowerDeliveryReq Start), for NotifyEVChargingSchedule
 * (K18.FR.09/10, K19.FR.07–10). Scheduled: the car's EVPowerProfile and the ScheduleTuple it selected. Dynamic:
 * no entries; the station reports the CSMS's composite (K19: the car's profile is ignored).
 *
 * @param sequence  grows with every PowerDeliveryReq Start of the charger's session
 * @param entries   the car's power profile, W (+ charges, − discharges), each for {@code durationS}
 */
public record EvChargingSchedule(long sequence, Instant timeBase, boolean dynamic, long selectedScheduleTupleId, List<Entry> entries,
                                 boolean powerToleranceConfirmed) {

    public EvChargingSchedule {
        entries = List.copyOf(entries);
    }

    public record Entry(long durationS, double powerW) {}
}
