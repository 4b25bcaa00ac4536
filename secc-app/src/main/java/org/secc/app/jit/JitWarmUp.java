package org.secc.app.jit;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.secc.app.charge.DcLimits;
import org.secc.app.charge.LoopLimits;
import org.secc.app.charge.LoopRequest;
import org.secc.app.policy.Mode;
import org.secc.app.policy.StepOutput;
import org.secc.app.session.RationalNumbers;
import org.secc.exi.ExiCodec;

/**
 * JIT warm-up at start-up (secc-app/README-bench.md, "Response times as shipped"): on the board the unit
 * runs the JVM with C1 only, and a method is compiled after a few hundred calls; until then the first
 * sessions' messages run interpreted (milliseconds of decode, session and encode per message where the
 * compiled code takes microseconds). This runs the per-message paths before the first EV does: the EXI
 * encode and decode of every message of every protocol the charger serves ({@link SampleMessages}) and the
 * charge loop's pure arithmetic ({@link LoopLimits}, {@link RationalNumbers}) and the SupportedAppProtocol
 * negotiation (a pure function of the EV's offer), in rounds, until a block of
 * rounds is no longer faster than the one before (compiled) or {@link #MAX_ROUNDS}.
 *
 * <p>It has no effect anyone outside the JVM sees: no session, no HAL call, no OCPP or MQTT event, no
 * energy register, one INFO line when done. It never delays a real session: it works in slices of
 * {@link #SLICE_NANOS} with a pause as long after each (at most half of one core), and it gives way while a
 * V2G connection is open or waiting ({@code busy}), checked before every message; {@link #stop()} ends it.
 *
 * <p>Not {@code SCHED_IDLE}: a Java thread starved by the kernel while it runs Java code holds up every
 * safepoint (a GC waits for all threads) and any class initialisation it is in; measured, sessions then
 * answered seconds late on a loaded machine.
 */
public final class JitWarmUp {
    private static final Logger LOG = Logger.getLogger(JitWarmUp.class.getName());

    /** Rounds at least before the timing may end it, and at most. */
    static final int MIN_ROUNDS = 200;
    static final int MAX_ROUNDS = 3000;
    /** Rounds per timed block. */
    static final int BLOCK = 50;
    /** How often a busy connector is checked again. */
    static final long GIVE_WAY_NANOS = 20_000_000L;
    /** Work, then pause as long: the warm-up takes at most half of one core. */
    static final long SLICE_NANOS = 2_000_000L;

    /**
     * What it did.
     *
     * @param converged the last block was no faster than the one before (rather than the round cap or a stop)
     */
    public record Result(int messageTypes, int samples, int rounds, long operations, Duration took, int gaveWay, Duration gaveWayFor,
            boolean converged, boolean stopped) {
    }

    private final BooleanSupplier busy;
    /** The service's SupportedAppProtocol negotiation (pure), or null. */
    private final org.secc.app.sap.SapNegotiator sap;
    private final int minRounds;
    private final int maxRounds;
    /** Built on the warm-up's own thread (start-up does not wait for it). */
    private List<SampleMessages.Sample> samples;
    private volatile Result result;
    private final AtomicLong operations = new AtomicLong();
    private volatile boolean stop;
    private volatile Thread thread;
    /** Keeps the results alive so that the work is not optimised away. */
    private long sink;

    /** @param busy true while a V2G connection is open or waiting: the warm-up waits meanwhile */
    public JitWarmUp(BooleanSupplier busy, org.secc.app.sap.SapNegotiator sap) {
        this(busy, sap, MIN_ROUNDS, MAX_ROUNDS);
    }

    JitWarmUp(BooleanSupplier busy, org.secc.app.sap.SapNegotiator sap, int minRounds, int maxRounds) {
        this.busy = busy;
        this.sap = sap;
        this.minRounds = minRounds;
        this.maxRounds = maxRounds;
    }

    /** Starts it on its own daemon thread ({@code jit-warm-up}) at the lowest priority; logs one INFO line when done. */
    public static JitWarmUp start(BooleanSupplier busy, org.secc.app.sap.SapNegotiator sap) {
        return start(new JitWarmUp(busy, sap));
    }

    static JitWarmUp start(JitWarmUp w) {
        Thread t = new Thread(() -> {
            try {
                Result r = w.run();
                LOG.info(() -> describe(r));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "JIT warm-up failed; the first sessions run on cold code", e);
            }
        }, "jit-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        w.thread = t;
        t.start();
        return w;
    }

    /** Ends the warm-up at its next message (service shutdown). */
    public void stop() {
        stop = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Waits until the warm-up thread ended (tests, shutdown). */
    public void join(Duration bound) throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.join(bound.toMillis());
        }
    }

    /** What it did, once it ended. */
    public java.util.Optional<Result> result() {
        return java.util.Optional.ofNullable(result);
    }

    /** Encodes and decodes done so far (progress, for tests). */
    public long operations() {
        return operations.get();
    }

    /** Runs on the calling thread until compiled, {@link #MAX_ROUNDS} or {@link #stop()}. */
    public Result run() {
        long start = System.nanoTime();
        samples = SampleMessages.all();
        org.secc.exi.apphand.supportedAppProtocolReq offer = sap == null ? null : offerOfEverything(sap);
        long waited = 0;
        int gaveWay = 0;
        long blockStart = start;
        long blockWaited = 0;
        long previousBlock = Long.MAX_VALUE;
        boolean converged = false;
        int rounds = 0;
        long sliceStart = System.nanoTime();
        while (rounds < maxRounds && !stop) {
            for (SampleMessages.Sample s : samples) {
                long now = System.nanoTime();
                if (now - sliceStart >= SLICE_NANOS) {
                    LockSupport.parkNanos(SLICE_NANOS); // the other half of the time is everybody else's
                    blockWaited += System.nanoTime() - now; // not work: the convergence judges work only
                    sliceStart = System.nanoTime();
                }
                if (busy.getAsBoolean()) {
                    gaveWay++;
                    long t0 = System.nanoTime();
                    while (busy.getAsBoolean() && !stop) {
                        LockSupport.parkNanos(GIVE_WAY_NANOS);
                    }
                    long w = System.nanoTime() - t0;
                    waited += w;
                    blockWaited += w;
                    sliceStart = System.nanoTime();
                }
                if (stop) {
                    break;
                }
                ExiCodec codec = ExiCodec.of(s.kind());
                sink += codec.encode(s.message()).length;
                sink += codec.decode(s.exi()).root().length();
                operations.addAndGet(2);
            }
            if (stop) {
                break;
            }
            sink += arithmetic(rounds);
            if (offer != null) {
                // an EV offering every protocol the charger serves: always a match (a failed one would log a line)
                sink += ExiCodec.of(org.secc.exi.SchemaKind.SAP).encode(sap.negotiate(offer, true).response()).length;
            }
            rounds++;
            if (rounds % BLOCK == 0) {
                long now = System.nanoTime();
                long block = now - blockStart - blockWaited;
                if (rounds >= minRounds && block >= previousBlock * 95 / 100) {
                    converged = true;
                    break;
                }
                previousBlock = block;
                blockStart = now;
                blockWaited = 0;
            }
        }
        int types = (int) samples.stream().map(s -> s.kind() + "/" + s.name()).distinct().count();
        if (sink == 42) {
            LOG.finest("."); // keeps sink observable
        }
        int count = samples.size();
        samples = null; // done: the heap keeps nothing of it
        Result r = new Result(types, count, rounds, operations.get(), Duration.ofNanos(System.nanoTime() - start), gaveWay,
                Duration.ofNanos(waited), converged, stop);
        result = r;
        return r;
    }

    /** A SupportedAppProtocolReq naming every protocol {@code sap} offers, in its order. */
    private static org.secc.exi.apphand.supportedAppProtocolReq offerOfEverything(org.secc.app.sap.SapNegotiator sap) {
        List<org.secc.exi.apphand.AppProtocolType> l = new java.util.ArrayList<>();
        int i = 1;
        for (var p : sap.offered()) {
            l.add(new org.secc.exi.apphand.AppProtocolType(p.namespace(), p.major(), p.minor(), i, i));
            i++;
        }
        return new org.secc.exi.apphand.supportedAppProtocolReq(l);
    }

    /** The charge loop's pure arithmetic, DC and AC, charge and discharge, as each loop message runs it. */
    private static long arithmetic(int round) {
        boolean bpt = round % 2 == 0;
        double v = 350 + round % 50;
        LoopRequest dc = LoopRequest.builder(false, bpt, bpt).evPresentVoltageV(v).evTargetCurrentA(100).evTargetVoltageV(v + 10)
                .evMaxChargeCurrentA(200).evMaxVoltageV(500).evMaxDischargeCurrentA(bpt ? 100 : Double.NaN).evMaxChargePowerW(80_000)
                .evMaxDischargePowerW(bpt ? 40_000 : Double.NaN).socPct(50).evTargetEnergyRequestWh(bpt ? -1000 : 20_000).build();
        DcLimits rated = new DcLimits(50_000, 0, 125, 0, 500, 150, 50_000, 0, 125, 0);
        StepOutput step = new StepOutput(bpt ? Mode.FOLLOW_EV : Mode.CHARGE, "", 40_000, "", 20_000, "", bpt ? Double.NaN : 30_000, List.of());
        var d = LoopLimits.dc(dc, rated, step, false, v);
        LoopRequest ac = LoopRequest.builder(true, bpt, bpt).evPresentActivePowerW(7_000).evMaxChargePowerW(11_000)
                .evMaxDischargePowerW(bpt ? 11_000 : Double.NaN).socPct(50).evTargetEnergyRequestWh(20_000).build();
        var a = LoopLimits.ac(ac, 11_000, 11_000, step, false);
        double r = RationalNumbers.toDouble(RationalNumbers.of(d.target().currentA())) + RationalNumbers.toDouble(RationalNumbers.of(a.targetPowerW()))
                + RationalNumbers.toDouble(RationalNumbers.of(d.sent().maxChargePower()));
        return (long) r;
    }

    /** The one INFO line. */
    static String describe(Result r) {
        return String.format(Locale.ROOT, "JIT warm-up %s: %d message types of SupportedAppProtocol, ISO 15118-20 Common/DC/AC, ISO 15118-2 and"
                + " DIN 70121 (%d samples) encoded and decoded %d times each, with the charge loop's limits arithmetic and the protocol negotiation,"
                + " in %d ms%s, in %d ms slices with pauses as long; gave way to V2G connections %d times (%d ms); nothing sent, no hardware touched",
                r.stopped() ? "stopped" : r.converged() ? "done" : "done (round cap)", r.messageTypes(), r.samples(), r.rounds(),
                r.took().toMillis(), r.converged() ? " (compiled: the last rounds ran no faster)" : "", SLICE_NANOS / 1_000_000, r.gaveWay(),
                r.gaveWayFor().toMillis());
    }
}
