package org.secc.app.policy;

import java.util.List;

/**
 * Result of one control step: the limits the car receives (W, both non-negative) with the reason for
 * each, the mode and the signed target power (positive = charge the EV, negative = discharge; README "Hardware abstraction": + charges the EV)
 * for Dynamic mode.
 *
 * @param changes the log lines emitted this step because a limit or its reason changed
 */
public record StepOutput(Mode mode, String modeReason, double chargeLimitW, String chargeReason,
                         double dischargeLimitW, String dischargeReason, double targetPowerW,
                         List<String> changes) {
}
