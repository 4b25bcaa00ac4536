package org.secc.app.grid;

import java.util.Locale;
import org.secc.hal.grid.GridSample;

/**
 * Sans-I/O core of the grid safety supervisor (IEEE 1547-2018, secc-app/README-grid.md). Feed it every
 * {@link GridSample} in order ({@link #onSample}) and a periodic {@link #onTick} for the sample watchdog;
 * it decides trips, tracks enter-service and the ramp, and computes frequency-watt. Time is only what
 * the samples carry (monotonic nanos). Not thread-safe: one thread owns it (see {@link SupervisorRunner}).
 *
 * <p>The per-sample path allocates nothing; a trip allocates one {@link TripRecord}.
 */
public final class GridSafetySupervisor {
    /** Operating state towards the grid. */
    public enum State {
        /** Not energizing; waiting for V and f to stay in the enter-service window for the delay. */
        WAITING_TO_ENTER_SERVICE,
        /** Tripped; the enter-service timer runs as in WAITING but the last trip is reported. */
        TRIPPED,
        /** Entered service; the power limit ramps up. */
        RAMPING,
        IN_SERVICE
    }

    private static final int ROCOF_CAPACITY = 4096;
    private static final TripFunction[] VF = {TripFunction.OV2, TripFunction.OV1, TripFunction.UV1,
            TripFunction.UV2, TripFunction.OF2, TripFunction.OF1, TripFunction.UF1, TripFunction.UF2};

    private final GridCode code;
    private State state = State.WAITING_TO_ENTER_SERVICE;
    private TripRecord lastTrip;
    private final long startNanos;
    private long lastSampleNanos = Long.MIN_VALUE;

    // V/f trips: first sample beyond the threshold, or -1 (Long.MIN_VALUE) while inside.
    private final long[] beyondSince = new long[8];
    private final double[] worstBeyond = new double[8];
    private long lovSince = Long.MIN_VALUE;

    // ROCOF ring of (time, frequency).
    private final long[] rocofT = new long[ROCOF_CAPACITY];
    private final double[] rocofF = new double[ROCOF_CAPACITY];
    private int head = -1;
    private int tail;
    private int count;
    private double lastRocof;

    // Phase jump.
    private double prevPhase = Double.NaN;
    private double prevFreq;
    private long prevT;
    private double lastPhaseJump;

    // Enter service.
    private long insideWindowSince = Long.MIN_VALUE;
    private long rampStart;
    private double powerFraction;

    // Frequency-watt.
    private double droopTargetPu;
    private double droopPu;
    private long droopT = Long.MIN_VALUE;
    private double lastFrequency = Double.NaN;

    /**
     * @param code       validated grid code
     * @param startNanos now on the monitor's clock; the sample watchdog counts from here
     */
    public GridSafetySupervisor(GridCode code, long startNanos) {
        this.code = code;
        this.startNanos = startNanos;
        java.util.Arrays.fill(beyondSince, Long.MIN_VALUE);
    }

    public GridCode code() {
        return code;
    }

    /**
     * Evaluates one sample. Returns the trip it causes, or null. After a trip the caller must cease to
     * energize at once; the supervisor stays in {@link State#TRIPPED} until enter-service conditions hold.
     */
    public TripRecord onSample(GridSample s) {
        long t = s.monotonicNanos();
        lastSampleNanos = t;
        double f = s.frequencyHz();
        if (Double.isNaN(f)) {
            return trip(TripFunction.INVALID_SAMPLE, f, code.nominalHz, t, t);
        }
        lastFrequency = f;
        double vn = code.nominalV;
        double v1 = Double.isNaN(s.voltageL1V()) ? 0 : s.voltageL1V() / vn;
        double vMax = v1;
        double vMin = v1;
        if (s.phases() == 3) {
            double v2 = Double.isNaN(s.voltageL2V()) ? 0 : s.voltageL2V() / vn;
            double v3 = Double.isNaN(s.voltageL3V()) ? 0 : s.voltageL3V() / vn;
            vMax = Math.max(v1, Math.max(v2, v3));
            vMin = Math.min(v1, Math.min(v2, v3));
        }
        updateDroop(f, t);
        double rocof = updateRocof(f, t);
        double jump = updatePhaseJump(s.phaseAngleDeg(), f, t);

        TripRecord trip = null;
        for (TripFunction fn : VF) {
            double value = fn.isVoltage() ? (fn.isOver() ? vMax : vMin) : f;
            double thr = code.threshold(fn);
            boolean beyond = fn.isOver() ? value > thr : value < thr;
            int i = fn.ordinal();
            if (!beyond) {
                beyondSince[i] = Long.MIN_VALUE;
                continue;
            }
            if (beyondSince[i] == Long.MIN_VALUE) {
                beyondSince[i] = t;
                worstBeyond[i] = value;
            } else if (fn.isOver() ? value > worstBeyond[i] : value < worstBeyond[i]) {
                worstBeyond[i] = value;
            }
            // Clearing time counts from the first sample beyond the threshold.
            if (trip == null && t - beyondSince[i] >= code.tripDelayNanos(fn)) {
                trip = trip(fn, value, thr, beyondSince[i], t);
            }
        }
        if (vMax < code.lossOfVoltagePu) {
            if (lovSince == Long.MIN_VALUE) {
                lovSince = t;
            }
            if (trip == null && t - lovSince >= code.lossOfVoltageNanos) {
                trip = trip(TripFunction.LOSS_OF_VOLTAGE, vMax, code.lossOfVoltagePu, lovSince, t);
            }
        } else {
            lovSince = Long.MIN_VALUE;
        }
        if (trip == null && Math.abs(rocof) > code.rocofHzPerS) {
            trip = trip(TripFunction.ROCOF, rocof, code.rocofHzPerS, t, t);
        }
        if (trip == null && Math.abs(jump) > code.phaseJumpDeg) {
            trip = trip(TripFunction.PHASE_JUMP, jump, code.phaseJumpDeg, t, t);
        }
        if (trip == null) {
            updateEnterService(t, vMin, vMax, f);
        }
        return trip;
    }

    /**
     * Sample watchdog: call periodically with the monitor's clock. Returns a SAMPLE_TIMEOUT trip when no
     * sample arrived for the configured time while energizing is possible, else null.
     */
    public TripRecord onTick(long nowNanos) {
        long since = lastSampleNanos == Long.MIN_VALUE ? startNanos : lastSampleNanos;
        if (nowNanos - since > code.sampleTimeoutNanos) {
            insideWindowSince = Long.MIN_VALUE;
            if (state == State.RAMPING || state == State.IN_SERVICE) {
                return trip(TripFunction.SAMPLE_TIMEOUT, (nowNanos - since) / 1e9,
                        code.sampleTimeoutNanos / 1e9, since, nowNanos);
            }
        }
        return null;
    }

    /** A fault seen by the edge (e.g. {@link TripFunction#OVERRUN}); trips like any other function. */
    public TripRecord externalFault(TripFunction fn, long nowNanos) {
        return trip(fn, Double.NaN, Double.NaN, nowNanos, nowNanos);
    }

    private TripRecord trip(TripFunction fn, double measured, double threshold, long first, long t) {
        // A trip is news only while energizing is allowed; while tripped/waiting we already ceased.
        boolean news = state == State.RAMPING || state == State.IN_SERVICE;
        insideWindowSince = Long.MIN_VALUE;
        powerFraction = 0;
        java.util.Arrays.fill(beyondSince, Long.MIN_VALUE);
        lovSince = Long.MIN_VALUE;
        if (!news) {
            return null;
        }
        state = State.TRIPPED;
        lastTrip = new TripRecord(fn, measured, threshold, first, t);
        return lastTrip;
    }

    private void updateEnterService(long t, double vMin, double vMax, double f) {
        if (state == State.IN_SERVICE) {
            return;
        }
        if (state == State.RAMPING) {
            long ramp = code.enterServiceRampNanos;
            powerFraction = Math.min(1.0, (double) (t - rampStart) / ramp);
            if (powerFraction >= 1.0) {
                state = State.IN_SERVICE;
            }
            return;
        }
        boolean inside = vMin >= code.enterServiceVLowPu && vMax <= code.enterServiceVHighPu
                && f >= code.enterServiceFLowHz && f <= code.enterServiceFHighHz;
        if (!inside) {
            insideWindowSince = Long.MIN_VALUE;
            return;
        }
        if (insideWindowSince == Long.MIN_VALUE) {
            insideWindowSince = t;
        }
        if (t - insideWindowSince >= code.enterServiceDelayNanos) {
            state = State.RAMPING;
            rampStart = t;
            powerFraction = 0;
        }
    }

    private double updateRocof(double f, long t) {
        head = (head + 1) % ROCOF_CAPACITY;
        rocofT[head] = t;
        rocofF[head] = f;
        if (count == ROCOF_CAPACITY) {
            tail = (tail + 1) % ROCOF_CAPACITY; // oldest overwritten
        } else {
            count++;
        }
        // Keep the tail at the newest sample that is still at least one window old.
        long from = t - code.rocofWindowNanos;
        while (count > 1) {
            int next = (tail + 1) % ROCOF_CAPACITY;
            if (rocofT[next] <= from) {
                tail = next;
                count--;
            } else {
                break;
            }
        }
        long dt = t - rocofT[tail];
        lastRocof = dt >= code.rocofWindowNanos && dt > 0 ? (f - rocofF[tail]) / (dt / 1e9) : 0;
        return lastRocof;
    }

    private double updatePhaseJump(double phase, double f, long t) {
        double jump = 0;
        if (!Double.isNaN(phase) && !Double.isNaN(prevPhase) && t > prevT) {
            double dt = (t - prevT) / 1e9;
            // Against a reference at nominal frequency the angle drifts 360°·(f − f0)·dt; the rest is a jump.
            double expected = 360.0 * ((f + prevFreq) / 2 - code.nominalHz) * dt;
            jump = wrap180(phase - prevPhase - expected);
        }
        prevPhase = phase;
        prevFreq = f;
        prevT = t;
        lastPhaseJump = jump;
        return jump;
    }

    static double wrap180(double a) {
        double r = a % 360.0;
        if (r > 180) {
            r -= 360;
        } else if (r <= -180) {
            r += 360;
        }
        return r;
    }

    private void updateDroop(double f, long t) {
        droopTargetPu = FrequencyWatt.targetPu(code, f);
        if (droopT == Long.MIN_VALUE) {
            droopPu = droopTargetPu;
        } else {
            // First-order lag: the open-loop response time is the time to 90 % of a step, tau = T / ln 10.
            double tau = code.droopResponseS / Math.log(10);
            double dt = (t - droopT) / 1e9;
            droopPu += (droopTargetPu - droopPu) * (1 - Math.exp(-dt / tau));
        }
        droopT = t;
    }

    public State state() {
        return state;
    }

    /** Fraction (0..1) of rated power allowed now: 0 while tripped or waiting, rising during the ramp. */
    public double powerFraction() {
        return state == State.IN_SERVICE ? 1.0 : (state == State.RAMPING ? powerFraction : 0.0);
    }

    /**
     * Frequency-watt adjustment now, in p.u. of rated power, after the response-time lag. Positive means
     * towards charging (over-frequency: less discharge / more charge), negative towards discharging.
     */
    public double droopPu() {
        return droopPu;
    }

    /** The droop adjustment the curve asks for at the last frequency, before the response-time lag. */
    public double droopTargetPu() {
        return droopTargetPu;
    }

    public double lastRocofHzPerS() {
        return lastRocof;
    }

    public double lastPhaseJumpDeg() {
        return lastPhaseJump;
    }

    public double lastFrequencyHz() {
        return lastFrequency;
    }

    public TripRecord lastTrip() {
        return lastTrip;
    }

    /** An immutable view for the policy engine and for status reports (allocates; once per control step). */
    public GridStatus status() {
        String reason = switch (state) {
            case IN_SERVICE -> "in service";
            case RAMPING -> String.format(Locale.ROOT, "enter-service ramp %.0f %%", powerFraction() * 100);
            case WAITING_TO_ENTER_SERVICE -> "waiting to enter service";
            case TRIPPED -> "grid trip " + lastTrip.function();
        };
        return new GridStatus(state, powerFraction(), droopPu, lastFrequency, code.nominalHz, reason, lastTrip);
    }
}
