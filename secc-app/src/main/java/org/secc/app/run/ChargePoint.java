package org.secc.app.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.secc.app.charge.ChargeController;
import org.secc.app.charge.ChargeSettings;
import org.secc.app.charge.HalChargeControl;
import org.secc.app.grid.GridSafetySupervisor;
import org.secc.app.grid.GridStatus;
import org.secc.app.grid.SupervisorRunner;
import org.secc.app.grid.TripActuator;
import org.secc.app.grid.TripRecord;
import org.secc.app.policy.Policy;
import org.secc.app.policy.PolicyEngine;
import org.secc.common.systemd.Liveness;
import org.secc.hal.config.Hal;
import org.secc.hal.grid.GridSample;

/**
 * One charge point's hardware side, wired: HAL, grid safety supervisor, discharge policy and the
 * {@link HalChargeControl} the sessions use. The supervisor acts on the HAL directly (stage to zero,
 * contactors open) and only then tells the charge control (secc-app/README-grid.md, "Public API for the later steps").
 *
 * <p>The control pilot is supervised by {@link PilotSupervisor} (IEC 61851-1: E/F and a lost pilot open
 * the contactors, which close only in C/D). The grid supervisor runs on its own thread ({@link SupervisorMode#THREAD}, production and the real-time
 * bench) or inline on the grid monitor's thread ({@link SupervisorMode#INLINE}, deterministic tests
 * on the stepped bench). Without a grid code there is no supervisor and the policy allows no
 * discharge.
 */
public final class ChargePoint implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChargePoint.class.getName());

    public enum SupervisorMode { THREAD, INLINE }

    private final Hal hal;
    private final PolicyEngine policy;
    private final HalChargeControl charge;
    private final SupervisorRunner runner;
    private final GridSafetySupervisor inline;
    private final List<TripRecord> trips = new CopyOnWriteArrayList<>();
    private final PilotSupervisor pilot;
    private final SupervisorMode mode;
    private final ChargeController controller;
    private final java.util.concurrent.ExecutorService stageZeroExecutor;
    private final TripActuator actuator;
    private final EmergencyStopWatch estop;
    private volatile GridStatus inlineStatus;
    private volatile long lastOpenCommandNanos = -1;

    /**
     * @param monitorClock the clock the grid monitor stamps its samples with (the bench clock in
     *                     simulation, System::nanoTime on hardware)
     * @param nanos        the control clock (policy steps, energy integration)
     */
    public ChargePoint(Hal hal, Policy initial, ChargeSettings settings, LongSupplier monitorClock, LongSupplier nanos,
            SupervisorMode mode) {
        this.hal = hal;
        this.mode = mode;
        this.policy = new PolicyEngine(initial);
        HalChargeControl[] holder = new HalChargeControl[1];
        this.pilot = new PilotSupervisor(hal, monitorClock, reason -> {
            if (holder[0] != null) {
                holder[0].pilotFault(reason);
            }
        });
        if (mode == SupervisorMode.THREAD) {
            stageZeroExecutor = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "stage-zero");
                t.setDaemon(true);
                t.setPriority(Thread.MAX_PRIORITY);
                return t;
            });
        } else {
            stageZeroExecutor = null;
        }
        this.controller = new ChargeController(hal, nanos, pilot::closeAllowed, settings.insulationFaultOhm(), settings.evSilenceRamp(),
                stageZeroExecutor != null ? stageZeroExecutor : Runnable::run);
        pilot.stageZero(controller::zeroStageAsync);
        // Safety (grid trip): contactors open at once through the local GPIO; the stage is commanded to
        // zero concurrently on its own thread, never in front of the opening (a Modbus exchange may take
        // its whole timeout).
        TripActuator actuator = new TripActuator() {
            @Override
            public void powerToZero() {
                controller.zeroStageAsync();
            }

            @Override
            public void openContactors() {
                hal.contactors().open();
                lastOpenCommandNanos = System.nanoTime();
            }
        };
        this.actuator = actuator;
        if (initial.gridCode() == null) {
            runner = null;
            inline = null;
        } else if (mode == SupervisorMode.THREAD) {
            inline = null;
            runner = new SupervisorRunner(new GridSafetySupervisor(initial.gridCode(), monitorClock.getAsLong()), actuator,
                    t -> onTrip(t, holder[0]), monitorClock);
            hal.gridMonitor().addListener(runner::offer);
        } else {
            runner = null;
            inline = new GridSafetySupervisor(initial.gridCode(), monitorClock.getAsLong());
            inlineStatus = inline.status();
            hal.gridMonitor().addListener(s -> inlineSample(s, actuator, holder[0]));
        }
        this.charge = new HalChargeControl(hal, settings, policy, this::gridStatus, nanos, controller);
        holder[0] = charge;
        this.estop = new EmergencyStopWatch(hal.emergencyStop(), controller, hal.contactors());
        if (mode == SupervisorMode.THREAD) {
            pilot.start();
            estop.start();
            controller.start();
        }
        if (runner != null) {
            runner.start();
        } else if (inline != null) {
            actuator.openContactors();
            actuator.powerToZero();
        }
    }

    /**
     * The stepped bench's poll after each bench step (what the threads do in the service): the pilot,
     * the emergency-stop input, the charge controller.
     */
    public void pollInline() {
        pilot.pollOnce();
        estop.pollOnce();
        controller.step();
    }

    public ChargeController controller() {
        return controller;
    }

    public EmergencyStopWatch emergencyStopWatch() {
        return estop;
    }

    private void inlineSample(GridSample s, TripActuator actuator, HalChargeControl c) {
        try {
            TripRecord t = inline.onSample(s);
            if (t != null) {
                try {
                    actuator.openContactors();
                } finally {
                    actuator.powerToZero();
                }
                LOG.warning(t.toString());
                onTrip(t, c);
            }
            inlineStatus = inline.status();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "grid supervisor fault; ceasing to energize", e);
            actuator.openContactors();
            actuator.powerToZero();
        }
    }

    private void onTrip(TripRecord t, HalChargeControl c) {
        trips.add(t);
        if (c != null) {
            c.onTrip(t);
        }
    }

    /** The supervisor's status, or null without a grid code. */
    public GridStatus gridStatus() {
        return runner != null ? runner.status() : inline != null ? inlineStatus : null;
    }

    public Hal hal() {
        return hal;
    }

    public PolicyEngine policy() {
        return policy;
    }

    public HalChargeControl charge() {
        return charge;
    }

    /**
     * Registers the supervisor threads with the service's systemd watchdog: the keep-alive stops
     * when one of them stops looping. 2 s is far above their loop periods (2 ms for the pilot, a
     * quarter of the grid sample timeout) plus a GC pause, and below the unit's WatchdogSec.
     */
    public void registerLiveness(Liveness liveness) {
        pilot.heartbeat(liveness.register("control-pilot", SUPERVISOR_MAX_SILENCE));
        if (runner != null) {
            runner.heartbeat(liveness.register("grid-supervisor", SUPERVISOR_MAX_SILENCE));
        }
    }

    static final java.time.Duration SUPERVISOR_MAX_SILENCE = java.time.Duration.ofSeconds(2);

    /** The control-pilot supervisor; with {@link SupervisorMode#INLINE} the caller polls it after each bench step. */
    public PilotSupervisor pilot() {
        return pilot;
    }

    public List<TripRecord> trips() {
        return List.copyOf(trips);
    }

    /** System.nanoTime of the last contactor-open command from the supervisor (trip latency measurements). */
    public long lastOpenCommandNanos() {
        return lastOpenCommandNanos;
    }

    /**
     * Shutdown (SIGTERM, end of a test): first the ordered power-off (current to zero, confirmed or
     * bounded, then contactors open), logged; only then the supervisors stop, whose own stop opens
     * the contactors as a last resort, and the HAL closes.
     */
    @Override
    public void close() {
        var before = hal.powerStage().present();
        LOG.info(() -> String.format(java.util.Locale.ROOT, "shutdown: power off first (%.1f A flowing), then contactors open",
                before.currentA()));
        boolean done = controller.powerOffAndAwait("charge point shut down", POWER_OFF_BOUND, () -> {
            hal.bench().ifPresent(b -> b.step(java.time.Duration.ofMillis(1)));
            pollInline();
        });
        if (!done) {
            LOG.warning("shutdown: the power-off did not finish within " + POWER_OFF_BOUND.toMillis() + " ms; opening the contactors now");
        }
        estop.close();
        pilot.close();
        if (runner != null) {
            try {
                runner.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        controller.close();
        if (stageZeroExecutor != null) {
            stageZeroExecutor.shutdown();
        }
        hal.close();
        LOG.info("shutdown: contactors open, hardware released");
    }

    /** The longest a shutdown waits for the ordered power-off (ramp 1 s + contactor confirmation). */
    static final java.time.Duration POWER_OFF_BOUND = java.time.Duration.ofSeconds(3);
}
