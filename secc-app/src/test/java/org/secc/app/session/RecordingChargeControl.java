package org.secc.app.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.secc.app.charge.AcLimits;
import org.secc.app.charge.ChargeControl;
import org.secc.app.charge.DcLimits;
import org.secc.app.charge.EnergyTransfer;
import org.secc.app.charge.EvseNotification;
import org.secc.app.charge.LoopRequest;
import org.secc.app.charge.LoopResult;

/** A fake of the bridge that records what the session asked of the hardware. */
public final class RecordingChargeControl implements ChargeControl {
    public EimDecision decision = EimDecision.ACCEPTED;
    public final List<String> powerOffs = new ArrayList<>();
    public boolean powered = true;

    public DcLimits dc = new DcLimits(150_000, 0, 300, 0, 920, 150, 50_000, 0, 100, 0);
    public AcLimits ac = new AcLimits(22_000, 0, 11_000, 0, 3, 230, 50);

    public final List<Double> cableCheckVoltages = new ArrayList<>();
    public ArrayDeque<IsolationResult> isolation = new ArrayDeque<>();
    public double presentVoltage;
    public double presentCurrent;

    public final List<EnergyTransfer> transfers = new ArrayList<>();
    public final List<LoopRequest> loops = new ArrayList<>();
    public PowerDeliveryResult startResult = PowerDeliveryResult.OK;
    public int starts, stops, weldingChecks;
    public EvseNotification notification;
    public java.util.List<ScheduleStep> ahead = java.util.List.of();

    @Override
    public java.util.List<ScheduleStep> scheduleAhead(long epochSeconds) {
        return ahead;
    }

    @Override
    public EimDecision eimAuthorization() {
        return decision;
    }

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
    public DcLimits dcLimits() {
        return dc;
    }

    @Override
    public AcLimits acLimits() {
        return ac;
    }

    @Override
    public void energyTransferSelected(EnergyTransfer transfer) {
        transfers.add(transfer);
    }

    @Override
    public PowerDeliveryResult startPower() {
        starts++;
        return startResult;
    }

    @Override
    public LoopResult chargeLoop(LoopRequest r) {
        loops.add(r);
        double target = r.dynamic() ? Math.min(dc.maxChargePower(), Double.isNaN(r.evMaxChargePowerW()) ? 0 : r.evMaxChargePowerW())
                : Double.isNaN(r.evTargetCurrentA()) ? 0 : r.evTargetCurrentA() * presentVoltage;
        presentCurrent = presentVoltage > 0 ? target / presentVoltage : 0;
        return new LoopResult(presentVoltage, presentCurrent, target, target, r.ac() ? null : dc, r.ac() ? ac : null,
                false, false, false, 0, 0, "test");
    }

    @Override
    public void stopPower() {
        stops++;
        presentCurrent = 0;
    }

    @Override
    public double weldingDetection() {
        weldingChecks++;
        presentVoltage = Math.max(0, presentVoltage - 100);
        return presentVoltage;
    }

    @Override
    public Optional<EvseNotification> notification() {
        return Optional.ofNullable(notification);
    }

    @Override
    public void powerOffAndOpenContactors(String reason) {
        powerOffs.add(reason);
        powered = false;
    }
}
