package org.secc.ocpp;

/**
 * The state of one EVSE (one connector each) as the charger sees it.
 *
 * @param evseId            1-based EVSE id
 * @param connectorStatus   OCPP connector status: Available, Occupied, Reserved, Unavailable, Faulted
 * @param evConnected       a car is plugged in (the transaction starts here: TxStartPoint EVConnected)
 * @param chargingState     OCPP chargingState: EVConnected, Charging, SuspendedEV, SuspendedEVSE, Idle
 * @param idToken           the authorized idToken of the session, or null
 * @param importWh          energy register, grid to car (never decreases)
 * @param exportWh          energy register, car to grid (never decreases)
 * @param powerW            signed: positive charges the car, negative discharges it
 * @param socPercent        the car's state of charge, or null when unknown
 * @param iso15118          the session speaks ISO 15118-20 (schedules and renegotiation possible)
 */
public record EvseSnapshot(int evseId, String connectorStatus, boolean evConnected, String chargingState, String idToken,
                           double importWh, double exportWh, double powerW, Double socPercent, boolean iso15118) {
}
