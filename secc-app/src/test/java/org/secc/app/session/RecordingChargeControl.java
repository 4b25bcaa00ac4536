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
