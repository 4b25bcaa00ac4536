package org.secc.ocpp;

import java.util.List;

/**
 * What the station needs from the charger, and what it pushes into it. The charger application implements
 * it; the OCPP module never reaches into the charger otherwise. Calls come from the OCPP thread and must
 * return quickly (no waiting for locks held by the charge loop or the safety paths).
 */
public interface ChargerPort {

    /** One snapshot per EVSE, read about once a second. */
    List<EvseSnapshot> evses();

    /** The CSMS decided about an idToken that {@link OcppStation#authorize} asked about. */
    void authorization(int evseId, String idToken, boolean accepted, String status);

    /** RequestStartTransaction (F01): true if the charger accepts it (the EV then charges once it is ready). */
    boolean remoteStart(int evseId, String idToken, int remoteStartId);

    /** RequestStopTransaction (F03): stop the session on this EVSE; true if a session was running. */
    boolean remoteStop(int evseId);

    /** ChangeAvailability (G03/G04); evseId 0 is the whole station. */
    void availability(int evseId, boolean operative);

    /** Reset (B11/B12): the charger restarts when idle ({@code immediate == false}) or now. */
    void reset(boolean immediate);

    /** The composite CSMS limit for one EVSE changed (K08, Q03). {@link CsmsLimit#none} lifts it. */
    void csmsLimit(int evseId, CsmsLimit limit);

    /** After {@code offline_failsafe_s} without the CSMS: charge only (no discharge) until it is back. */
    void offlineFailsafe(boolean active);

    /** The car's charging needs from its last -20 schedule exchange in the running session, or null (NotifyEVChargingNeeds). */
    default EvChargingNeeds chargingNeeds(int evseId) {
        return null;
    }

    /** The schedule the car started power transfer with in the running session, or null (NotifyEVChargingSchedule). */
    default EvChargingSchedule chargingSchedule(int evseId) {
        return null;
    }

    /**
     * The CSMS refused what the car asked for (NotifyEVChargingNeeds Rejected in a -20 session): the transaction
     * ends (K18.FR.22, Q01.FR.04). The charger stops the session as for {@link #remoteStop}.
     */
    default void energyTransferRejected(int evseId) {
        remoteStop(evseId);
    }
}
