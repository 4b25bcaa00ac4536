package org.secc.ocpp;

import java.util.List;

/**
 * The CSMS's composite schedule for one EVSE, now: what the charger's policy takes as the "site/CSMS" input.
 * Signs as on the OCPP wire (Q §2.1): {@code maxChargeW} ≥ 0, {@code maxDischargeW} ≥ 0 as a magnitude
 * (the wire's dischargeLimit is ≤ 0), {@code setpointW} positive charges, negative discharges.
 *
 * <p>How each OCPP 2.1 operationMode arrives here (ocpp/README.md, "Operation modes"):
 * ChargingOnly: {@code maxChargeW}, {@code maxDischargeW} = 0. CentralSetpoint, CentralFrequency: the
 * {@code setpointW} (the CSMS computed it; Q03, Q07) and optional caps. ExternalSetpoint: optional caps, no
 * setpoint: the charger's external system (its site controller) supplies it (Q05.FR.01). ExternalLimits: no
 * caps from the CSMS: the external system supplies them (Q05.FR.02). LocalFrequency: no caps, no setpoint, but
 * {@code localFrequency}: the charger computes the setpoint from its own frequency measurement (Q08.FR.06/07).
 * Idle: both caps 0 (Q10).
 *
 * @param maxChargeW     charge cap in W, or null for no cap
 * @param maxDischargeW  discharge cap in W (magnitude), or null; 0 means no discharge
 * @param setpointW      the power to follow (CentralSetpoint, CentralFrequency), or null
 * @param operationMode  OCPP 2.1 operationMode of the leading period (ChargingOnly when absent)
 * @param reason         for logs and {@code secc ctl status}, e.g. "CSMS TxProfile 7 (CentralSetpoint)"
 * @param localFrequency the frequency-watt curve of a LocalFrequency period, else null
 */
public record CsmsLimit(Double maxChargeW, Double maxDischargeW, Double setpointW, String operationMode, String reason,
                        LocalFrequency localFrequency) {

    public CsmsLimit(Double maxChargeW, Double maxDischargeW, Double setpointW, String operationMode, String reason) {
        this(maxChargeW, maxDischargeW, setpointW, operationMode, reason, null);
    }

    public static CsmsLimit none() {
        return new CsmsLimit(null, null, null, "ChargingOnly", "no CSMS profile");
    }

    public boolean isNone() {
        return maxChargeW == null && maxDischargeW == null && setpointW == null && localFrequency == null
                && !"ExternalSetpoint".equals(operationMode) && !"ExternalLimits".equals(operationMode);
    }

    /** One point of v2xFreqWattCurve: power in W (+ charges, − discharges) at a frequency in Hz. */
    public record FreqWattPoint(double frequencyHz, double powerW) {}

    /**
     * A LocalFrequency period (Q08): setpoint = {@code baselineW} + the curve interpolated at the measured
     * frequency (Q08.FR.06) + {@code afrrW}, the aFRR delta of the last AFRRSignal (Q08.FR.10); recomputed when
     * the frequency moved by at least {@code updateThresholdMHz} (V2XChargingCtrlr.LocalFrequencyUpdateThreshold,
     * Q08.FR.07).
     */
    public record LocalFrequency(List<FreqWattPoint> curve, double baselineW, double afrrW, int updateThresholdMHz) {
        public LocalFrequency {
            curve = List.copyOf(curve);
        }
    }
}
