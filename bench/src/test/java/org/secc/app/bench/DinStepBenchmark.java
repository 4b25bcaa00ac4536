package org.secc.app.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SECC processing time per DIN 70121 CurrentDemand message as on the wire (the car waits 0.25 s, the
 * charger's budget is 25 ms): EXI decode → DinSession.handle (HalChargeControl.chargeLoop, policy,
 * simulated HAL) → EXI encode. Run: see secc-app/README-bench.md ({@code -Dbench.args=DinStepBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DinStepBenchmark {

    private DinLoopRig rig;

    @Setup(Level.Trial)
    public void setup() {
        rig = new DinLoopRig();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rig.close();
    }

    @Benchmark
    public byte[] currentDemandMessage() {
        return rig.step();
    }
}
