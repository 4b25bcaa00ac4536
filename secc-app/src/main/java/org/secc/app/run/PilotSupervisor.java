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

    /** @param onFault told after the contactors were opened (the charge control ends the session) */
    public PilotSupervisor(Hal hal, LongSupplier clock, Consumer<String> onFault) {
        this.hal = hal;
        this.sm = new CpStateMachine(hal.cpConfig());
        this.clock = clock;
        this.onFault = onFault;
        // ISO 15118-3: 5 % duty = high-level communication required.
        apply(sm.startHlc(clock.getAsLong()));
    }

    private long lastSample = Long.MIN_VALUE;

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
                hal.powerStage().setTarget(PowerTarget.zero(0));
                hal.powerStage().rampToZeroAndDisable();
                hal.contactors().open();
                LOG.warning(() -> "control pilot: " + o.reason() + ": contactors opened");
                onFault.accept("control pilot: " + o.reason());
            } else if (a instanceof CpAction.StateChanged c) {
                LOG.info(() -> "CP state " + c.from() + " -> " + c.to());
                if (c.to() == CpState.A || c.to() == CpState.E || c.to() == CpState.F) {
                    hal.contactors().open();
                    onFault.accept("control pilot: state " + c.to());
                }
            } else if (a instanceof CpAction.DiodeFault f) {
                LOG.warning(() -> "control pilot: diode fault, low level " + f.lowV() + " V");
            } else if (a instanceof CpAction.EvWakeUp w) {
                LOG.info(() -> "control pilot: EV wake-up (" + w.pulses() + " pulses)");
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

    public CpState state() {
        return state;
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
