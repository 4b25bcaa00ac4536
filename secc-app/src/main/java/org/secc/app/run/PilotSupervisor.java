package org.secc.app.run;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import org.secc.common.systemd.Heartbeat;
import org.secc.hal.config.Hal;
import org.secc.hal.cp.CpAction;
import org.secc.hal.cp.CpState;
import org.secc.hal.cp.CpStateMachine;
import org.secc.hal.cp.PilotOutput;
import org.secc.hal.power.PowerTarget;

/**
 * The edge of the IEC 61851-1 control-pilot state machine: polls the pilot measurement, feeds the
 * state machine and carries out what it asks. E, F, a lost pilot, a diode fault and leaving C/D open
 * the contactors here, directly through the HAL (the bound is 100 ms; a poll period of 2 ms plus the
 * 10 ms fault debounce keeps it far below), and only then tell the charge control, which ends the
 * session. Whether contactors may close at all ({@link #closeAllowed()}) is the state machine's rule:
 * EV in C (or D with ventilation), PWM on, no fault.
 *
 * <p>{@link #pollOnce()} is the whole step; {@link #start()} runs it on its own thread for the
 * real-time service, the stepped bench calls it after each step.
 */
public final class PilotSupervisor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PilotSupervisor.class.getName());
    static final long POLL_NANOS = 2_000_000L;

    private final Hal hal;
    private final CpStateMachine sm;
    private final LongSupplier clock;
    private final Consumer<String> onFault;
    private volatile CpState state = CpState.A;
    private volatile boolean closeAllowed;
    private volatile boolean running;
    private volatile Heartbeat heartbeat = Heartbeat.NONE;
    private Thread thread;
    private volatile Runnable stageZero;
    /** The connector lifecycle, told every pilot state change and EV wake-up; it then drives the pilot. */
    private volatile Consumer<CpAction> lifecycle;
    /** A pause the lifecycle asked for is running (its contactor opening is no fault). */
    private boolean planned;

    /** @param onFault told after the contactors were opened (the charge control ends the session) */
    public PilotSupervisor(Hal hal, LongSupplier clock, Consumer<String> onFault) {
        this.hal = hal;
        this.sm = new CpStateMachine(hal.cpConfig());
        this.clock = clock;
        this.onFault = onFault;
        this.stageZero = () -> {
            hal.powerStage().setTarget(PowerTarget.zero(0));
            hal.powerStage().rampToZeroAndDisable();
        };
        // ISO 15118-3: 5 % duty = high-level communication required.
        apply(sm.startHlc(clock.getAsLong()));
    }

    private long lastSample = Long.MIN_VALUE;
    private volatile long lastOpenCommandNanos = -1;

    /** System.nanoTime just after the pilot's last contactor-open command (latency measurements). */
    public long lastOpenCommandNanos() {
        return lastOpenCommandNanos;
    }

    public synchronized void pollOnce() {
        var m = hal.controlPilot().measure();
        // A sample that did not advance is no new measurement: only time passes, so the state
        // machine's watchdog sees a lost pilot.
        if (m != null && m.monotonicNanos() != lastSample) {
            lastSample = m.monotonicNanos();
            apply(sm.onMeasurement(m));
        }
        apply(sm.tick(clock.getAsLong()));
    }

    private void apply(List<CpAction> actions) {
        for (CpAction a : actions) {
            if (a instanceof CpAction.DrivePilot d) {
                drive(d.output());
            } else if (a instanceof CpAction.OpenContactors o) {
                // Contactors first (local GPIO); the stage goes to zero concurrently, never in front of
                // the opening (a Modbus stage may take its whole timeout).
                var before = hal.contactors().state();
                hal.contactors().open();
                lastOpenCommandNanos = System.nanoTime();
                stageZero.run();
                boolean wereOpen = !before.commandedClosed() && !before.mirrorClosed();
                if (wereOpen && sm.state() == CpState.A) {
                    // An ordinary unplug after the session's power-off: nothing was interrupted, so no
                    // warning; the session (if any is left) still ends through onFault.
                    LOG.info(() -> "control pilot: EV unplugged (" + o.reason() + "), contactors were open");
                    onFault.accept("control pilot: " + o.reason());
                } else if (planned) {
                    // the session paused first: the open contactors are the pause's, not a fault to report
                    LOG.info(() -> "control pilot: " + o.reason() + ": contactors open, closing blocked until a wake-up");
                } else {
                    LOG.warning(() -> "control pilot: " + o.reason() + ": contactors opened");
                    onFault.accept("control pilot: " + o.reason());
                }
            } else if (a instanceof CpAction.StateChanged c) {
                LOG.info(() -> "CP state " + c.from() + " -> " + c.to());
                if (c.to() == CpState.A || c.to() == CpState.E || c.to() == CpState.F) {
                    hal.contactors().open();
                    lastOpenCommandNanos = System.nanoTime();
                    onFault.accept("control pilot: state " + c.to());
                }
                Consumer<CpAction> l = lifecycle;
                if (l != null) {
                    l.accept(c);
                } else if (!c.from().evConnected() && c.to().evConnected()) {
                    // Without a lifecycle (the stepped bench, the demo): every plug-in and every recovery
                    // from E/F restores the 5 % (ISO 15118-3), so the next session can be powered.
                    LOG.info(() -> "control pilot: EV in " + c.to() + ", 5 % PWM");
                    apply(sm.startHlc(c.monotonicNanos()));
                }
            } else if (a instanceof CpAction.DiodeFault f) {
                LOG.warning(() -> "control pilot: diode fault, low level " + f.lowV() + " V");
            } else if (a instanceof CpAction.EvWakeUp w) {
                LOG.info(() -> "control pilot: EV wake-up (" + w.pulses() + " pulses)");
                Consumer<CpAction> l = lifecycle;
                if (l != null) {
                    l.accept(w);
                }
            }
        }
        state = sm.state();
        closeAllowed = sm.closeAllowed();
    }

    private void drive(PilotOutput o) {
        if (o instanceof PilotOutput.Pwm p) {
            hal.controlPilot().setPwmDuty(p.dutyPercent());
        } else if (o instanceof PilotOutput.X1) {
            hal.controlPilot().setX1();
        } else if (o instanceof PilotOutput.F) {
            hal.controlPilot().setF();
        } else {
            hal.controlPilot().off();
        }
    }

    /** Where "stage to zero" runs after a pilot fault opened the contactors (the charge controller's stage executor). */
    public void stageZero(Runnable r) {
        this.stageZero = r;
    }

    public CpState state() {
        return state;
    }

    /**
     * Hands the pilot's drive to a connector lifecycle: it is told every state change and wake-up (on
     * the pilot's thread: it must only queue them) and commands the outputs through the methods below.
     */
    public void attach(Consumer<CpAction> lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** 5 % PWM: high-level communication (ISO 15118-3). */
    public synchronized void hlc() {
        apply(sm.startHlc(clock.getAsLong()));
    }

    /** X1: +12 V, no PWM. */
    public synchronized void x1() {
        apply(sm.stopPwm(clock.getAsLong()));
    }

    /** E/F for T_step_EF, then 5 % [V2G3-M06-07]. */
    public synchronized void stepThroughF() {
        apply(sm.stepThroughF(new org.secc.hal.cp.PilotOutput.Pwm(org.secc.hal.cp.DutyCycle.HLC_PERCENT), clock.getAsLong()));
    }

    /** Nominal duty cycle for basic charging [V2G3-M06-05], [V2G3-M06-06]. */
    public synchronized void nominal(double amperes, boolean matchedOrMatching) {
        apply(sm.switchToNominal(amperes, matchedOrMatching, clock.getAsLong()));
    }

    /** HLC pause: X1, closing blocked until a wake-up (after the session paused: not a fault). */
    public synchronized void pause() {
        planned = true;
        try {
            apply(sm.pause(clock.getAsLong()));
        } finally {
            planned = false;
        }
    }

    /** The charger wakes a paused EV: 5 % again. */
    public synchronized void wakeUp() {
        apply(sm.wakeUp(clock.getAsLong()));
    }

    /** IEC 61851-1: the contactors may close only now. */
    public boolean closeAllowed() {
        return closeAllowed;
    }

    /** The polling thread ticks it every poll (the service's systemd watchdog judges it). */
    public void heartbeat(Heartbeat h) {
        heartbeat = h;
    }

    public PilotSupervisor start() {
        running = true;
        thread = new Thread(() -> {
            // a safety path (E/F, pilot loss, diode fault open the contactors): under SCHED_FIFO where
            // permitted, so that a busy process neither delays the opening nor stalls the sampling
            org.secc.hal.linux.RealtimeScheduling.fifoForCurrentThread(org.secc.hal.linux.RealtimeScheduling.SAFETY_PRIORITY,
                    "control-pilot thread");
            while (running) {
                heartbeat.tick();
                try {
                    pollOnce();
                } catch (RuntimeException e) {
                    // A failing pilot read is a lost pilot: the state machine's watchdog opens the contactors.
                    LOG.severe("control pilot read failed: " + e);
                }
                try {
                    Thread.sleep(POLL_NANOS / 1_000_000L);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "control-pilot");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
        return this;
    }

    @Override
    public void close() {
        running = false;
        heartbeat.close();
        if (thread != null) {
            thread.interrupt();
        }
    }
}
