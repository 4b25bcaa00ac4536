package org.secc.app.charge;

/**
 * What one charge-loop step produced, for the response.
 *
 * @param presentVoltageV   measured output voltage (DC: EVSEPresentVoltage)
 * @param presentCurrentA   measured output current, signed (DC: EVSEPresentCurrent)
 * @param presentPowerW     measured output power, signed (AC: EVSEPresentActivePower)
 * @param targetPowerW      the power the charger wants now, signed (Dynamic: AC EVSETargetActivePower;
 *                          DC Dynamic: the limits below are set so that the EV follows it)
 * @param dc                DC limits to send this step (null for AC)
 * @param acLimits          AC limits to send this step (null for DC)
 * @param powerLimitAchieved   EVSEPowerLimitAchieved (DC Scheduled)
 * @param currentLimitAchieved EVSECurrentLimitAchieved (DC Scheduled)
 * @param voltageLimitAchieved EVSEVoltageLimitAchieved (DC Scheduled)
 * @param chargedEnergyWh    meter: energy into the EV this session
 * @param dischargedEnergyWh meter: energy out of the EV this session (BPT_DischargedEnergyReadingWh)
 * @param reason             why the limits are what they are (policy/grid), for the log
 */
public record LoopResult(double presentVoltageV, double presentCurrentA, double presentPowerW, double targetPowerW,
        DcLimits dc, AcLimits acLimits, boolean powerLimitAchieved, boolean currentLimitAchieved,
        boolean voltageLimitAchieved, double chargedEnergyWh, double dischargedEnergyWh, String reason) {
}
