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
 * SECC processing time per ISO 15118-2 CurrentDemand (DC) and ChargingStatus (AC) message as on the
 * wire (CurrentDemand: the car waits 0.25 s, the charger's budget is 25 ms; ChargingStatus: 2 s and
 * 1.5 s): EXI decode → Iso2Session.handle (HalChargeControl.chargeLoop, policy, simulated HAL) → EXI
 * encode. Run: see secc-app/README-bench.md ({@code -Dbench.args=Iso2StepBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Iso2StepBenchmark {

    private Iso2LoopRig rig;
    private Iso2LoopRig acRig;

    @Setup(Level.Trial)
    public void setup() {
        rig = new Iso2LoopRig();
        acRig = new Iso2LoopRig(true);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rig.close();
        acRig.close();
    }

    @Benchmark
    public byte[] currentDemandMessage() {
        return rig.step();
    }

    @Benchmark
    public byte[] chargingStatusMessage() {
        return acRig.step();
    }
}
