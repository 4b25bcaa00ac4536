package org.secc.app.policy;

/**
 * The CSMS's limit for this charge point, as the policy takes it: magnitudes for the caps, a signed
 * setpoint (positive charges the EV, negative discharges it); NaN where the CSMS sets nothing.
 *
 * @param reason e.g. "CSMS TxProfile 7 (CentralSetpoint)", shown with the limit it causes
 */
public record CsmsInput(double maxChargeW, double maxDischargeW, double setpointW, String reason) {
}
