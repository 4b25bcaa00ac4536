package org.secc.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.secc.hal.grid.GridSample;

class SimGridTest {
    private final SimBench bench = SimBench.builder().grid(120, 60, 3).build();
    private final List<GridSample> samples = new ArrayList<>();

    SimGridTest() {
        bench.grid().addListener(samples::add);
    }

    private GridSample at(long ms) {
        return samples.stream().filter(s -> s.monotonicNanos() == ms * 1_000_000L).findFirst().orElseThrow();
    }

    @Test
    void samplesEvery10msAtNominal() {
        bench.step(Duration.ofMillis(100));
        assertEquals(10, samples.size());
        GridSample s = bench.grid().latest();
        assertEquals(120, s.voltageL1V());
        assertEquals(60, s.frequencyHz());
        assertEquals(3, s.phases());
        assertEquals(0, s.phaseAngleDeg(), 1e-9);
        assertEquals(120, bench.grid().nominalVoltageV());
        assertEquals(60, bench.grid().nominalFrequencyHz());
    }

    @Test
    void voltageStepOnOnePhaseAndAll() {
        bench.grid().script(new GridEvent.VoltageStep(Duration.ofMillis(50), 2, 60),
                new GridEvent.VoltageStep(Duration.ofMillis(20), 0, 132));
        bench.step(Duration.ofMillis(100));
        assertEquals(120, at(11).voltageL1V());
        assertEquals(132, at(21).voltageL1V());
        assertEquals(132, at(51).voltageL3V());
        assertEquals(60, at(51).voltageL2V());
    }

    @Test
    void rampsReachTargetLinearly() {
        bench.grid().script(new GridEvent.VoltageRamp(Duration.ofMillis(100), Duration.ofMillis(1000), 60),
                new GridEvent.FrequencyRamp(Duration.ofMillis(100), Duration.ofMillis(1000), 61));
        bench.step(Duration.ofMillis(1200));
        // the ramp starts with the 1 ms step that reaches 100 ms; sample at 601 ms is 501 ms into it
        assertEquals(120 - 60 * 0.501, at(601).voltageL1V(), 1e-9);
        assertEquals(60.501, at(601).frequencyHz(), 1e-9);
        assertEquals(60, at(1101).voltageL1V(), 1e-9);
        assertEquals(61, at(1191).frequencyHz(), 1e-9);
        assertTrue(at(1191).phaseAngleDeg() != 0, "frequency deviation moves the phase");
    }

    @Test
    void lossOfMainsAndReturn() {
        bench.grid().script(new GridEvent.LossOfMains(Duration.ofMillis(30), Duration.ofMillis(200)));
        bench.step(Duration.ofMillis(300));
        assertEquals(120, at(21).voltageL1V());
        GridSample lost = at(31);
        assertEquals(0, lost.voltageL1V());
        assertEquals(0, lost.voltageL3V());
        assertTrue(Double.isNaN(lost.frequencyHz()));
        assertEquals(120, at(241).voltageL2V());
        assertEquals(60, at(241).frequencyHz());
    }

    @Test
    void frequencyStepAndPhaseJump() {
        bench.grid().script(new GridEvent.PhaseJump(Duration.ofMillis(40), 20),
                new GridEvent.FrequencyStep(Duration.ofMillis(60), 59.5));
        bench.step(Duration.ofMillis(100));
        assertEquals(0, at(31).phaseAngleDeg(), 1e-9);
        assertEquals(20, at(41).phaseAngleDeg(), 1e-9);
        assertEquals(59.5, at(61).frequencyHz());
        // -0.5 Hz integrated over the 32 steps from 60 ms to 91 ms
        assertEquals(20 - 0.5 * 360 * 0.032, at(91).phaseAngleDeg(), 1e-9);
    }

    @Test
    void singlePhaseGrid() {
        SimBench b = SimBench.builder().grid(230, 50, 1).build();
        b.step(Duration.ofMillis(10));
        assertEquals(1, b.grid().latest().phases());
        assertThrows(IllegalArgumentException.class, () -> SimBench.builder().grid(230, 50, 2).build());
        assertThrows(IllegalArgumentException.class, () -> new GridEvent.VoltageStep(Duration.ZERO, 4, 1));
    }

    @Test
    void deterministic() {
        SimBench a = SimBench.builder().build();
        SimBench b = SimBench.builder().build();
        for (SimBench x : List.of(a, b)) {
            x.grid().script(new GridEvent.FrequencyRamp(Duration.ofMillis(5), Duration.ofMillis(500), 50.7));
            x.step(Duration.ofMillis(777));
        }
        assertEquals(a.grid().latest(), b.grid().latest());
    }
}
