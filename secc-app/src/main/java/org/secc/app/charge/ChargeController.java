package org.secc.app.charge;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.secc.app.charge.ChargeControl.IsolationResult;
import org.secc.hal.config.Hal;
import org.secc.hal.isolation.IsolationStatus;
import org.secc.hal.power.PowerReading;
import org.secc.hal.power.PowerTarget;

/**
 * The one owner of the charge point's HAL sequences: cable check (a fresh insulation measurement
 * every time), precharge, contactor closing with feedback, setpoints, welding-detection opening and
 * the power-off sequence. Sessions never touch the hardware or wait for it: they {@link #submit}
 * intents (never blocking) and read the immutable {@link Snapshot} published after every step.
 *
 * <p>Intents run in order. A {@link PowerOff} drops what the ended session still had queued and
 * aborts its running sequence; everything a later session submits waits behind it, so a new session
 * cannot start a cable check, close or enable anything before the old power-off finished
 * (current to zero, confirmed or after a bounded wait, then contactors open, then the connector is
 * free).
 *
 * <p>Safety ({@link #trip}): any thread opens the contactors at once (local GPIO, no lock the session
 * holds) and hands "stage to zero" to its own executor, so a slow or silent Modbus stage never
 * delays the opening. The trip latches: nothing closes again until the session's power-off.
 *
 * <p>Threading: {@link #start()} runs {@link #step()} on the {@code charge-controller} thread every
 * 2 ms and at once on a new intent; the stepped bench calls {@link #step()} itself (no thread), so
 * every sequence is testable on the bench clock.
 */
public final class ChargeController implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChargeController.class.getName());
    /** Current below which the output counts as off. */
    public static final double OFF_CURRENT_A = 1.0;
    /** How long a ramp-down may take before the contactors open anyway (bounded wait). */
    public static final Duration RAMP_DOWN_TIMEOUT = Duration.ofMillis(1000);
    /** How long the contactors' mirror may take to confirm the opening before the connector is freed anyway. */
    static final Duration OPEN_CONFIRM_TIMEOUT = Duration.ofMillis(500);
    /**
     * No charge-loop setpoint for this long while energized = the EV went silent (twice the EV's own
     * 0.5 s charge-loop message timeout, ISO 15118-20 V2G_EVCC_Msg_Timeout): the current ramps to zero.
     */
    public static final Duration EV_SILENCE = Duration.ofSeconds(1);
    static final long STEP_NANOS = 2_000_000L;
    /** Setpoint updates while ramping a silent EV down: at most every 20 ms (Modbus stages are slow). */
    static final long SILENCE_UPDATE_NANOS = 20_000_000L;

    /** What the session asks for. */
    public sealed interface Intent permits CableCheck, PreCharge, StartPower, Setpoint, AcLoop, StopPower, OpenAfterZero, PowerOff {
    }

    /** Close the contactors (in CP C/D), output at the test voltage, start a fresh insulation measurement. */
    public record CableCheck(long id, double testVoltage) implements Intent {
    }

    /** Regulate to the target voltage with the precharge current limit. */
    public record PreCharge(double targetVoltage, double currentLimitA) implements Intent {
    }

    /** PowerDelivery(Start): contactors closed with feedback within the timeout, then the stage enabled (DC). */
    public record StartPower(long id, boolean ac, Duration contactorTimeout) implements Intent {
    }

    /** A charge-loop operating point (already clamped by {@link LoopLimits}). */
    public record Setpoint(PowerTarget target) implements Intent {
    }

    /**
     * An AC charge-loop request: the EV is alive. AC power is drawn by the EV's onboard charger within the limits the
     * response carries, so there is no stage setpoint; without this every AC session counted as silent and ended
     * about 3 s into its loop (the silence watch of [V2G20-1500] is fed by charge-loop requests, DC and AC alike).
     */
    public record AcLoop() implements Intent {
    }

    /** PowerDelivery(Stop): ramp to zero; contactors stay as they are. */
    public record StopPower() implements Intent {
    }

    /** Welding detection: open the contactors once the current is zero (bounded wait). */
    public record OpenAfterZero() implements Intent {
    }

    /** Any end of a session: current to zero (bounded), contactors open (confirmed, bounded), connector free. */
    public record PowerOff(long id, String reason) implements Intent {
    }

    public enum Phase { IDLE, CABLE_CHECK, PREPARED, CLOSING, ENERGIZED, STOPPING, POWERING_OFF }

    /** Progress of the last {@link StartPower}. */
    public enum StartState { NONE, PENDING, OK, CONTACTOR_ERROR, NOT_APPLIED }

    /**
     * What the controller knows after its last step; immutable, read by the session from any thread.
     *
     * @param stop           why power must not flow (safety trip, emergency stop, stage or contactor
     *                       fault), or null
     * @param evSilent       the EV stopped sending charge-loop requests; the current was ramped to zero
     * @param powerOffDone   the id of the last finished {@link PowerOff}
     * @param freeSinceNanos when the connector became free (the last power-off finished), -1 while not idle
     */
    public record Snapshot(long nanos, Phase phase, PowerReading reading, boolean contactorsCommanded, boolean contactorsClosed,
            long cableCheckId, IsolationResult isolation, long startId, StartState start, String stop, boolean evSilent,
            long powerOffDone, long freeSinceNanos) {
    }

    private final Hal hal;
    private final LongSupplier nanos;
    private final BooleanSupplier pilotReady;
    private final double insulationFaultOhm;
    private final Duration silenceRamp;
    private final Executor stageZero;
    private final ConcurrentLinkedQueue<Intent> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final Runnable zeroStage;
    private final java.util.concurrent.atomic.AtomicBoolean zeroQueued = new java.util.concurrent.atomic.AtomicBoolean();

    private volatile String latched;
    private volatile Snapshot snapshot;
    private volatile long lastSafetyOpenNanos = -1;
    /** System.nanoTime when a step last saw the contactors confirm a start (closed) or a power-off (open). */
    private volatile long lastConfirmedNanos = -1;
    private volatile Thread thread;
    private volatile boolean running;

    // controller-thread state
    private final ArrayDeque<Intent> pending = new ArrayDeque<>();
    private Intent running_;
    private long runningSince;
    private Phase phase = Phase.IDLE;
    private long cableCheckId;
    private IsolationResult isolation = IsolationResult.ONGOING;
    private boolean measuring;
    private long startId;
    private StartState start = StartState.NONE;
    private volatile boolean contactorsClosedCommanded;
    /** The cable check passed: the insulation stays monitored (IEC 61851-23) until the power-off. */
    private volatile boolean insulationWatched;
    private long lastSetpointNanos = -1;
    private PowerTarget lastTarget = PowerTarget.zero(0);
    private long silentSince = -1;
    private double silentFromA;
    private long lastSilenceUpdate;
    private boolean evSilent;
    private long powerOffDone;
    private long freeSince;
    private int powerOffStage;
    private String lastError;

    /**
     * @param pilotReady  IEC 61851-1: true while the contactors may close (EV in C/D, PWM on, no fault)
     * @param silenceRamp how long a silent EV's current takes to ramp to zero ({@code charge.ev_silence_ramp_s})
     * @param stageZero   where "stage to zero" runs on a trip: its own thread in the service, direct on
     *                    the stepped bench
     */
    public ChargeController(Hal hal, LongSupplier nanos, BooleanSupplier pilotReady, double insulationFaultOhm, Duration silenceRamp,
            Executor stageZero) {
        this.hal = hal;
        this.nanos = nanos;
        this.pilotReady = pilotReady;
        this.insulationFaultOhm = insulationFaultOhm;
        this.silenceRamp = silenceRamp;
        this.stageZero = stageZero;
        this.freeSince = nanos.getAsLong();
        this.zeroStage = () -> {
            try {
                hal.powerStage().setTarget(PowerTarget.zero(0));
            } finally {
                hal.powerStage().rampToZeroAndDisable();
            }
        };
        this.snapshot = new Snapshot(freeSince, Phase.IDLE, hal.powerStage().present(), false, false, 0, IsolationResult.ONGOING, 0,
                StartState.NONE, null, false, 0, freeSince);
    }

    /** A fresh id for a {@link CableCheck}, {@link StartPower} or {@link PowerOff}. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    /** Queues an intent; never blocks. */
    public void submit(Intent i) {
        inbox.add(i);
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** System.nanoTime of the last contactor-open command of {@link #trip} (latency measurements). */
    public long lastSafetyOpenNanos() {
        return lastSafetyOpenNanos;
    }

    /**
     * System.nanoTime of the last step that saw the mirror contacts confirm what a session waits for: closed
     * for a {@link StartPower}, open at the end of a {@link PowerOff}. The response-time benchmark measures
     * the charger's own part of a held-back PowerDeliveryRes ([V2G20-858/861/863/864]) from here.
     */
    public long lastConfirmedNanos() {
        return lastConfirmedNanos;
    }

    /** The latched safety reason, or null. */
    public String latched() {
        return latched;
    }

    /**
     * Safety path, from any thread: contactors open now (local GPIO, no lock of the session, no
     * Modbus), the stage is commanded to zero concurrently on its own executor, and the trip latches
     * until the session's power-off. Grid trip, emergency stop and insulation fault come here.
     */
    public void trip(String reason) {
        if (latched == null) {
            latched = reason;
        }
        hal.contactors().open();
        contactorsClosedCommanded = false;
        lastSafetyOpenNanos = System.nanoTime();
        zeroStageAsync();
        LOG.warning(() -> "safety: " + reason + ": contactors opened, stage commanded to zero");
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Commands the stage to zero on the stage executor (never on the caller's thread in the service).
     * One command waits at most: a stage that does not answer must not pile them up.
     */
    public void zeroStageAsync() {
        if (!zeroQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            stageZero.execute(() -> {
                zeroQueued.set(false);
                zeroStage.run();
            });
        } catch (RuntimeException e) {
            zeroQueued.set(false);
            LOG.log(Level.SEVERE, "stage-zero executor refused the command", e);
        }
    }

    /**
     * The fault check of the safety thread (the emergency-stop watch, every millisecond): a stage or
     * contactor fault, or an insulation fault after the cable check, while the contactors are
     * commanded closed trips at once. Reads only values the
     * drivers keep without waiting for their bus; never blocks on the controller's own step.
     */
    public void safetyCheck() {
        if (!contactorsClosedCommanded || latched != null) {
            return;
        }
        var stage = hal.powerStage().faults();
        if (!stage.isEmpty()) {
            trip("power stage fault " + stage);
            return;
        }
        var cont = hal.contactors().faults();
        if (!cont.isEmpty()) {
            trip("contactor fault " + cont);
            return;
        }
        if (insulationWatched) {
            // IEC 61851-23: the insulation is monitored for the whole energized session.
            IsolationStatus st = hal.isolationMonitor().status();
            if (st instanceof IsolationStatus.Resistance r && r.ohms() < insulationFaultOhm) {
                trip(String.format(Locale.ROOT, "insulation fault %.0f Ω during the session", r.ohms()));
            } else if (st instanceof IsolationStatus.DeviceFault f) {
                trip("insulation monitor fault during the session: " + f.detail());
            }
        }
    }

    // ------------------------------------------------------------------ the step

    /** One step: takes the new intents, advances the running sequence, publishes the snapshot. */
    public synchronized void step() {
        long now = nanos.getAsLong();
        Intent in;
        while ((in = inbox.poll()) != null) {
            accept(in);
        }
        advance(now);
        watch(now);
        publish(now);
    }

    private void accept(Intent i) {
        if (i instanceof PowerOff) {
            // The session ended: what it still had queued or running no longer applies.
            pending.clear();
            if (running_ != null && !(running_ instanceof PowerOff)) {
                if (running_ instanceof StartPower sp && start == StartState.PENDING) {
                    start = StartState.NOT_APPLIED;
                    startId = sp.id();
                }
                running_ = null;
            }
        } else if (i instanceof Setpoint) {
            pending.removeIf(p -> p instanceof Setpoint); // only the newest operating point matters
        } else if (i instanceof AcLoop) {
            pending.removeIf(p -> p instanceof AcLoop); // one "the EV is alive" is enough
        } else if (i instanceof PreCharge) {
            pending.removeIf(p -> p instanceof PreCharge); // likewise the newest precharge target
        }
        pending.add(i);
    }

    private void advance(long now) {
        while (true) {
            if (running_ == null) {
                Intent next = pending.poll();
                if (next == null) {
                    return;
                }
                running_ = next;
                runningSince = now;
                powerOffStage = 0;
            }
            if (!run(running_, now)) {
                return; // still in progress
            }
            running_ = null;
        }
    }

    /** Advances one intent; true when it is done. */
    private boolean run(Intent i, long now) {
        if (i instanceof CableCheck c) {
            return cableCheck(c, now);
        }
        if (i instanceof PreCharge p) {
            if (latched == null) {
                hal.powerStage().setTarget(new PowerTarget(p.targetVoltage(), p.currentLimitA(), Double.POSITIVE_INFINITY));
                hal.powerStage().enable();
                lastTarget = new PowerTarget(p.targetVoltage(), 0, 0);
            }
            return true;
        }
        if (i instanceof StartPower s) {
            return startPower(s, now);
        }
        if (i instanceof Setpoint s) {
            setpoint(s.target(), now);
            return true;
        }
        if (i instanceof AcLoop) {
            heard(now);
            return true;
        }
        if (i instanceof StopPower) {
            hal.powerStage().setTarget(PowerTarget.zero(hal.powerStage().present().voltageV()));
            hal.powerStage().rampToZeroAndDisable();
            lastTarget = PowerTarget.zero(0);
            if (phase == Phase.ENERGIZED) {
                phase = Phase.STOPPING;
            }
            return true;
        }
        if (i instanceof OpenAfterZero) {
            if (Math.abs(hal.powerStage().present().currentA()) >= OFF_CURRENT_A && now - runningSince < RAMP_DOWN_TIMEOUT.toNanos()) {
                return false;
            }
            openContactors();
            phase = Phase.STOPPING;
            return true;
        }
        return powerOff((PowerOff) i, now);
    }

    private boolean cableCheck(CableCheck c, long now) {
        if (cableCheckId != c.id()) {
            cableCheckId = c.id();
            isolation = IsolationResult.ONGOING;
        }
        String stop = stopReason();
        if (stop != null) {
            LOG.warning("cable check refused: " + stop);
            isolation = IsolationResult.FAULT;
            return true;
        }
        if (!pilotReady.getAsBoolean()) {
            // IEC 61851-1: the EV closes S2 (state C) before the cable check; the contactors must not close before.
            return false;
        }
        phase = Phase.CABLE_CHECK;
        // IEC 61851-23 6.4.3.106: contactors closed, output at the test voltage with a small current;
        // a fresh measurement every session (never the previous session's value).
        if (!closeContactors()) {
            isolation = IsolationResult.FAULT;
            return true;
        }
        hal.powerStage().setTarget(new PowerTarget(c.testVoltage(), 0, 0));
        hal.powerStage().enable();
        hal.isolationMonitor().startMeasurement();
        measuring = true;
        LOG.info(() -> String.format(Locale.ROOT, "cable check at %.0f V: insulation measurement started", c.testVoltage()));
        return true;
    }

    private boolean startPower(StartPower s, long now) {
        if (startId != s.id()) {
            startId = s.id();
            start = StartState.PENDING;
            phase = Phase.CLOSING;
        }
        String stop = stopReason();
        if (stop != null) {
            LOG.warning("power delivery refused: " + stop);
            start = StartState.NOT_APPLIED;
            return true;
        }
        long left = s.contactorTimeout().toNanos() - (now - runningSince);
        if (!hal.contactors().state().mirrorClosed()) {
            if (!contactorsClosedCommanded) {
                // IEC 61851-1: close only in C/D. EVs are often late to C after PowerDelivery(Start)
                // ([V2G20-847]): wait for it within the contactor performance time.
                if (!pilotReady.getAsBoolean()) {
                    if (left <= 0) {
                        LOG.severe("the EV did not reach CP state C within " + s.contactorTimeout().toMillis() + " ms");
                        start = StartState.CONTACTOR_ERROR;
                        return true;
                    }
                    return false;
                }
                if (!closeContactors()) {
                    start = StartState.NOT_APPLIED;
                    return true;
                }
            }
            if (left <= 0) {
                // [V2G20-860/862]: no feedback within the contactor performance time.
                LOG.severe("contactors did not close within " + s.contactorTimeout().toMillis() + " ms");
                start = StartState.CONTACTOR_ERROR;
                return true;
            }
            return false;
        }
        if (!s.ac()) {
            lastTarget = PowerTarget.zero(hal.powerStage().present().voltageV());
            hal.powerStage().setTarget(lastTarget);
            hal.powerStage().enable();
        }
        start = StartState.OK;
        lastConfirmedNanos = System.nanoTime();
        phase = Phase.ENERGIZED;
        lastSetpointNanos = now;
        silentSince = -1;
        evSilent = false;
        return true;
    }

    /** A charge-loop request arrived: the EV is not silent. */
    private void heard(long now) {
        lastSetpointNanos = now;
        if (silentSince >= 0) {
            LOG.info("the EV speaks again: charge-loop setpoints resume");
        }
        silentSince = -1;
        evSilent = false;
    }

    private void setpoint(PowerTarget t, long now) {
        heard(now);
        if (latched != null) {
            return; // a trip holds the stage at zero until the session ends
        }
        lastTarget = t;
        hal.powerStage().setTarget(t);
        if (hal.contactors().state().mirrorClosed() && !hal.powerStage().present().enabled() && phase == Phase.ENERGIZED) {
            hal.powerStage().enable();
        }
    }

    private boolean powerOff(PowerOff p, long now) {
        if (powerOffStage == 0) {
            phase = Phase.POWERING_OFF;
            hal.powerStage().setTarget(PowerTarget.zero(0));
            hal.powerStage().rampToZeroAndDisable();
            lastTarget = PowerTarget.zero(0);
            powerOffStage = 1;
        }
        if (powerOffStage == 1) {
            // Never open under load: current to zero, confirmed or after a bounded wait.
            boolean zero = Math.abs(hal.powerStage().present().currentA()) < OFF_CURRENT_A;
            if (!zero && now - runningSince < RAMP_DOWN_TIMEOUT.toNanos()) {
                return false;
            }
            if (!zero) {
                LOG.warning(() -> String.format(Locale.ROOT, "power off: current still %.1f A after %d ms; opening anyway",
                        hal.powerStage().present().currentA(), RAMP_DOWN_TIMEOUT.toMillis()));
            }
            openContactors();
            powerOffStage = 2;
            runningSince = now;
        }
        if (powerOffStage == 2) {
            if (hal.contactors().state().mirrorClosed() && now - runningSince < OPEN_CONFIRM_TIMEOUT.toNanos()) {
                return false;
            }
            if (hal.contactors().state().mirrorClosed()) {
                LOG.severe("power off: the contactors' mirror still reports closed (welded?)");
            }
        }
        insulationWatched = false;
        if (measuring) {
            hal.isolationMonitor().stopMeasurement();
            measuring = false;
        }
        phase = Phase.IDLE;
        powerOffDone = p.id();
        lastConfirmedNanos = System.nanoTime();
        freeSince = now;
        cableCheckId = 0;
        isolation = IsolationResult.ONGOING;
        start = StartState.NONE;
        startId = 0;
        silentSince = -1;
        evSilent = false;
        lastSetpointNanos = -1;
        String was = latched;
        if (was != null && !hal.emergencyStop().pressed()) {
            latched = null;
        }
        LOG.info(() -> "power off, contactors open, connector free: " + p.reason() + (was != null ? " (after " + was + ")" : ""));
        return true;
    }

    /** Closes unless a safety trip latched; a trip racing the close re-opens at once (no lock shared with it). */
    private boolean closeContactors() {
        if (latched != null) {
            return false;
        }
        hal.contactors().close();
        contactorsClosedCommanded = true;
        if (latched != null) {
            hal.contactors().open();
            contactorsClosedCommanded = false;
            return false;
        }
        return true;
    }

    private void openContactors() {
        hal.contactors().open();
        contactorsClosedCommanded = false;
    }

    /** Continuous checks while the session holds the contactors: faults, insulation, a silent EV. */
    private void watch(long now) {
        if (contactorsClosedCommanded && latched == null) {
            // A stage, contactor or emergency-stop fault never leaves the contactors closed.
            String fault = stopReason();
            if (fault != null) {
                trip(fault);
            }
        }
        if (measuring) {
            IsolationStatus st = hal.isolationMonitor().status();
            if (phase == Phase.CABLE_CHECK && isolation == IsolationResult.ONGOING) {
                if (st instanceof IsolationStatus.DeviceFault f) {
                    LOG.warning("insulation monitor fault: " + f.detail());
                    isolation = IsolationResult.FAULT;
                } else if (st instanceof IsolationStatus.Resistance r) {
                    if (r.ohms() < insulationFaultOhm) {
                        LOG.warning(() -> String.format(Locale.ROOT, "insulation fault: %.0f Ω below %.0f Ω", r.ohms(), insulationFaultOhm));
                        isolation = IsolationResult.FAULT;
                    } else if (hal.contactors().state().mirrorClosed()) {
                        LOG.info(() -> String.format(Locale.ROOT, "insulation %.1f MΩ: cable check passed", r.ohms() / 1e6));
                        isolation = IsolationResult.PASSED;
                        phase = Phase.PREPARED;
                        insulationWatched = true;
                    }
                }
            }
        }
        if (phase == Phase.ENERGIZED && lastSetpointNanos >= 0 && latched == null) {
            silence(now);
        }
        if (phase == Phase.IDLE && running_ == null && latched != null && !hal.emergencyStop().pressed()
                && hal.contactors().state().mirrorClosed() == false && pending.isEmpty()) {
            // A trip while no session held the contactors: nothing to power off, clear once the cause is gone.
            latched = null;
        }
    }

    /** The EV went silent in the loop: ramp the current to zero within the configured time. */
    private void silence(long now) {
        if (now - lastSetpointNanos < EV_SILENCE.toNanos()) {
            return;
        }
        if (silentSince < 0) {
            silentSince = now;
            silentFromA = lastTarget.currentA();
            lastSilenceUpdate = now - SILENCE_UPDATE_NANOS;
            LOG.warning(() -> String.format(Locale.ROOT, "the EV is silent in the charge loop for %d ms: ramping %.1f A to zero within %d ms",
                    EV_SILENCE.toMillis(), silentFromA, silenceRamp.toMillis()));
        }
        if (evSilent) {
            return;
        }
        double f = silenceRamp.isZero() ? 0 : Math.max(0, 1 - (double) (now - silentSince) / silenceRamp.toNanos());
        if (f == 0) {
            hal.powerStage().setTarget(PowerTarget.zero(lastTarget.voltageV()));
            hal.powerStage().rampToZeroAndDisable();
            evSilent = true;
            LOG.warning("the EV stayed silent: power is at zero; the session ends (V2G_SECC_Sequence_Timeout, [V2G20-1500])");
        } else if (now - lastSilenceUpdate >= SILENCE_UPDATE_NANOS) {
            lastSilenceUpdate = now;
            hal.powerStage().setTarget(new PowerTarget(lastTarget.voltageV(), silentFromA * f, Math.abs(lastTarget.powerW()) * f));
        }
    }

    /** Why power must not flow now, or null. */
    private String stopReason() {
        String l = latched;
        if (l != null) {
            return l;
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

    private void publish(long now) {
        var cs = hal.contactors().state();
        snapshot = new Snapshot(now, phase, hal.powerStage().present(), cs.commandedClosed(), cs.mirrorClosed(), cableCheckId, isolation,
                startId, start, stopReason(), evSilent, powerOffDone, phase == Phase.IDLE && running_ == null ? freeSince : -1);
    }

    // ------------------------------------------------------------------ thread

    /** Runs the controller on its own thread (the service); the stepped bench calls {@link #step()} instead. */
    public ChargeController start() {
        running = true;
        Thread t = new Thread(() -> {
            while (running) {
                try {
                    step();
                    lastError = null;
                } catch (RuntimeException e) {
                    String m = String.valueOf(e);
                    if (!m.equals(lastError)) {
                        LOG.log(Level.SEVERE, "charge controller step failed; power off", e);
                        lastError = m;
                    }
                    trip("charge controller fault: " + e);
                }
                LockSupport.parkNanos(STEP_NANOS);
            }
        }, "charge-controller");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY - 1);
        thread = t;
        t.start();
        return this;
    }

    /**
     * Submits a power-off and waits (bounded) until it finished: current at zero, contactors open.
     * With no thread, {@code stepper} advances time (the stepped bench). Used at shutdown (SIGTERM).
     *
     * @return true when the power-off finished within the bound
     */
    public boolean powerOffAndAwait(String reason, Duration bound, Runnable stepper) {
        long id = nextId();
        submit(new PowerOff(id, reason));
        long end = System.nanoTime() + bound.toNanos();
        while (snapshot.powerOffDone() < id) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            if (thread == null) {
                stepper.run();
            } else {
                LockSupport.parkNanos(1_000_000L);
            }
        }
        return true;
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** For tests: what is queued (names only). */
    synchronized List<String> queued() {
        List<String> l = new ArrayList<>();
        if (running_ != null) {
            l.add(running_.getClass().getSimpleName() + "*");
        }
        pending.forEach(p -> l.add(p.getClass().getSimpleName()));
        return l;
    }
}
