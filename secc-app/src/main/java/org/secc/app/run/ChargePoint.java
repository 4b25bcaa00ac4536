package org.secc.app.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.secc.app.charge.ChargeSettings;
import org.secc.app.charge.HalChargeControl;
import org.secc.app.charge.Waiter;
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
import org.secc.hal.power.PowerTarget;

/**
 * One charge point's hardware side, wired: HAL, grid safety supervisor, discharge policy and the
 * {@link HalChargeControl} the sessions use. The supervisor acts on the HAL directly (stage to zero,
 * contactors open) and only then tells the charge control (facts 8.4).
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
    private volatile GridStatus inlineStatus;
    private volatile long lastOpenCommandNanos = -1;

    /**
     * @param monitorClock the clock the grid monitor stamps its samples with (the bench clock in
     *                     simulation, System::nanoTime on hardware)
     * @param nanos        the control clock (policy steps, energy integration)
     */
    public ChargePoint(Hal hal, Policy initial, ChargeSettings settings, LongSupplier monitorClock, LongSupplier nanos, Waiter waiter,
            SupervisorMode mode) {
        this.hal = hal;
        this.policy = new PolicyEngine(initial);
        TripActuator actuator = new TripActuator() {
            @Override
            public void powerToZero() {
                hal.powerStage().setTarget(PowerTarget.zero(0));
                hal.powerStage().rampToZeroAndDisable();
            }

            @Override
            public void openContactors() {
                hal.contactors().open();
                lastOpenCommandNanos = System.nanoTime();
            }
        };
        HalChargeControl[] holder = new HalChargeControl[1];
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
        this.pilot = new PilotSupervisor(hal, monitorClock, reason -> {
            if (holder[0] != null) {
                holder[0].pilotFault(reason);
            }
        });
        this.charge = new HalChargeControl(hal, settings, policy, this::gridStatus, nanos, waiter, pilot::closeAllowed);
        holder[0] = charge;
        if (mode == SupervisorMode.THREAD) {
            pilot.start();
        }
        if (runner != null) {
            runner.start();
        } else if (inline != null) {
            actuator.powerToZero();
            actuator.openContactors();
        }
    }

    private void inlineSample(GridSample s, TripActuator actuator, HalChargeControl c) {
        try {
            TripRecord t = inline.onSample(s);
            if (t != null) {
                try {
                    actuator.powerToZero();
                } finally {
                    actuator.openContactors();
                }
                LOG.warning(t.toString());
                onTrip(t, c);
            }
            inlineStatus = inline.status();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "grid supervisor fault; ceasing to energize", e);
            actuator.powerToZero();
            actuator.openContactors();
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

    @Override
    public void close() {
        pilot.close();
        if (runner != null) {
            try {
                runner.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        charge.powerOffAndOpenContactors("charge point shut down");
        hal.close();
    }
}
