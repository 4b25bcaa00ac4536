package org.secc.app.charge;

/**
 * What the EV asked for in an ISO 15118-20 ScheduleExchangeReq ([V2G20] Dynamic_/Scheduled_SEReqControlMode):
 * energies in Wh (signed as on the wire), NaN where the EV sent nothing. The charger passes it upstream (OCPP
 * NotifyEVChargingNeeds); the session never waits for an answer.
 *
 * @param dynamic              Dynamic control mode (else Scheduled)
 * @param departureS           seconds from now until the EV leaves, -1 when it did not say
 * @param targetSoc            percent, or null
 * @param maxSupportingPoints  the EV's MaximumSupportingPoints
 */
public record ChargingNeeds(boolean dynamic, long departureS, Integer targetSoc, double targetEnergyWh, double maxEnergyWh, double minEnergyWh,
                            double maxV2xEnergyWh, double minV2xEnergyWh, int maxSupportingPoints) {
}
