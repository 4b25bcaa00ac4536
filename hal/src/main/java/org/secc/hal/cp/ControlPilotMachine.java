package org.secc.hal.cp;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * IEC 61851-1 control pilot, sans I/O: measured plateau voltages and commands in, pilot outputs and
 * safety actions out, with a monotonic nanosecond time on every call. The edge samples the pilot
 * (high level, and low level while PWM runs), applies {@link CpAction.SetOutput}, and acts on
 * {@link CpAction.OpenContactors} without asking anyone.
 *
 * <p>Safety first: E (0 V, shorted or lost pilot) counts at the first sample and a missing sample
 * stream counts as a lost pilot after {@link CpConfig#sampleTimeout()}; C/D → B and every other state
 * count after {@link CpConfig#debounce()}. Both bounds keep "open the contactors" within the 100 ms
 * of facts sheet 1.3.
 */
public final class ControlPilotMachine {
    private static final Logger LOG = Logger.getLogger(ControlPilotMachine.class.getName());
    private static final long NONE = Long.MAX_VALUE;
    private static final long TOGGLE_MIN_NS = 150_000_000L; // 200-400 ms ±50 ms (EVerest's tolerance)
    private static final long TOGGLE_MAX_NS = 450_000_000L;

    private final CpConfig cfg;
    private List<CpAction> out = new ArrayList<>();

    private PilotOutput output = PilotOutput.X1;
    /** Output to apply after a timed E/F or X1 step, or null when no step runs. */
    private PilotOutput afterStep;
    private long stepEnd = NONE;
    private boolean faultF; // F held until clearFault

    private CpState state = CpState.A;
    private boolean known;
    private CpState candidate;
    private long candidateSince;
    private long lastSample = NONE;
    private boolean lost;
    private boolean diodeFault;
    private long diodeSince = NONE;

    private long pwmOffInCSince = NONE;
    private long fSince = NONE;
    private boolean unlockSent;
    private long toggleCStart = NONE;

    public ControlPilotMachine(CpConfig cfg) {
        this.cfg = cfg;
    }

    // ---- commands ----

    /** Power-up: +12 V (X1); the state is known after the first samples. */
    public List<CpAction> start(long now) {
        output = PilotOutput.X1;
        out.add(new CpAction.SetOutput(output));
        lastSample = now;
        return drain();
    }

    /** 5 %: digital communication required (always for DC; AC with ISO 15118). Also the EVSE's wake-up. */
    public List<CpAction> applyHlc(long now) {
        request(new PilotOutput.Pwm(DutyCycle.HLC_PERCENT), now);
        return drain();
    }

    /**
     * Nominal PWM for {@code amps}. From 5 %, ISO 15118-3 asks for a step first: through X1 for
     * T_step_X1 when matching ran ([V2G3-M06-06]), through E/F for T_step_EF when it never started
     * ([V2G3-M06-05], [V2G3-M06-08]).
     */
    public List<CpAction> applyNominal(long now, double amps, boolean matchingStarted) {
        PilotOutput nominal = new PilotOutput.Pwm(DutyCycle.forCurrent(amps));
        boolean fromHlc = output instanceof PilotOutput.Pwm p && p.dutyPercent() == DutyCycle.HLC_PERCENT;
        if (faultF) {
            afterStep = nominal; // applied when the fault is cleared
        } else if (fromHlc && matchingStarted) {
            step(PilotOutput.X1, cfg.stepX1().toNanos(), nominal, now);
        } else if (fromHlc) {
            step(PilotOutput.F, cfg.stepEf().toNanos(), nominal, now);
        } else {
            request(nominal, now);
        }
        return drain();
    }

    /** Oscillator off (X1): pause, end of session, or before nominal. The EV should go to B. */
    public List<CpAction> pwmOff(long now) {
        request(PilotOutput.X1, now);
        return drain();
    }

    /**
     * E/F for T_step_EF, then back to the current output: the retry when no SLAC started
     * ([V2G3-M06-07]) or after a D-LINK_ERROR ([V2G3-M07-04]).
     */
    public List<CpAction> stepEf(long now) {
        PilotOutput back = afterStep != null ? afterStep : output;
        step(PilotOutput.F, cfg.stepEf().toNanos(), back, now);
        return drain();
    }

    /** The charger is not available: F until {@link #clearFault(long)}. */
    public List<CpAction> fault(long now, String reason) {
        faultF = true;
        afterStep = null;
        stepEnd = NONE;
        enterF(now, "charger fault: " + reason);
        return drain();
    }

    public List<CpAction> clearFault(long now) {
        if (faultF) {
            faultF = false;
            fSince = NONE;
            PilotOutput next = afterStep != null ? afterStep : PilotOutput.X1;
            afterStep = null;
            lastSample = now;
            setOutput(next);
            known = false; // the EV's level is measured afresh
            candidate = null;
        }
        return drain();
    }

    // ---- inputs ----

    /**
     * One measurement: the high plateau (the level while the oscillator is high, or the DC level in
     * X1) and the low plateau ({@link Double#NaN} when not measured, e.g. in X1).
     */
    public List<CpAction> onSample(long now, double highV, double lowV) {
        lastSample = now;
        if (lost) {
            lost = false;
            LOG.info("pilot samples are back");
        }
        if (output instanceof PilotOutput.F) {
            return drain(); // we drive −12 V: the EV's level cannot be read
        }
        CpState measured = classify(highV);
        if (measured == CpState.E) {
            candidate = null;
            adopt(CpState.E, now, "pilot at " + String.format("%.1f", highV) + " V (state E)");
        } else if (!known || measured != state) {
            if (candidate != measured) {
                candidate = measured;
                candidateSince = now;
            }
            if (now - candidateSince >= cfg.debounce().toNanos()) {
                candidate = null;
                adopt(measured, now, null);
            }
        } else {
            candidate = null;
        }
        diodeCheck(now, lowV);
        return drain();
    }

    public List<CpAction> onTick(long now) {
        // while the charger drives F the EV cannot be read and power is off: no watchdog
        boolean watching = !(output instanceof PilotOutput.F);
        if (watching && lastSample != NONE && !lost && now - lastSample >= cfg.sampleTimeout().toNanos()) {
            lost = true;
            candidate = null;
            adopt(CpState.E, now, "pilot lost: no sample for " + cfg.sampleTimeout().toMillis() + " ms");
        }
        if (stepEnd != NONE && now - stepEnd >= 0) {
            stepEnd = NONE;
            PilotOutput next = afterStep;
            afterStep = null;
            if (next != null && !faultF) {
                fSince = NONE;
                lastSample = now; // the EV's level is read again from now on
                setOutput(next);
                known = false;
                candidate = null;
                out.add(new CpAction.StepDone(next));
            }
        }
        if (pwmOffInCSince != NONE && now - pwmOffInCSince >= cfg.pwmOffInCTimeout().toNanos()) {
            pwmOffInCSince = NONE;
            open("EV stays in " + state + " " + cfg.pwmOffInCTimeout().toSeconds() + " s after PWM off");
        }
        if (fSince != NONE && !unlockSent && now - fSince >= cfg.unlockAfterF().toNanos()) {
            unlockSent = true;
            out.add(new CpAction.UnlockAllowed());
        }
        return drain();
    }

    /** When {@link #onTick(long)} is due next. */
    public long deadline() {
        long d = NONE;
        if (lastSample != NONE && !lost && !(output instanceof PilotOutput.F)) {
            d = Math.min(d, lastSample + cfg.sampleTimeout().toNanos());
        }
        d = Math.min(d, stepEnd);
        if (pwmOffInCSince != NONE) {
            d = Math.min(d, pwmOffInCSince + cfg.pwmOffInCTimeout().toNanos());
        }
        if (fSince != NONE && !unlockSent) {
            d = Math.min(d, fSince + cfg.unlockAfterF().toNanos());
        }
        return d;
    }

    /** The debounced state; F while the charger drives F. */
    public CpState state() {
        return output instanceof PilotOutput.F ? CpState.F : state;
    }

    public PilotOutput output() {
        return output;
    }

    public boolean pilotLost() {
        return lost;
    }

    public boolean diodeFault() {
        return diodeFault;
    }

    /** Whether the pilot allows energy now: EV in C (D needs ventilation, not offered), PWM running, no diode fault, pilot present. */
    public boolean energyAllowed() {
        return known && state == CpState.C && output instanceof PilotOutput.Pwm && !diodeFault && !lost;
    }

    // ---- internals ----

    CpState classify(double v) {
        if (v >= cfg.aMinV()) {
            return CpState.A;
        }
        if (v >= cfg.bMinV()) {
            return CpState.B;
        }
        if (v >= cfg.cMinV()) {
            return CpState.C;
        }
        if (v >= cfg.dMinV()) {
            return CpState.D;
        }
        return CpState.E;
    }

    private void adopt(CpState next, long now, String reasonForE) {
        CpState prev = state;
        boolean wasKnown = known;
        known = true;
        if (wasKnown && prev == next) {
            return;
        }
        state = next;
        out.add(new CpAction.StateChanged(wasKnown ? prev : null, next));
        if (next == CpState.E) {
            // power off at once and PWM off (facts sheet 1.3: entering E)
            open(reasonForE);
            setOutput(PilotOutput.X1);
            afterStep = null;
            stepEnd = NONE;
        } else if (next == CpState.A) {
            if (wasKnown && prev != CpState.A) {
                open("EV unplugged");
            }
            setOutput(PilotOutput.X1);
            afterStep = null;
            stepEnd = NONE;
            diodeFault = false;
        } else if (next == CpState.B && wasKnown && prev.evReady()) {
            open("EV went from " + prev + " to B"); // ≤ 100 ms (Seq. 8.1)
        } else if (next == CpState.D) {
            // ventilation is not offered by this charger: no energy in D (facts sheet 1.1)
            open("EV asks for ventilation (state D), which this charger does not provide");
        }
        // B→C→B pulse while in X1: the EV's wake-up toggle
        if (output instanceof PilotOutput.X1 && wasKnown) {
            if (prev == CpState.B && next == CpState.C) {
                toggleCStart = now;
            } else if (prev == CpState.C && next == CpState.B && toggleCStart != NONE) {
                long len = now - toggleCStart;
                toggleCStart = NONE;
                if (len >= TOGGLE_MIN_NS && len <= TOGGLE_MAX_NS) {
                    out.add(new CpAction.WakeUpRequested());
                }
            }
        }
        updatePwmOffInC(now);
    }

    private void diodeCheck(long now, double lowV) {
        boolean check = output instanceof PilotOutput.Pwm && known && state.evConnected() && !Double.isNaN(lowV);
        boolean bad = check && lowV > cfg.diodeMaxLowV();
        if (!bad) {
            diodeSince = NONE;
            if (check && diodeFault) {
                diodeFault = false;
                LOG.info("diode check passes again");
            }
            return;
        }
        if (diodeSince == NONE) {
            diodeSince = now;
        }
        if (!diodeFault && now - diodeSince >= cfg.debounce().toNanos()) {
            diodeFault = true;
            out.add(new CpAction.DiodeFault(lowV));
            open("diode check failed: low level " + String.format("%.1f", lowV) + " V");
        }
    }

    private void request(PilotOutput next, long now) {
        if (faultF) {
            afterStep = next;
            return;
        }
        if (stepEnd != NONE) {
            afterStep = next; // the step runs its full time; then this applies
            return;
        }
        setOutput(next);
        updatePwmOffInC(now);
    }

    private void step(PilotOutput during, long nanos, PilotOutput after, long now) {
        if (faultF) {
            afterStep = after;
            return;
        }
        afterStep = after;
        stepEnd = now + nanos;
        if (during instanceof PilotOutput.F) {
            enterF(now, "E/F step");
        } else {
            setOutput(during);
            updatePwmOffInC(now);
        }
    }

    private void enterF(long now, String why) {
        setOutput(PilotOutput.F);
        fSince = now;
        unlockSent = false;
        pwmOffInCSince = NONE;
        open(why);
    }

    private void updatePwmOffInC(long now) {
        boolean pwmOffWithEvReady = output instanceof PilotOutput.X1 && known && state.evReady();
        if (pwmOffWithEvReady && pwmOffInCSince == NONE) {
            pwmOffInCSince = now;
        } else if (!pwmOffWithEvReady) {
            pwmOffInCSince = NONE;
        }
    }

    private void setOutput(PilotOutput next) {
        if (!next.equals(output)) {
            output = next;
            out.add(new CpAction.SetOutput(next));
        }
    }

    private void open(String reason) {
        LOG.info(() -> "open contactors: " + reason);
        out.add(new CpAction.OpenContactors(reason));
    }

    private List<CpAction> drain() {
        if (out.isEmpty()) {
            return List.of();
        }
        List<CpAction> r = out;
        out = new ArrayList<>();
        return r;
    }
}
