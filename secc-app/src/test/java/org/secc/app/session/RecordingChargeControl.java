package org.secc.app.session;

import java.util.ArrayList;
import java.util.List;

import org.secc.app.charge.ChargeControl;

/** A fake of the narrow interface that records the power-off calls. */
final class RecordingChargeControl implements ChargeControl {
    EimDecision decision = EimDecision.ACCEPTED;
    final List<String> powerOffs = new ArrayList<>();
    boolean powered = true;

    @Override
    public EimDecision eimAuthorization() {
        return decision;
    }

    org.secc.app.charge.DcLimits dc = new org.secc.app.charge.DcLimits(150_000, 0, 300, 0, 920, 150, 50_000, 0, 100, 0);

    final List<Double> cableCheckVoltages = new ArrayList<>();
    java.util.ArrayDeque<IsolationResult> isolation = new java.util.ArrayDeque<>();
    double presentVoltage;

    @Override
    public IsolationResult cableCheck(double testVoltage) {
        cableCheckVoltages.add(testVoltage);
        return isolation.isEmpty() ? IsolationResult.PASSED : isolation.poll();
    }

    @Override
    public double preCharge(double targetVoltage) {
        // A stage that reaches half the remaining gap per call.
        presentVoltage += (targetVoltage - presentVoltage) / 2;
        return presentVoltage;
    }

    @Override
    public org.secc.app.charge.DcLimits dcLimits() {
        return dc;
    }

    @Override
    public void powerOffAndOpenContactors(String reason) {
        powerOffs.add(reason);
        powered = false;
    }
}
