package org.secc.app.charge;

import org.secc.app.policy.StepOutput;
import org.secc.hal.power.PowerTarget;

/**
 * The charge loop's arithmetic as pure functions: from the EV's request, the rated and configured
 * limits, the policy step and the present voltage to the operating point and the limits sent back.
 * No hardware, no state: every clamp is testable on its own.
 *
 * <p>Every EV value that feeds a setpoint is capped: the voltage target at min(EV target, EV maximum,
 * EVSE maximum), the current at min(EV maximum, EVSE maximum, power / voltage), the power at
 * min(EV maximum, EVSE rating, policy). Values the EV did not send (NaN) do not constrain.
 */
public final class LoopLimits {

    private LoopLimits() {}

    /** A DC step: what the stage is told and what the response says. */
    public record DcStep(PowerTarget target, DcLimits sent, double targetPowerW, boolean powerLimited, boolean currentLimited,
            boolean voltageLimited) {
    }

    /** An AC step: the signed target power and the limits sent. */
    public record AcStep(double targetPowerW, double maxChargeW, double maxDischargeW) {
    }

    /** a ∧ b where NaN in b means "no constraint". */
    static double minOf(double a, double b) {
        return Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static double nz(double x) {
        return Double.isNaN(x) ? 0 : x;
    }

    /** Dynamic mode: the power the charger wants, signed, within [−dis, +ch]. */
    static double dynamicTarget(LoopRequest r, StepOutput step, double ch, double dis) {
        if (Double.isNaN(step.targetPowerW())) {
            // FOLLOW_EV: a negative EVTargetEnergyRequest means the EV offers energy (it prefers to discharge).
            if (r.bpt() && r.evTargetEnergyRequestWh() < 0) {
                return -dis;
            }
            return r.evTargetEnergyRequestWh() == 0 ? 0 : ch;
        }
        return Math.max(-dis, Math.min(ch, step.targetPowerW()));
    }

    /**
     * @param rated     the stage's ratings ∩ configuration
     * @param blocked   a hard stop or a trip: everything zero
     * @param presentV  the present output voltage (the snapshot), used to turn power into current
     */
    public static DcStep dc(LoopRequest r, DcLimits rated, StepOutput step, boolean blocked, double presentV) {
        double ch = minOf(Math.min(rated.maxChargePower(), step.chargeLimitW()), r.evMaxChargePowerW());
        double dis = r.bpt() ? minOf(Math.min(rated.maxDischargePower(), step.dischargeLimitW()), r.evMaxDischargePowerW()) : 0;
        if (blocked) {
            ch = 0;
            dis = 0;
        }
        double v = Math.max(Math.max(1, rated.minVoltage()), presentV > 1 ? presentV : nz(r.evPresentVoltageV()));
        double chI = minOf(Math.min(rated.maxChargeCurrent(), ch / v), r.evMaxChargeCurrentA());
        double disI = r.bpt() ? minOf(Math.min(rated.maxDischargeCurrent(), dis / v), r.evMaxDischargeCurrentA()) : 0;
        double targetI;
        boolean currentLimited = false;
        boolean powerLimited = false;
        if (r.dynamic()) {
            targetI = dynamicTarget(r, step, ch, dis) / v;
            targetI = Math.max(-disI, Math.min(chI, targetI));
        } else {
            double asked = nz(r.evTargetCurrentA());
            targetI = Math.max(-disI, Math.min(chI, asked));
            if (targetI != asked) {
                currentLimited = true;
                powerLimited = Math.abs(targetI * v) >= (asked > 0 ? ch : dis) - 1;
            }
        }
        // The voltage target never exceeds the EV's own maximum nor the EVSE's.
        double evseMaxV = rated.maxVoltage();
        double evMaxV = minOf(evseMaxV, r.evMaxVoltageV());
        double voltage = Math.max(0, Double.isNaN(r.evTargetVoltageV()) ? evMaxV : Math.min(r.evTargetVoltageV(), evMaxV));
        boolean voltageLimited = !Double.isNaN(r.evTargetVoltageV()) && voltage < r.evTargetVoltageV();
        DcLimits sent = new DcLimits(ch, 0, chI, 0, evseMaxV, rated.minVoltage(), dis, 0, disI, 0);
        return new DcStep(new PowerTarget(voltage, targetI, targetI >= 0 ? ch : dis), sent, targetI * v, powerLimited, currentLimited,
                voltageLimited);
    }

    /** @param acMaxChargeW / acMaxDischargeW the configured AC limits (all phases) */
    public static AcStep ac(LoopRequest r, double acMaxChargeW, double acMaxDischargeW, StepOutput step, boolean blocked) {
        double ch = minOf(Math.min(acMaxChargeW, step.chargeLimitW()), r.evMaxChargePowerW());
        double dis = r.bpt() ? minOf(Math.min(acMaxDischargeW, step.dischargeLimitW()), r.evMaxDischargePowerW()) : 0;
        if (blocked) {
            ch = 0;
            dis = 0;
        }
        double target;
        if (r.dynamic()) {
            target = dynamicTarget(r, step, ch, dis);
        } else {
            // Scheduled: the EV draws what it wants within the schedule; the charger clamps it to the limits.
            double own = Double.isNaN(r.evPresentActivePowerW()) ? ch : r.evPresentActivePowerW();
            target = Math.max(-dis, Math.min(ch, own));
        }
        return new AcStep(target, ch, dis);
    }
}
