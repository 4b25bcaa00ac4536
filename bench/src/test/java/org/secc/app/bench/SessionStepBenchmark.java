package org.secc.app.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.secc.app.run.ChargePoint;

/**
 * SECC processing time per charge-loop message as on the wire: EXI decode of the request,
 * V2gSession.handle (state machine, HalChargeControl, policy step, simulated HAL) and EXI encode of
 * the response. V2GTP framing and the socket are not included. One live session per trial; the
 * bench clock stands still, so no timer fires and the session stays in its loop.
 * Run: see secc-app/README-bench.md (profile {@code bench}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// 3 × 2 s left the DC variants still compiling in the first measured iterations (2 cores).
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SessionStepBenchmark {

    @Param({"DC_Scheduled", "DC_Dynamic", "DC_BPT_Scheduled", "DC_BPT_Dynamic", "AC_Scheduled", "AC_Dynamic", "AC_BPT_Scheduled",
            "AC_BPT_Dynamic"})
    public String variant;

    private LoopRig rig;

    @Setup(Level.Trial)
    public void setup() {
        rig = new LoopRig(LoopRig.Variant.valueOf(variant), ChargePoint.SupervisorMode.INLINE, "");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rig.close();
    }

    /** decode request → session.handle → encode response; returns the response bytes. */
    @Benchmark
    public byte[] chargeLoopMessage() {
        return rig.step();
    }
}
