package org.secc.app.policy;

/**
 * The CSMS's limit for this charge point, as the policy takes it: magnitudes for the caps, a signed
 * setpoint (positive charges the EV, negative discharges it); NaN where the CSMS sets nothing.
 *
 * <p>The OCPP 2.1 operation mode decides who supplies the setpoint (ocpp/README.md, "Operation modes"):
 * the CSMS ({@code setpointW}: CentralSetpoint, CentralFrequency), the charger's own frequency measurement
 * ({@code frequency}: LocalFrequency), or the site controller's dispatch ({@code mode} ExternalSetpoint:
 * without one the charger stays idle). ExternalLimits brings no caps from the CSMS: the site controller's
 * limits are the ones that count.
 *
 * @param mode      the OCPP operationMode now (ChargingOnly, CentralSetpoint, ExternalSetpoint, ...)
 * @param frequency a LocalFrequency period's frequency-watt curve, else null
 * @param reason    e.g. "CSMS TxProfile 7 (CentralSetpoint)", shown with the limit it causes
 */
public record CsmsInput(double maxChargeW, double maxDischargeW, double setpointW, String reason, String mode,
                        FrequencySetpoint frequency) {

    public CsmsInput(double maxChargeW, double maxDischargeW, double setpointW, String reason) {
        this(maxChargeW, maxDischargeW, setpointW, reason, Double.isNaN(setpointW) ? "ChargingOnly" : "CentralSetpoint", null);
    }

    /** ExternalSetpoint: the site controller's dispatch setpoint is the one to follow (OCPP 2.1 Q05.FR.01). */
    public boolean externalSetpoint() {
        return "ExternalSetpoint".equals(mode);
    }
}
