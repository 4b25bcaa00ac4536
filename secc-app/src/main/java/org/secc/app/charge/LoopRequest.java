package org.secc.app.charge;

/**
 * One charge-loop request in SI units, independent of the EXI types. Values the EV did not send
 * are {@link Double#NaN}. EV limits are magnitudes; present and target values are signed (+ charge).
 *
 * @param ac                   AC_ChargeLoopReq (else DC)
 * @param dynamic              Dynamic or BPT_Dynamic control mode (else Scheduled / BPT_Scheduled)
 * @param bpt                  a BPT control mode
 * @param evPresentVoltageV    DC: EVPresentVoltage
 * @param evTargetCurrentA     DC Scheduled: EVTargetCurrent (signed)
 * @param evTargetVoltageV     DC Scheduled: EVTargetVoltage
 * @param evMaxChargePowerW    EVMaximumChargePower
 * @param evMinChargePowerW    EVMinimumChargePower
 * @param evMaxChargeCurrentA  DC: EVMaximumChargeCurrent
 * @param evMaxVoltageV        DC: EVMaximumVoltage
 * @param evMaxDischargePowerW BPT: EVMaximumDischargePower
 * @param evMinDischargePowerW BPT: EVMinimumDischargePower
 * @param evMaxDischargeCurrentA DC BPT: EVMaximumDischargeCurrent
 * @param evPresentActivePowerW AC: EVPresentActivePower (signed, all phases)
 * @param socPct               DisplayParameters.PresentSOC
 * @param evTargetEnergyRequestWh EVTargetEnergyRequest (Wh, signed; negative = the EV offers energy,
 *                             which in Dynamic mode tells which direction it prefers)
 */
public record LoopRequest(boolean ac, boolean dynamic, boolean bpt, double evPresentVoltageV, double evTargetCurrentA,
        double evTargetVoltageV, double evMaxChargePowerW, double evMinChargePowerW, double evMaxChargeCurrentA,
        double evMaxVoltageV, double evMaxDischargePowerW, double evMinDischargePowerW, double evMaxDischargeCurrentA,
        double evPresentActivePowerW, double socPct, double evTargetEnergyRequestWh) {
}
