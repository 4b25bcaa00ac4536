package org.secc.hal.cp;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * IEC 61851-1 control-pilot logic of the EVSE, sans-I/O: measurements, commands and clock ticks go
 * in (all with a monotonic timestamp in nanoseconds), {@link CpAction}s come out. The edge drives
 * the {@link ControlPilot} and the contactors accordingly. Not thread-safe: call from one thread.
 *
 * <p>Safety rules (IEC 61851-1, hal/README.md): entering E or F, a lost pilot, a missing diode, leaving C/D
 * and pausing all emit {@link CpAction.OpenContactors} at once; with 10 ms E/F debounce and 50 ms
 * pilot-loss timeout this stays inside the 100 ms bound.
 */
public final class CpStateMachine {
    private static final Logger LOG = Logger.getLogger(CpStateMachine.class.getName());
    /** BCB toggle: a C pulse of 200–400 ms, accepted with ±50 ms (IEC 61851-1 and ISO 15118-3, hal/README.md). */
    static final long TOGGLE_MIN_NANOS = 150_000_000L;
    static final long TOGGLE_MAX_NANOS = 450_000_000L;
    /** TT_EVSE_vald_toggle: the 1–3 pulses must fit into 3.5 s. */
    static final long TOGGLE_WINDOW_NANOS = 3_500_000_000L;

    private final CpConfig cfg;
    private CpState state = CpState.A;
    private CpState candidate;
    private long candidateSince;
    private long lastMeasurement = Long.MIN_VALUE;
    /** When the caller last fed a measurement or a tick, and when it came back from a stall. */
    private long lastCall = Long.MIN_VALUE;
    private long resumedAt = Long.MIN_VALUE;
    private boolean pilotLost;
    private boolean diodeFault;
    private PilotOutput output = PilotOutput.X1;
    /** A sequence step in progress: drive {@code nextOutput} at {@code nextAt}. */
    private PilotOutput nextOutput;
    private long nextAt;
    private boolean paused;
    private long x1InReadySince = Long.MIN_VALUE;
    private boolean closeRequestedOpen;
    // wake-up toggle detection while paused
    private long toggleWindowStart = Long.MIN_VALUE;
    private long toggleCSince;
    private int togglePulses;

    public CpStateMachine(CpConfig cfg) {
        this.cfg = cfg;
    }

    public CpState state() {
        return state;
    }

    public PilotOutput output() {
        return output;
    }

    public boolean paused() {
        return paused;
    }

    /**
     * Whether the contactors may be closed now: EV in C (or D with ventilation), PWM running, no
     * diode fault, no lost pilot, not paused, no sequence step in progress.
     */
    public boolean closeAllowed() {
        boolean ready = state == CpState.C || (state == CpState.D && cfg.ventilationAvailable());
        return ready && output instanceof PilotOutput.Pwm && !diodeFault && !pilotLost && !paused
                && nextOutput == null;
    }

    /** Feed one ADC measurement. */
    public List<CpAction> onMeasurement(CpMeasurement m) {
        List<CpAction> out = new ArrayList<>();
        long now = m.monotonicNanos();
        lastMeasurement = now;
        pilotLost = false;
        CpState raw = CpThresholds.classifyHigh(m.highV());
        if (output instanceof PilotOutput.Pwm && raw.evConnected()) {
            boolean present = CpThresholds.diodePresent(m.lowV());
            if (!present && !diodeFault) {
                diodeFault = true;
                LOG.warning(() -> "CP diode check failed: low level " + m.lowV() + " V");
                out.add(new CpAction.DiodeFault(m.lowV(), now));
                out.add(new CpAction.OpenContactors("diode fault", now));
            } else if (present) {
                diodeFault = false;
            }
        }
        if (raw == state) {
            candidate = null;
        } else {
            if (raw != candidate) {
                candidate = raw;
                candidateSince = now;
            }
            long need = (raw == CpState.E || raw == CpState.F) ? cfg.faultDebounce().toNanos() : cfg.debounce().toNanos();
            if (now - candidateSince >= need) {
                enter(raw, now, "CP state " + raw, out);
                candidate = null;
            }
        }
        out.addAll(tick(now));
        return out;
    }

    /** Advance time: timeouts, sequence steps, pilot loss. */
    public List<CpAction> tick(long now) {
        List<CpAction> out = new ArrayList<>();
        // Pilot loss is judged on the samples' own timestamps, counted only while the caller runs: when
        // the caller itself stalled (a GC pause, a loaded 2-core board) for more than half the loss
        // timeout, the silence it saw is its own, not the pilot's, and the window starts again now.
        // A real loss (samples stop while the caller keeps polling) still trips after cfg.pilotLost().
        if (lastCall != Long.MIN_VALUE && now - lastCall > cfg.pilotLost().toNanos() / 2) {
            resumedAt = now;
        }
        if (lastCall == Long.MIN_VALUE || now - lastCall > 0) {
            lastCall = now; // a stale sample fed again carries an old time: the caller's clock only moves forward
        }
        long silentSince = resumedAt != Long.MIN_VALUE && resumedAt - lastMeasurement > 0 ? resumedAt : lastMeasurement;
        if (lastMeasurement != Long.MIN_VALUE && !pilotLost
                && now - silentSince > cfg.pilotLost().toNanos()) {
            pilotLost = true;
            LOG.warning("CP measurement lost for more than " + cfg.pilotLost().toMillis() + " ms");
            enter(CpState.E, now, "pilot lost", out);
        }
        if (nextOutput != null && now - nextAt >= 0) {
            PilotOutput o = nextOutput;
            nextOutput = null;
            drive(o, now, out);
        }
        if (x1InReadySince != Long.MIN_VALUE && now - x1InReadySince >= cfg.powerOffInC1().toNanos()) {
            x1InReadySince = Long.MIN_VALUE;
            out.add(new CpAction.OpenContactors("PWM off and EV still in C for "
                    + cfg.powerOffInC1().toSeconds() + " s", now));
        }
        if (paused && toggleWindowStart != Long.MIN_VALUE && now - toggleWindowStart >= TOGGLE_WINDOW_NANOS) {
            int pulses = togglePulses;
            toggleWindowStart = Long.MIN_VALUE;
            togglePulses = 0;
            if (pulses >= 1 && pulses <= 3 && state == CpState.B) {
                paused = false;
                out.add(new CpAction.EvWakeUp(pulses, now));
                drive(new PilotOutput.Pwm(DutyCycle.HLC_PERCENT), now, out);
            }
        }
        return out;
    }

    /** Start high-level communication: 5 % PWM. */
    public List<CpAction> startHlc(long now) {
        List<CpAction> out = new ArrayList<>();
        paused = false;
        nextOutput = null;
        drive(new PilotOutput.Pwm(DutyCycle.HLC_PERCENT), now, out);
        return out;
    }

    /** PWM off (X1): end of session, error shutdown. */
    public List<CpAction> stopPwm(long now) {
        List<CpAction> out = new ArrayList<>();
        nextOutput = null;
        drive(PilotOutput.X1, now, out);
        return out;
    }

    /**
     * Switch from 5 % to nominal PWM for basic charging: through X1 for T_step_X1 when SLAC matched
     * or matching [V2G3-M06-06], otherwise through F for T_step_EF [V2G3-M06-05].
     */
    public List<CpAction> switchToNominal(double amperes, boolean matchedOrMatching, long now) {
        double duty = DutyCycle.forCurrent(amperes);
        List<CpAction> out = new ArrayList<>();
        if (matchedOrMatching) {
            drive(PilotOutput.X1, now, out);
            schedule(new PilotOutput.Pwm(duty), now + cfg.tStepX1().toNanos());
        } else {
            drive(PilotOutput.F, now, out);
            out.add(new CpAction.OpenContactors("E/F step", now));
            schedule(new PilotOutput.Pwm(duty), now + cfg.tStepEf().toNanos());
        }
        return out;
    }

    /**
     * One E/F step of T_step_EF, then {@code after}: the legacy wake-up (IEC 61851-1 A.5.3), the SLAC
     * retry [V2G3-M06-07] and the D-LINK_ERROR recovery [V2G3-M07-04].
     */
    public List<CpAction> stepThroughF(PilotOutput after, long now) {
        List<CpAction> out = new ArrayList<>();
        drive(PilotOutput.F, now, out);
        out.add(new CpAction.OpenContactors("E/F step", now));
        schedule(after, now + cfg.tStepEf().toNanos());
        return out;
    }

    /** HLC pause: X1, contactors open and closing blocked until a wake-up (IEC 61851-1 and ISO 15118-3, hal/README.md). */
    public List<CpAction> pause(long now) {
        List<CpAction> out = new ArrayList<>();
        paused = true;
        nextOutput = null;
        toggleWindowStart = Long.MIN_VALUE;
        togglePulses = 0;
        out.add(new CpAction.OpenContactors("pause", now));
        drive(PilotOutput.X1, now, out);
        x1InReadySince = Long.MIN_VALUE; // already opened for the pause
        return out;
    }

    /** EVSE-side wake-up of a paused session: 5 % PWM on again. */
    public List<CpAction> wakeUp(long now) {
        return startHlc(now);
    }

    private void schedule(PilotOutput o, long at) {
        nextOutput = o;
        nextAt = at;
    }

    private void drive(PilotOutput o, long now, List<CpAction> out) {
        boolean wasPwm = output instanceof PilotOutput.Pwm;
        output = o;
        out.add(new CpAction.DrivePilot(o));
        if (!(o instanceof PilotOutput.Pwm)) {
            diodeFault = false;
        }
        if (wasPwm && o instanceof PilotOutput.X1 && state.evReady() && !paused) {
            x1InReadySince = now;
        } else if (o instanceof PilotOutput.Pwm) {
            x1InReadySince = Long.MIN_VALUE;
        }
    }

    private void enter(CpState to, long now, String reason, List<CpAction> out) {
        CpState from = state;
        if (from == to) {
            return;
        }
        state = to;
        LOG.info(() -> "CP " + from + " -> " + to + " (" + reason + ")");
        out.add(new CpAction.StateChanged(from, to, now));
        if (to == CpState.E || to == CpState.F || to == CpState.A) {
            out.add(new CpAction.OpenContactors(reason, now));
            if (to == CpState.E || to == CpState.A) {
                // Entering E: PWM off (X1); unplug: PWM off (IEC 61851-1, hal/README.md)
                if (!(output instanceof PilotOutput.X1) && !(output instanceof PilotOutput.F)) {
                    nextOutput = null;
                    drive(PilotOutput.X1, now, out);
                }
                x1InReadySince = Long.MIN_VALUE;
            }
        } else if (from.evReady() && !to.evReady()) {
            out.add(new CpAction.OpenContactors("EV left " + from, now));
            x1InReadySince = Long.MIN_VALUE;
        } else if (to == CpState.D && !cfg.ventilationAvailable()) {
            out.add(new CpAction.OpenContactors("state D without ventilation", now));
        }
        if (paused) {
            trackToggle(from, to, now);
        }
    }

    private void trackToggle(CpState from, CpState to, long now) {
        if (from == CpState.B && to == CpState.C) {
            if (toggleWindowStart == Long.MIN_VALUE) {
                toggleWindowStart = now;
            }
            toggleCSince = now;
        } else if (from == CpState.C && to == CpState.B && toggleWindowStart != Long.MIN_VALUE) {
            long width = now - toggleCSince;
            if (width >= TOGGLE_MIN_NANOS && width <= TOGGLE_MAX_NANOS) {
                togglePulses++;
            } else {
                togglePulses = 99; // invalid pulse: the window yields no wake-up
            }
        }
    }
}
