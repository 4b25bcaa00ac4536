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
import org.secc.app.policy.CsmsInput;
import org.secc.app.policy.Mode;
import org.secc.app.policy.PolicyEngine;
import org.secc.app.policy.StepInput;
import org.secc.app.policy.StepOutput;
import org.secc.app.session.ServiceOffer;
import org.secc.hal.config.Hal;
import org.secc.hal.power.PowerCapabilities;
import org.secc.hal.power.PowerReading;

/**
 * The bridge from the session to the hardware, the discharge policy and the grid supervisor. It
 * never touches the hardware itself and never waits: HAL sequences are intents for the
 * {@link ChargeController} (its own thread), whose published snapshot every answer here reads.
 * The limits arithmetic is {@link LoopLimits} (pure), the energy count {@link EnergyMeter}.
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
 * {@link #snapshot()} from the control socket: session state is guarded by this object (short,
 * CPU-only sections), and the trip path takes no lock.
 */
public final class HalChargeControl implements ChargeControl, TripListener {

    private static final Logger LOG = Logger.getLogger(HalChargeControl.class.getName());
    private static final double NS = 1e9;
    /** At most one renegotiation request per this many seconds. */
    static final long RENEGOTIATION_SPACING_NANOS = 30_000_000_000L;

    private final Hal hal;
    private final ChargeSettings settings;
    private final PolicyEngine policy;
    private final Supplier<GridStatus> grid;
    private final LongSupplier nanos;
    private final ChargeController controller;
    private volatile String pilotFault;

    private EnergyTransfer transfer;
    private StepOutput lastStep;
    private boolean looped;
    /** The charge parameters were answered (energyTransferSelected): limits from here on are for schedules. */
    private boolean parametersAnswered;
    private double soc = Double.NaN;
    private final EnergyMeter meter = new EnergyMeter();
    /** The connector's lifetime registers; the service replaces them with the saved ones at start. */
    private volatile EnergyRegisters registers = new EnergyRegisters(EnergyRegisters.Values.ZERO, EnergyRegisters.DEFAULT_SAVE_INTERVAL_NANOS);
    /** The intents of this session (0 = not submitted yet). */
    private long cableCheckId;
    private long startId;
    private boolean weldingOpenAsked;
    /** Something was submitted since the last power-off (a power-off is then due). */
    private boolean sessionActive;
    private volatile boolean energized;
    private long lastPowerOffId;
    private double scheduledChargeW = Double.NaN;
    private double scheduledDischargeW = Double.NaN;
    private long lastRenegotiationNanos = Long.MIN_VALUE;
    private boolean renegotiationWanted;
    private volatile TripRecord tripDuringSession;
    private volatile Boolean operatorDecision;
    /** A stop asked for from outside the session (the CSMS's RequestStopTransaction); null when none. */
    private volatile String stopRequest;
    private volatile Snapshot snapshot = Snapshot.idle();
    /** What the EV told in this session for the CSMS (-20 ScheduleExchangeReq, PowerDeliveryReq Start); null before. */
    private volatile Upstream upstream;

    /**
     * The EV's needs and power profile of the running session, for OCPP (NotifyEVChargingNeeds/-Schedule):
     * each with a sequence number that grows with every new message, the transfer they belong to.
     */
    public record Upstream(long needsSeq, EnergyTransfer transfer, ChargingNeeds needs, long profileSeq, EvPowerProfile profile) {}

    private long upstreamSeq;

    /** What `secc ctl status` and the bench timeline show. Signed current/power: + charge. */
    public record Snapshot(boolean energized, String service, double socPct, double voltageV, double currentA, double powerW,
            double chargeLimitW, String chargeReason, double dischargeLimitW, String dischargeReason, String mode,
            double chargedWh, double dischargedWh) {
        static Snapshot idle() {
            return new Snapshot(false, "none", Double.NaN, 0, 0, 0, 0, "no session", 0, "no session", "idle", 0, 0);
        }
    }

    /** @param controller the owner of the HAL sequences (started by the caller or stepped by the bench) */
    public HalChargeControl(Hal hal, ChargeSettings settings, PolicyEngine policy, Supplier<GridStatus> grid, LongSupplier nanos,
            ChargeController controller) {
        this.hal = hal;
        this.settings = settings;
        this.policy = policy;
        this.grid = grid;
        this.nanos = nanos;
        this.controller = controller;
    }

    public ChargeController controller() {
        return controller;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** The connector's lifetime energy registers (imported/exported Wh, monotonic across sessions). */
    public EnergyRegisters registers() {
        return registers;
    }

    /** Continues counting on the registers restored from the state directory (before the first session). */
    public void registers(EnergyRegisters restored) {
        this.registers = restored;
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
        // The CSMS's composite now (OCPP K08): a Scheduled EV's schedule never promises more than it allows.
        CsmsInput c = policy.csms();
        if (c != null) {
            ch = Double.isNaN(c.maxChargeW()) ? ch : Math.min(ch, c.maxChargeW());
            dis = Double.isNaN(c.maxDischargeW()) ? dis : Math.min(dis, c.maxDischargeW());
        }
        if (policy.csmsFailsafe()) {
            dis = 0;
        }
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
            meter.reset();
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
    public synchronized void chargingNeeds(ChargingNeeds needs) {
        Upstream u = upstream;
        if (renegotiationWanted && u != null && u.needs() != null) {
            return; // the charger asked for this renegotiation: the needs the CSMS has stand (OCPP K16.FR.09)
        }
        upstream = new Upstream(++upstreamSeq, transfer, needs, u == null ? 0 : u.profileSeq(), u == null ? null : u.profile());
    }

    @Override
    public synchronized void evPowerProfile(EvPowerProfile profile) {
        Upstream u = upstream;
        upstream = new Upstream(u == null ? 0 : u.needsSeq(), transfer, u == null ? null : u.needs(), ++upstreamSeq, profile);
    }

    /** The EV's needs and power profile of the running session (null when none). */
    public Upstream upstream() {
        return upstream;
    }

    /**
     * A new CSMS charging profile during a Scheduled session (OCPP K16.FR.01–03): the EV is asked to
     * renegotiate its schedule at its next response, whatever the spacing of the charger's own requests.
     */
    public synchronized void renegotiate(String why) {
        if (transfer == null || transfer.dynamic() || Double.isNaN(scheduledChargeW) || renegotiationWanted) {
            return;
        }
        renegotiationWanted = true;
        lastRenegotiationNanos = nanos.getAsLong();
        LOG.info(() -> "schedule renegotiation: " + why);
    }

    /**
     * The CSMS's later cap changes as schedule steps: each capped by the ratings and the policy's maxima (a
     * lifted CSMS cap means those), the grid assumed in service then.
     */
    @Override
    public synchronized List<ScheduleStep> scheduleAhead(long epochSeconds) {
        CsmsInput c = policy.csms();
        if (c == null || c.plan().isEmpty()) {
            return List.of();
        }
        boolean ac = transfer != null && transfer.ac();
        double ratedCh = Math.min(ac ? settings.acMaxChargePowerW() : ratedDc().maxChargePower(), policy.policy().discharge().maxChargePowerW());
        double ratedDis = Math.min(ac ? settings.acMaxDischargePowerW() : ratedDc().maxDischargePower(),
                policy.policy().discharge().maxDischargePowerW());
        if (policy.csmsFailsafe()) {
            ratedDis = 0;
        }
        List<ScheduleStep> out = new java.util.ArrayList<>();
        for (CsmsInput.Step s : c.plan()) {
            if (s.epochS() > epochSeconds) {
                out.add(new ScheduleStep(s.epochS() - epochSeconds, Double.isNaN(s.maxChargeW()) ? ratedCh : Math.min(ratedCh, s.maxChargeW()),
                        Double.isNaN(s.maxDischargeW()) ? ratedDis : Math.min(ratedDis, s.maxDischargeW())));
            }
        }
        return out;
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
        if (pilotFault != null) {
            return IsolationResult.FAULT;
        }
        ChargeController.Snapshot c = controller.snapshot();
        if (cableCheckId == 0) {
            // No verdict from the snapshot here: it may still show the previous session's fault; the
            // controller judges the faults when it runs this check, after any power-off before it.
            // Queued behind a previous session's power-off, if one still runs: this session measures
            // the insulation itself, after the connector is free.
            cableCheckId = controller.nextId();
            sessionActive = true;
            energized = true;
            controller.submit(new ChargeController.CableCheck(cableCheckId, testVoltage));
            return IsolationResult.ONGOING;
        }
        return c.cableCheckId() == cableCheckId ? c.isolation() : IsolationResult.ONGOING;
    }

    @Override
    public synchronized double preCharge(double targetVoltage) {
        sessionActive = true;
        controller.submit(new ChargeController.PreCharge(targetVoltage, settings.prechargeCurrentA()));
        return controller.snapshot().reading().voltageV();
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
        // During a power-off the reason is the ended session's; what this session asks for queues behind it.
        ChargeController.Snapshot c = controller.snapshot();
        return c.phase() == ChargeController.Phase.POWERING_OFF ? null : c.stop();
    }

    /**
     * Non-blocking: the first call asks the controller to close (AC: after the EV reached C, within
     * the contactor performance time, [V2G20-860/862]) and returns {@link PowerDeliveryResult#PENDING};
     * later calls report the progress. Idempotent once OK (an EV may repeat Start before the loop).
     */
    @Override
    public synchronized PowerDeliveryResult startPower() {
        if (pilotFault != null) {
            LOG.warning("power delivery refused: " + pilotFault);
            return PowerDeliveryResult.NOT_APPLIED;
        }
        if (startId == 0) {
            // The controller judges stage, contactor and emergency-stop faults when it runs the start.
            startId = controller.nextId();
            sessionActive = true;
            energized = true;
            controller.submit(new ChargeController.StartPower(startId, transfer != null && transfer.ac(), settings.contactorTimeout()));
            return PowerDeliveryResult.PENDING;
        }
        ChargeController.Snapshot c = controller.snapshot();
        if (c.startId() != startId) {
            return PowerDeliveryResult.PENDING;
        }
        return switch (c.start()) {
            case NONE, PENDING -> PowerDeliveryResult.PENDING;
            case OK -> {
                meter.pause();
                yield PowerDeliveryResult.OK;
            }
            case CONTACTOR_ERROR -> PowerDeliveryResult.CONTACTOR_ERROR;
            case NOT_APPLIED -> PowerDeliveryResult.NOT_APPLIED;
        };
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
        boolean blocked = stop != null || tripDuringSession != null;
        ChargeController.Snapshot c = controller.snapshot();
        PowerReading present = c.reading();
        LoopResult res;
        double counted;
        if (r.ac()) {
            LoopLimits.AcStep a = LoopLimits.ac(r, settings.acMaxChargePowerW(), settings.acMaxDischargePowerW(), step, blocked);
            var gm = hal.gridMonitor();
            AcLimits sent = new AcLimits(a.maxChargeW(), 0, a.maxDischargeW(), 0, settings.acPhases(), gm.nominalVoltageV(),
                    gm.nominalFrequencyHz());
            double v = gm.latest() == null ? gm.nominalVoltageV() : gm.latest().voltageL1V();
            counted = c.contactorsClosed() ? a.targetPowerW() : 0;
            if (stop == null) {
                sessionActive = true;
                controller.submit(new ChargeController.AcLoop()); // the EV is alive (silence watch)
            }
            res = new LoopResult(v, Double.NaN, Double.NaN, a.targetPowerW(), null, sent, false, false, false, 0, 0, "");
        } else {
            LoopLimits.DcStep d = LoopLimits.dc(r, ratedDc(), step, blocked, present.voltageV());
            if (stop == null) {
                sessionActive = true;
                controller.submit(new ChargeController.Setpoint(d.target()));
            }
            counted = present.powerW();
            res = new LoopResult(present.voltageV(), present.currentA(), present.powerW(), d.targetPowerW(), d.sent(), null,
                    d.powerLimited(), d.currentLimited(), d.voltageLimited(), 0, 0, "");
        }
        double chBefore = meter.chargedWh();
        double disBefore = meter.dischargedWh();
        meter.step(now, counted);
        registers.add(meter.chargedWh() - chBefore, meter.dischargedWh() - disBefore);
        checkSchedule(step, now);
        res = new LoopResult(res.presentVoltageV(), res.presentCurrentA(), res.presentPowerW(), res.targetPowerW(), res.dc(), res.acLimits(),
                res.powerLimitAchieved(), res.currentLimitAchieved(), res.voltageLimitAchieved(), meter.chargedWh(), meter.dischargedWh(),
                blocked ? (stop != null ? stop : "grid trip " + tripDuringSession.function()) : step.modeReason());
        double shownP = r.ac() ? res.targetPowerW() : res.presentPowerW();
        snapshot = new Snapshot(energized, transfer == null ? "?" : serviceName(transfer.serviceId()), soc, res.presentVoltageV(),
                r.ac() ? Double.NaN : res.presentCurrentA(), shownP, step.chargeLimitW(), step.chargeReason(), step.dischargeLimitW(),
                step.dischargeReason(), step.mode().name().toLowerCase(Locale.ROOT), meter.chargedWh(), meter.dischargedWh());
        return res;
    }

    private DcLimits ratedDc() {
        PowerCapabilities c = hal.powerStage().capabilities();
        return new DcLimits(cap(c.maxChargePowerW(), settings.dcMaxChargePowerW()), 0, cap(c.maxChargeCurrentA(), settings.dcMaxChargeCurrentA()),
                0, c.maxVoltageV(), c.minVoltageV(), cap(c.maxDischargePowerW(), settings.dcMaxDischargePowerW()), 0,
                cap(c.maxDischargeCurrentA(), settings.dcMaxDischargeCurrentA()), 0);
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
        // EVSEPowerLimitAchieved; AC: EVSETargetActivePower; secc-app/README-grid.md). Only a schedule tighter than
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
        meter.pause();
        controller.submit(new ChargeController.StopPower());
        // The contactors open once the current is zero, without waiting for the EV's first
        // DC_WeldingDetectionReq: an EV silent after PowerDelivery(Stop) must not hold closed contactors
        // until the 60 s sequence timeout (Stop: ramp to zero, then open, [V2G20-863/864]; the welding
        // detection that follows reads the output with them open).
        if (!weldingOpenAsked) {
            weldingOpenAsked = true;
            controller.submit(new ChargeController.OpenAfterZero());
        }
    }

    /**
     * Non-blocking: the first call asks the controller to open the contactors once the current is
     * zero; every call reports the voltage at the output now (the EV judges welding from it).
     */
    @Override
    public synchronized double weldingDetection() {
        if (!weldingOpenAsked) {
            weldingOpenAsked = true;
            controller.submit(new ChargeController.OpenAfterZero());
        }
        return controller.snapshot().reading().voltageV();
    }

    @Override
    public synchronized boolean poweredOff() {
        return controller.snapshot().powerOffDone() >= lastPowerOffId;
    }

    /** The controller ramped a silent EV to zero: the session ends ([V2G20-1500]). */
    @Override
    public Optional<String> endRequested() {
        return controller.snapshot().evSilent() ? Optional.of("EV silent in the charge loop; power ramped to zero") : Optional.empty();
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
            // The grid may come back (enter service), so Pause with 60 s ([V2G20-1850]).
            return Optional.of(new EvseNotification(EvseNotification.Kind.PAUSE, 60, "grid " + t));
        }
        if (renegotiationWanted) {
            return Optional.of(new EvseNotification(EvseNotification.Kind.SCHEDULE_RENEGOTIATION, 60, "policy limits changed"));
        }
        return Optional.empty();
    }

    /** The supervisor already opened the contactors and commanded the stage to zero; here the session learns of it. */
    @Override
    public void onTrip(TripRecord trip) {
        if (energized) {
            tripDuringSession = trip;
        }
        LOG.warning(() -> "grid trip during " + (energized ? "power transfer: the EV is asked to pause" : "idle") + ": " + trip);
    }

    /**
     * Any end of a session: asks the controller for the ordered power-off (current to zero, confirmed
     * or bounded; contactors open; connector free) and returns at once. The next session's intents
     * queue behind it. Idempotent.
     */
    @Override
    public synchronized void powerOffAndOpenContactors(String reason) {
        if (sessionActive || energized) {
            lastPowerOffId = controller.nextId();
            controller.submit(new ChargeController.PowerOff(lastPowerOffId, reason));
        }
        sessionActive = false;
        energized = false;
        parametersAnswered = false;
        operatorDecision = null; // an authorization is for one session
        stopRequest = null;
        cableCheckId = 0;
        startId = 0;
        weldingOpenAsked = false;
        tripDuringSession = null;
        pilotFault = null;
        renegotiationWanted = false;
        scheduledChargeW = Double.NaN;
        scheduledDischargeW = Double.NaN;
        upstream = null;
        meter.pause();
        looped = false;
        snapshot = new Snapshot(false, "none", soc, 0, 0, 0, 0, "no session", 0, "no session", "idle", meter.chargedWh(),
                meter.dischargedWh());
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
        String l = controller.latched();
        if (l != null) {
            f.add("safety trip latched: " + l);
        }
        return f;
    }
}
