package org.secc.ocpp;

/**
 * The CSMS's composite schedule for one EVSE, now: what the charger's policy takes as the "site/CSMS" input.
 * Signs as on the OCPP wire (Q §2.1): {@code maxChargeW} ≥ 0, {@code maxDischargeW} ≥ 0 as a magnitude
 * (the wire's dischargeLimit is ≤ 0), {@code setpointW} positive charges, negative discharges.
 *
 * @param maxChargeW     charge cap in W, or null for no cap
 * @param maxDischargeW  discharge cap in W (magnitude), or null; 0 means no discharge
 * @param setpointW      the power to follow (CentralSetpoint, Q03), or null
 * @param operationMode  OCPP 2.1 operationMode of the leading period (ChargingOnly when absent)
 * @param reason         for logs and {@code secc ctl status}, e.g. "CSMS TxProfile 7 (CentralSetpoint)"
 */
public record CsmsLimit(Double maxChargeW, Double maxDischargeW, Double setpointW, String operationMode, String reason) {
    public static CsmsLimit none() {
        return new CsmsLimit(null, null, null, "ChargingOnly", "no CSMS profile");
    }

    public boolean isNone() {
        return maxChargeW == null && maxDischargeW == null && setpointW == null;
    }
}
