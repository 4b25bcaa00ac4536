package org.secc.app.charge;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

import org.secc.app.grid.GridStatus;
import org.secc.app.grid.TripListener;
import org.secc.app.grid.TripRecord;
import org.secc.app.policy.Mode;
import org.secc.app.policy.PolicyEngine;
import org.secc.app.policy.StepInput;
import org.secc.app.policy.StepOutput;
import org.secc.app.session.ServiceOffer;
import org.secc.hal.config.Hal;
import org.secc.hal.isolation.IsolationStatus;
import org.secc.hal.power.PowerCapabilities;
import org.secc.hal.power.PowerReading;
import org.secc.hal.power.PowerTarget;

/**
 * The bridge from the session to the hardware, the discharge policy and the grid supervisor.
 *
 * <p>Limits the EV receives: the power stage's ratings ∩ the configured limits ∩ (once the loop has
 * told the SOC) the policy step, which already includes the grid supervisor's state, thermal
 * derating, SOC reserve, price, override and fail-safe. Dynamic mode: the charger picks the power
 * (the policy's target, or the EV's wish when the policy leaves the choice to it). Scheduled mode: the
 * EV's target current (DC) or power (AC) is clamped to the limits, and a schedule tighter than the
 * policy now allows asks for a renegotiation.
 *
 * <p>Faults: a grid trip has already zeroed the stage and opened the contactors (the supervisor
 * does that directly); here it only becomes a Pause request to the EV. Emergency stop, a power-stage
 * fault or a contactor fault turn the power off at once and ask the EV to terminate.
 *
 * <p>AC: the energy flows through the EV's on-board converter; the HAL has no AC meter, so the power
 * reported and counted is the power the charger commands (EVSEPresentActivePower is omitted).
 *
 * <p>Session calls come from the connection thread; {@link #onTrip} from the supervisor thread and
 * {@link #snapshot()} from the control socket: everything shared is guarded by this object, and
 * the trip path takes no lock.
 */
public final class HalChargeControl implements ChargeControl, TripListener {

    private static final Logger LOG = Logger.getLogger(HalChargeControl.class.getName());
    private static final double NS = 1e9;
    /** Current below which the output counts as off (ramp-down done). */
    static final double OFF_CURRENT_A = 1.0;
    /** How long a ramp-down may take before the contactors open anyway. */
    static final java.time.Duration RAMP_DOWN_TIMEOUT = java.time.Duration.ofMillis(1000);
    /** At most one renegotiation request per this many seconds. */
    static final long RENEGOTIATION_SPACING_NANOS = 30_000_000_000L;

    private final Hal hal;
    private final ChargeSettings settings;
    private final PolicyEngine policy;
    private final Supplier<GridStatus> grid;
    private final LongSupplier nanos;
    private final Waiter waiter;
    private final java.util.function.BooleanSupplier pilotReady;
    private volatile String pilotFault;

    private EnergyTransfer transfer;
    private StepOutput lastStep;
    private boolean looped;
    /** The charge parameters were answered (energyTransferSelected): limits from here on are for schedules. */
    private boolean parametersAnswered;
    private double soc = Double.NaN;
    private double chargedWh;
    private double dischargedWh;
    private long lastLoopNanos = -1;
    private boolean cableCheckStarted;
    private boolean energized;
    private double scheduledChargeW = Double.NaN;
    private double scheduledDischargeW = Double.NaN;
    private long lastRenegotiationNanos = Long.MIN_VALUE;
    private boolean renegotiationWanted;
    private volatile TripRecord tripDuringSession;
    private volatile Boolean operatorDecision;
    /** A stop asked for from outside the session (the CSMS's RequestStopTransaction); null when none. */
    private volatile String stopRequest;
    private volatile Snapshot snapshot = Snapshot.idle();

    /** What `secc ctl status` and the bench timeline show. Signed current/power: + charge. */
    public record Snapshot(boolean energized, String service, double socPct, double voltageV, double currentA, double powerW,
            double chargeLimitW, String chargeReason, double dischargeLimitW, String dischargeReason, String mode,
            double chargedWh, double dischargedWh) {
        static Snapshot idle() {
            return new Snapshot(false, "none", Double.NaN, 0, 0, 0, 0, "no session", 0, "no session", "idle", 0, 0);
        }
    }

    /**
     * @param pilotReady IEC 61851-1: true while the contactors may close (EV in C/D, PWM on, no pilot
     *                   fault), from the control-pilot state machine
     */
    public HalChargeControl(Hal hal, ChargeSettings settings, PolicyEngine policy, Supplier<GridStatus> grid, LongSupplier nanos,
            Waiter waiter, java.util.function.BooleanSupplier pilotReady) {
        this.pilotReady = pilotReady;
        this.hal = hal;
        this.settings = settings;
        this.policy = policy;
        this.grid = grid;
        this.nanos = nanos;
        this.waiter = waiter;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** Ends the running session at its next response (EVSENotification Terminate with this reason). */
    public void requestStop(String reason) {
        stopRequest = reason; // cleared when the session's power goes off; no lock: the caller is the OCPP thread
    }

    /** Operator EIM decision when auto-authorize is off (RFID reader, app, `secc ctl`). */
    public void authorize(boolean accepted) {
        operatorDecision = accepted;
    }

    @Override
    public EimDecision eimAuthorization() {
        if (settings.autoAuthorize()) {
            return EimDecision.ACCEPTED;
        }
        Boolean d = operatorDecision;
        return d == null ? EimDecision.PENDING : d ? EimDecision.ACCEPTED : EimDecision.REJECTED;
    }

    // ------------------------------------------------------------------ limits

    private static double cap(double rated, double configured) {
        return Double.isNaN(configured) ? rated : Math.min(rated, configured);
    }

    private static double minOf(double a, double b) {
        return Double.isNaN(b) ? a : Math.min(a, b);
    }

    @Override
    public synchronized DcLimits dcLimits() {
        DcLimits r = ratedDc();
        double ch = r.maxChargePower();
        double dis = r.maxDischargePower();
        double[] c = present(ch, dis);
        ch = c[0];
        dis = c[1];
        return new DcLimits(ch, 0, r.maxChargeCurrent(), 0, r.maxVoltage(), r.minVoltage(), dis, 0, r.maxDischargeCurrent(), 0);
    }

    @Override
    public synchronized AcLimits acLimits() {
        double ch = settings.acMaxChargePowerW();
        double dis = settings.acMaxDischargePowerW();
        double[] c = present(ch, dis);
        ch = c[0];
        dis = c[1];
        var g = hal.gridMonitor();
        return new AcLimits(ch, 0, dis, 0, settings.acPhases(), g.nominalVoltageV(), g.nominalFrequencyHz());
    }

    /**
     * The limits at this point of the session, from the rated (charge, discharge) power:
     * <ul>
     * <li>charge parameter discovery: the ratings (what the charger can do; a BPT session needs the
     * discharge capability advertised even while the grid is out);</li>
     * <li>the schedule before the loop (SOC still unknown): the policy's fixed maxima and the grid
     * supervisor's state (nothing while tripped or waiting to enter service, the ramp fraction while
     * ramping), so that the schedule never promises what the policy would take back at once;</li>
     * <li>in the loop and renegotiations: the last policy step.</li>
     * </ul>
     */
    private double[] present(double ch, double dis) {
        if (looped && lastStep != null) {
            return new double[] {Math.min(ch, lastStep.chargeLimitW()), Math.min(dis, lastStep.dischargeLimitW())};
        }
        if (!parametersAnswered) {
            return new double[] {ch, dis};
        }
        ch = Math.min(ch, policy.policy().discharge().maxChargePowerW());
        dis = Math.min(dis, policy.policy().discharge().maxDischargePowerW());
        GridStatus g = grid.get();
        if (g != null) {
            double f = switch (g.state()) {
                case TRIPPED, WAITING_TO_ENTER_SERVICE -> 0;
                case RAMPING -> g.powerFraction();
                case IN_SERVICE -> 1;
            };
            ch *= f;
            dis *= f;
        }
        return new double[] {ch, dis};
    }

    @Override
    public synchronized void energyTransferSelected(EnergyTransfer t) {
        parametersAnswered = true;
        if (!t.resumed() || transfer == null) {
            chargedWh = 0;
            dischargedWh = 0;
        }
        transfer = t;
        looped = false;
        lastStep = null;
        if (!t.resumed()) {
            // A new EV: no SOC until it reports one (never the previous car's), and the depth of
            // discharge counts from its first report. A resumed session keeps both.
            soc = Double.NaN;
            policy.startSession(Double.NaN);
        }
        LOG.info(() -> String.format(Locale.ROOT, "energy transfer: service %d %s, EV max charge %.0f W, discharge %.0f W%s",
                t.serviceId(), t.dynamic() ? "Dynamic" : "Scheduled", t.evMaxChargePowerW(), t.evMaxDischargePowerW(),
                t.resumed() ? " (resumed)" : ""));
    }

    @Override
    public synchronized void scheduleOffered(double maxChargePowerW, double maxDischargePowerW) {
        scheduledChargeW = maxChargePowerW;
        scheduledDischargeW = maxDischargePowerW;
        renegotiationWanted = false;
    }

    // ------------------------------------------------------------------ DC preparation

    @Override
    public synchronized IsolationResult cableCheck(double testVoltage) {
        if (!hal.powerStage().faults().isEmpty() || hal.emergencyStop().pressed()) {
            return IsolationResult.FAULT;
        }
        if (!cableCheckStarted) {
            if (!pilotReady.getAsBoolean()) {
                // The EV closes S2 (state C) before the cable check; the contactors must not close before.
                return IsolationResult.ONGOING;
            }
            cableCheckStarted = true;
            energized = true;
            // IEC 61851-23 6.4.3.106: contactors closed, output at the test voltage with a small current.
            hal.contactors().close();
            hal.powerStage().setTarget(new PowerTarget(testVoltage, 0, 0));
            hal.powerStage().enable();
            hal.isolationMonitor().startMeasurement();
            LOG.info(() -> String.format(Locale.ROOT, "cable check at %.0f V", testVoltage));
            return IsolationResult.ONGOING;
        }
        IsolationStatus st = hal.isolationMonitor().status();
        if (st instanceof IsolationStatus.DeviceFault f) {
            LOG.warning("insulation monitor fault: " + f.detail());
            return IsolationResult.FAULT;
        }
        if (st instanceof IsolationStatus.Resistance r) {
            if (r.ohms() < settings.insulationFaultOhm()) {
                LOG.warning(() -> String.format(Locale.ROOT, "insulation fault: %.0f Ω below %.0f Ω", r.ohms(), settings.insulationFaultOhm()));
                return IsolationResult.FAULT;
            }
            if (!hal.contactors().state().mirrorClosed()) {
                return IsolationResult.ONGOING;
            }
            LOG.info(() -> String.format(Locale.ROOT, "insulation %.1f MΩ: cable check passed", r.ohms() / 1e6));
            return IsolationResult.PASSED;
        }
        return IsolationResult.ONGOING;
    }

    @Override
    public synchronized double preCharge(double targetVoltage) {
        hal.powerStage().setTarget(new PowerTarget(targetVoltage, settings.prechargeCurrentA(), Double.POSITIVE_INFINITY));
        hal.powerStage().enable();
        return hal.powerStage().present().voltageV();
    }

    // ------------------------------------------------------------------ power delivery

    /** The control-pilot supervisor opened the contactors (E, F, lost pilot, diode fault, EV left C). */
    public void pilotFault(String reason) {
        if (energized) {
            pilotFault = reason;
        }
    }

    private String hardStop() {
        String pf = pilotFault;
        if (pf != null) {
            return pf;
        }
        if (hal.emergencyStop().pressed()) {
            return "emergency stop pressed";
        }
        if (!hal.powerStage().faults().isEmpty()) {
            return "power stage fault " + hal.powerStage().faults();
        }
        if (!hal.contactors().faults().isEmpty()) {
            return "contactor fault " + hal.contactors().faults();
        }
        return null;
    }

    @Override
    public PowerDeliveryResult startPower() {
        synchronized (this) {
            String stop = hardStop();
            if (stop != null) {
                LOG.warning("power delivery refused: " + stop);
                cutPower(stop);
                return PowerDeliveryResult.NOT_APPLIED;
            }
            energized = true;
        }
        // IEC 61851-1: close only in C/D. EVs are often late to C after PowerDelivery(Start) (facts 9.9):
        // wait for it within the contactor performance time instead of failing at once.
        long t0 = nanos.getAsLong();
        if (!waiter.await(pilotReady, settings.contactorTimeout())) {
            LOG.severe("the EV did not reach CP state C within " + settings.contactorTimeout().toMillis() + " ms");
            powerOffAndOpenContactors("EV not in state C");
            return PowerDeliveryResult.CONTACTOR_ERROR;
        }
        synchronized (this) {
            hal.contactors().close();
        }
        java.time.Duration left = settings.contactorTimeout().minusNanos(Math.max(0, nanos.getAsLong() - t0));
        // [V2G20-860/862]: feedback within the contactor performance time (waited outside the lock).
        if (!waiter.await(() -> hal.contactors().state().mirrorClosed(), left.isNegative() ? java.time.Duration.ZERO : left)) {
            LOG.severe("contactors did not close within " + settings.contactorTimeout().toMillis() + " ms");
            powerOffAndOpenContactors("contactor did not close");
            return PowerDeliveryResult.CONTACTOR_ERROR;
        }
        synchronized (this) {
            if (transfer == null || !transfer.ac()) {
                hal.powerStage().setTarget(PowerTarget.zero(hal.powerStage().present().voltageV()));
                hal.powerStage().enable();
            }
            lastLoopNanos = -1;
            return PowerDeliveryResult.OK;
        }
    }

    @Override
    public synchronized LoopResult chargeLoop(LoopRequest r) {
        long now = nanos.getAsLong();
        if (!Double.isNaN(r.socPct())) {
            soc = r.socPct(); // the engine takes the session's first SOC as the depth-of-discharge baseline
        }
        GridStatus g = grid.get();
        // The engine logs every limit change with its reason (`discharge limited to 3.2 kW: heat sink 62 °C`).
        StepOutput step = policy.step(new StepInput(now, soc, hal.temperatures().maxC(), g));
        lastStep = step;
        looped = true;
        String stop = hardStop();
        if (stop != null) {
            cutPower(stop);
        }
        boolean blocked = stop != null || tripDuringSession != null;
        LoopResult res = r.ac() ? acStep(r, step, blocked) : dcStep(r, step, blocked);
        if (lastLoopNanos >= 0) {
            double dtH = (now - lastLoopNanos) / NS / 3600.0;
            double p = r.ac() ? res.targetPowerW() : res.presentPowerW();
            if (p > 0) {
                chargedWh += p * dtH;
            } else {
                dischargedWh += -p * dtH;
            }
        }
        lastLoopNanos = now;
        checkSchedule(step, now);
        res = new LoopResult(res.presentVoltageV(), res.presentCurrentA(), res.presentPowerW(), res.targetPowerW(), res.dc(), res.acLimits(),
                res.powerLimitAchieved(), res.currentLimitAchieved(), res.voltageLimitAchieved(), chargedWh, dischargedWh,
                blocked ? (stop != null ? stop : "grid trip " + tripDuringSession.function()) : step.modeReason());
        double shownP = r.ac() ? res.targetPowerW() : res.presentPowerW();
        snapshot = new Snapshot(energized, transfer == null ? "?" : serviceName(transfer.serviceId()), soc, res.presentVoltageV(),
                r.ac() ? Double.NaN : res.presentCurrentA(), shownP, step.chargeLimitW(), step.chargeReason(), step.dischargeLimitW(),
                step.dischargeReason(), step.mode().name().toLowerCase(Locale.ROOT), chargedWh, dischargedWh);
        return res;
    }

    /** Dynamic mode: the power the charger wants, signed, within [−dis, +ch]. */
    private double dynamicTarget(LoopRequest r, StepOutput step, double ch, double dis) {
        if (Double.isNaN(step.targetPowerW())) {
            // FOLLOW_EV: a negative target energy request means the EV offers energy (facts 4.4).
            if (r.bpt() && r.evTargetEnergyRequestWh() < 0) {
                return -dis;
            }
            return r.evTargetEnergyRequestWh() == 0 ? 0 : ch;
        }
        return Math.max(-dis, Math.min(ch, step.targetPowerW()));
    }

    private LoopResult dcStep(LoopRequest r, StepOutput step, boolean blocked) {
        DcLimits rated = ratedDc();
        double ch = minOf(Math.min(rated.maxChargePower(), step.chargeLimitW()), r.evMaxChargePowerW());
        double dis = r.bpt() ? minOf(Math.min(rated.maxDischargePower(), step.dischargeLimitW()), r.evMaxDischargePowerW()) : 0;
        if (blocked) {
            ch = 0;
            dis = 0;
        }
        PowerReading before = hal.powerStage().present();
        double v = Math.max(Math.max(1, rated.minVoltage()), before.voltageV() > 1 ? before.voltageV() : nz(r.evPresentVoltageV()));
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
        double voltage = !Double.isNaN(r.evTargetVoltageV()) ? r.evTargetVoltageV()
                : !Double.isNaN(r.evMaxVoltageV()) ? Math.min(r.evMaxVoltageV(), rated.maxVoltage()) : rated.maxVoltage();
        voltage = Math.min(voltage, rated.maxVoltage());
        hal.powerStage().setTarget(new PowerTarget(voltage, targetI, targetI >= 0 ? ch : dis));
        if (!blocked && hal.contactors().state().mirrorClosed() && !before.enabled()) {
            hal.powerStage().enable();
        }
        PowerReading now = hal.powerStage().present();
        DcLimits sent = new DcLimits(ch, 0, chI, 0, rated.maxVoltage(), rated.minVoltage(), dis, 0, disI, 0);
        return new LoopResult(now.voltageV(), now.currentA(), now.powerW(), targetI * v, sent, null, powerLimited, currentLimited,
                voltage < nz(r.evTargetVoltageV()), 0, 0, "");
    }

    private LoopResult acStep(LoopRequest r, StepOutput step, boolean blocked) {
        double ch = minOf(Math.min(settings.acMaxChargePowerW(), step.chargeLimitW()), r.evMaxChargePowerW());
        double dis = r.bpt() ? minOf(Math.min(settings.acMaxDischargePowerW(), step.dischargeLimitW()), r.evMaxDischargePowerW()) : 0;
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
        var g = hal.gridMonitor();
        AcLimits sent = new AcLimits(ch, 0, dis, 0, settings.acPhases(), g.nominalVoltageV(), g.nominalFrequencyHz());
        double v = g.latest() == null ? g.nominalVoltageV() : g.latest().voltageL1V();
        return new LoopResult(v, Double.NaN, Double.NaN, target, null, sent, false, false, false, 0, 0, "");
    }

    private DcLimits ratedDc() {
        PowerCapabilities c = hal.powerStage().capabilities();
        return new DcLimits(cap(c.maxChargePowerW(), settings.dcMaxChargePowerW()), 0, cap(c.maxChargeCurrentA(), settings.dcMaxChargeCurrentA()),
                0, c.maxVoltageV(), c.minVoltageV(), cap(c.maxDischargePowerW(), settings.dcMaxDischargePowerW()), 0,
                cap(c.maxDischargeCurrentA(), settings.dcMaxDischargeCurrentA()), 0);
    }

    private static double nz(double x) {
        return Double.isNaN(x) ? 0 : x;
    }

    /** Scheduled mode: ask for a renegotiation when the policy moved away from the schedule the EV follows. */
    private void checkSchedule(StepOutput step, long now) {
        if (transfer == null || transfer.dynamic() || Double.isNaN(scheduledChargeW) || renegotiationWanted) {
            return;
        }
        double ratedCh = transfer.ac() ? settings.acMaxChargePowerW() : ratedDc().maxChargePower();
        double ratedDis = transfer.ac() ? settings.acMaxDischargePowerW() : ratedDc().maxDischargePower();
        double wantCh = Math.min(ratedCh, step.chargeLimitW());
        double wantDis = transfer.bidirectional() ? Math.min(ratedDis, step.dischargeLimitW()) : 0;
        double minStep = settings.renegotiationStepW();
        // Lower limits reach the EV in every loop response (DC: EVSEMaximum*, the clamped current and
        // EVSEPowerLimitAchieved; AC: EVSETargetActivePower, facts 8.4). Only a schedule tighter than
        // the policy now allows (e.g. one offered while the grid was tripped) needs a renegotiation. Not
        // renegotiating for lower limits also keeps EVs that cannot renegotiate (Josev) in the session.
        boolean drift = wantCh - scheduledChargeW >= minStep || wantDis - scheduledDischargeW >= minStep;
        if (drift && (lastRenegotiationNanos == Long.MIN_VALUE || now - lastRenegotiationNanos >= RENEGOTIATION_SPACING_NANOS)) {
            renegotiationWanted = true;
            lastRenegotiationNanos = now;
            LOG.info(() -> String.format(Locale.ROOT, "schedule renegotiation: limits now %.1f kW charge / %.1f kW discharge, schedule %.1f / %.1f kW",
                    wantCh / 1000, wantDis / 1000, scheduledChargeW / 1000, scheduledDischargeW / 1000));
        }
    }

    @Override
    public synchronized void stopPower() {
        hal.powerStage().setTarget(PowerTarget.zero(hal.powerStage().present().voltageV()));
        hal.powerStage().rampToZeroAndDisable();
    }

    @Override
    public double weldingDetection() {
        waiter.await(() -> Math.abs(hal.powerStage().present().currentA()) < OFF_CURRENT_A, RAMP_DOWN_TIMEOUT);
        synchronized (this) {
            if (hal.contactors().state().commandedClosed()) {
                hal.contactors().open();
            }
            return hal.powerStage().present().voltageV();
        }
    }

    @Override
    public synchronized Optional<EvseNotification> notification() {
        String stop = hardStop();
        if (stop != null) {
            return Optional.of(new EvseNotification(EvseNotification.Kind.TERMINATE, 0, stop));
        }
        String requested = stopRequest;
        if (requested != null) {
            return Optional.of(new EvseNotification(EvseNotification.Kind.TERMINATE, 0, requested));
        }
        if (lastStep != null && lastStep.mode() == Mode.STOPPED) {
            return Optional.of(new EvseNotification(EvseNotification.Kind.TERMINATE, 0, "emergency stop (operator)"));
        }
        TripRecord t = tripDuringSession;
        if (t != null) {
            // Facts 8.4: the grid may come back (enter service), so Pause with 60 s ([V2G20-1850]).
            return Optional.of(new EvseNotification(EvseNotification.Kind.PAUSE, 60, "grid " + t));
        }
        if (renegotiationWanted) {
            return Optional.of(new EvseNotification(EvseNotification.Kind.SCHEDULE_RENEGOTIATION, 60, "policy limits changed"));
        }
        return Optional.empty();
    }

    /** The supervisor already zeroed the stage and opened the contactors; here the session learns of it. */
    @Override
    public void onTrip(TripRecord trip) {
        if (energized) {
            tripDuringSession = trip;
        }
        LOG.warning(() -> "grid trip during " + (energized ? "power transfer: the EV is asked to pause" : "idle") + ": " + trip);
    }

    private void cutPower(String reason) {
        hal.powerStage().setTarget(PowerTarget.zero(0));
        hal.powerStage().rampToZeroAndDisable();
        hal.contactors().open();
        LOG.warning("power cut: " + reason);
    }

    @Override
    public void powerOffAndOpenContactors(String reason) {
        boolean wasEnergized;
        synchronized (this) {
            wasEnergized = energized;
            hal.powerStage().setTarget(PowerTarget.zero(0));
            hal.powerStage().rampToZeroAndDisable();
        }
        // Never open under load: wait for the ramp, bounded.
        if (wasEnergized) {
            waiter.await(() -> Math.abs(hal.powerStage().present().currentA()) < OFF_CURRENT_A, RAMP_DOWN_TIMEOUT);
        }
        synchronized (this) {
            hal.contactors().open();
            hal.isolationMonitor().stopMeasurement();
            energized = false;
            parametersAnswered = false;
            operatorDecision = null; // an authorization is for one session
            stopRequest = null;
            cableCheckStarted = false;
            tripDuringSession = null;
            pilotFault = null;
            renegotiationWanted = false;
            scheduledChargeW = Double.NaN;
            scheduledDischargeW = Double.NaN;
            lastLoopNanos = -1;
            looped = false;
            snapshot = new Snapshot(false, "none", soc, 0, 0, 0, 0, "no session", 0, "no session", "idle", chargedWh, dischargedWh);
        }
        if (wasEnergized) {
            LOG.info("power off, contactors open: " + reason);
        }
    }

    static String serviceName(int id) {
        return switch (id) {
            case ServiceOffer.AC -> "AC";
            case ServiceOffer.DC -> "DC";
            case ServiceOffer.AC_BPT -> "AC_BPT";
            case ServiceOffer.DC_BPT -> "DC_BPT";
            default -> "service " + id;
        };
    }

    /** Present contactor and stage state for status reports. */
    public List<String> hardwareFaults() {
        List<String> f = new java.util.ArrayList<>();
        hal.powerStage().faults().forEach(x -> f.add("power stage: " + x));
        hal.contactors().faults().forEach(x -> f.add("contactors: " + x));
        if (hal.emergencyStop().pressed()) {
            f.add("emergency stop pressed");
        }
        return f;
    }
}
