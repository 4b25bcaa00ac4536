package org.secc.hal.cp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CpStateMachineTest {
    private static final long MS = 1_000_000L;
    private static final double[] LEVEL = {12, 9, 6, 3, 0, -12};

    private final CpStateMachine sm = new CpStateMachine(CpConfig.defaults());
    private long now = 0;
    private final List<CpAction> actions = new ArrayList<>();

    /** Feeds a sample every ms for {@code ms} milliseconds at the given high level (diode present). */
    private void hold(double highV, long ms) {
        hold(highV, -12, ms);
    }

    private void hold(double highV, double lowV, long ms) {
        for (long i = 0; i < ms; i++) {
            now += MS;
            boolean pwm = sm.output() instanceof PilotOutput.Pwm;
            actions.addAll(sm.onMeasurement(new CpMeasurement(now, highV, pwm ? lowV : Double.NaN)));
        }
    }

    private void reach(CpState s) {
        hold(LEVEL[s.ordinal()], 30);
        assertEquals(s, sm.state());
        actions.clear();
    }

    private long firstOpenAt() {
        return actions.stream().filter(a -> a instanceof CpAction.OpenContactors)
                .mapToLong(a -> ((CpAction.OpenContactors) a).monotonicNanos()).min().orElse(-1);
    }

    /** Only the pilot drive actions (a bare tick() far ahead also reports the missing measurements). */
    private static List<CpAction> drives(List<CpAction> in) {
        return in.stream().filter(a -> a instanceof CpAction.DrivePilot).toList();
    }

    @Test
    void debounceRequires20msOfStableLevel() {
        reach(CpState.A);
        hold(9, 20); // first to last sample spans 19 ms
        assertEquals(CpState.A, sm.state(), "19 ms is not enough");
        hold(9, 1);
        assertEquals(CpState.B, sm.state(), "20 ms is");
    }

    @Test
    void glitchRestartsDebounce() {
        reach(CpState.B);
        hold(6, 15);
        hold(9, 1);
        hold(6, 15);
        assertEquals(CpState.B, sm.state());
        hold(6, 6);
        assertEquals(CpState.C, sm.state());
    }

    @Test
    void everyTransitionBetweenStatesAtoF() {
        for (CpState from : CpState.values()) {
            for (CpState to : CpState.values()) {
                if (from == to) {
                    continue;
                }
                CpStateMachine m = new CpStateMachine(CpConfig.defaults());
                long t = 0;
                for (int i = 0; i < 30; i++) {
                    t += MS;
                    m.onMeasurement(new CpMeasurement(t, LEVEL[from.ordinal()], Double.NaN));
                }
                assertEquals(from, m.state());
                List<CpAction> out = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    t += MS;
                    out.addAll(m.onMeasurement(new CpMeasurement(t, LEVEL[to.ordinal()], Double.NaN)));
                }
                assertEquals(to, m.state(), from + "->" + to);
                assertTrue(out.contains(new CpAction.StateChanged(from, to,
                        ((CpAction.StateChanged) out.stream().filter(a -> a instanceof CpAction.StateChanged)
                                .findFirst().orElseThrow()).monotonicNanos())), from + "->" + to);
                boolean mustOpen = to == CpState.A || to == CpState.E || to == CpState.F
                        || (from.evReady() && !to.evReady()) || to == CpState.D;
                assertEquals(mustOpen, out.stream().anyMatch(a -> a instanceof CpAction.OpenContactors),
                        from + "->" + to + " open request");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CpState.class, names = {"E", "F"})
    void enteringEorFOpensWithin100ms(CpState fault) {
        sm.startHlc(now);
        reach(CpState.B);
        reach(CpState.C);
        assertTrue(sm.closeAllowed());
        long start = now + MS;
        hold(LEVEL[fault.ordinal()], 100);
        long opened = firstOpenAt();
        assertTrue(opened > 0, "no open request");
        assertTrue(opened - start <= 100 * MS, "opened after " + (opened - start) / MS + " ms");
        assertEquals(fault, sm.state());
        assertFalse(sm.closeAllowed());
    }

    @Test
    void lostPilotOpensWithin100ms() {
        sm.startHlc(now);
        reach(CpState.B);
        reach(CpState.C);
        long last = now;
        for (int i = 1; i <= 100; i++) {
            actions.addAll(sm.tick(last + i * MS));
        }
        long opened = firstOpenAt();
        assertTrue(opened > 0 && opened - last <= 100 * MS, "open at " + (opened - last) / MS);
        assertEquals(CpState.E, sm.state());
        // 50 ms is the configured loss timeout: not before
        assertTrue(opened - last > 50 * MS);
    }

    @Test
    void leavingCtoBOpens() {
        sm.startHlc(now);
        reach(CpState.B);
        reach(CpState.C);
        long start = now + MS;
        hold(9, 30);
        assertTrue(firstOpenAt() - start <= 100 * MS);
        assertFalse(sm.closeAllowed());
    }

    @Test
    void fivePercentForHlc() {
        List<CpAction> out = sm.startHlc(0);
        assertEquals(new CpAction.DrivePilot(new PilotOutput.Pwm(5.0)), out.get(0));
    }

    @Test
    void closeAllowedOnlyInCWithPwm() {
        reach(CpState.B);
        reach(CpState.C);
        assertFalse(sm.closeAllowed(), "X1: no PWM");
        sm.startHlc(now);
        assertTrue(sm.closeAllowed());
        reach(CpState.D);
        assertFalse(sm.closeAllowed(), "D without ventilation");
    }

    /** A stalled caller (GC pause, load) is not a lost pilot: the next fresh sample keeps the state. */
    @Test
    void aStalledSamplerAloneDoesNotTrip() {
        sm.startHlc(now);
        reach(CpState.B);
        reach(CpState.C);
        long stalledFrom = now;
        // the caller sampled at stalledFrom, then stalled 200 ms before its tick ran
        actions.clear();
        actions.addAll(sm.tick(stalledFrom + 200 * MS));
        assertEquals(CpState.C, sm.state(), "the caller's own stall");
        // and it polls on: a fresh sample arrives 2 ms later
        actions.addAll(sm.onMeasurement(new CpMeasurement(stalledFrom + 202 * MS, 5.6, -12)));
        assertEquals(CpState.C, sm.state());
        assertTrue(sm.closeAllowed());
        assertEquals(-1, firstOpenAt(), actions.toString());
        // but samples that stop while the caller keeps polling are a lost pilot, within the bound
        long last = stalledFrom + 202 * MS;
        for (int i = 1; i <= 100; i++) {
            actions.addAll(sm.tick(last + i * MS));
        }
        assertEquals(CpState.E, sm.state());
        long opened = firstOpenAt();
        assertTrue(opened - last > 50 * MS && opened - last <= 100 * MS, "open at " + (opened - last) / MS);
    }

    @Test
    void stateDWithVentilation() {
        CpConfig d = CpConfig.defaults();
        CpStateMachine v = new CpStateMachine(new CpConfig(d.debounce(), d.faultDebounce(), d.pilotLost(),
                d.tStepEf(), d.tStepX1(), d.powerOffInC1(), true));
        v.startHlc(0);
        for (int i = 1; i <= 30; i++) {
            v.onMeasurement(new CpMeasurement(i * MS, 3, -12));
        }
        assertEquals(CpState.D, v.state());
        assertTrue(v.closeAllowed());
    }

    @Test
    void diodeFaultDetectedOnlyWithPwm() {
        reach(CpState.B);
        hold(9, 0.0, 5);
        assertTrue(actions.isEmpty(), "no PWM, no low phase to check");
        sm.startHlc(now);
        hold(6, -10.5, 30);
        assertTrue(sm.closeAllowed(), "-10.5 V is still a diode");
        actions.clear();
        hold(6, -10.49, 1);
        assertInstanceOf(CpAction.DiodeFault.class, actions.get(0));
        assertInstanceOf(CpAction.OpenContactors.class, actions.get(1));
        assertFalse(sm.closeAllowed());
        hold(6, -12, 1);
        assertTrue(sm.closeAllowed(), "diode back");
    }

    @Test
    void nominalViaX1WhenMatched() {
        reach(CpState.B);
        sm.startHlc(now);
        List<CpAction> out = sm.switchToNominal(16, true, now);
        assertEquals(new CpAction.DrivePilot(PilotOutput.X1), out.get(0));
        assertTrue(drives(sm.tick(now + 2_999 * MS)).isEmpty());
        List<CpAction> later = drives(sm.tick(now + 3_000 * MS));
        PilotOutput.Pwm pwm = (PilotOutput.Pwm) ((CpAction.DrivePilot) later.get(0)).output();
        assertEquals(16 / 0.6, pwm.dutyPercent(), 1e-9);
    }

    @Test
    void nominalViaFWhenNotMatched() {
        reach(CpState.B);
        sm.startHlc(now);
        List<CpAction> out = sm.switchToNominal(32, false, now);
        assertEquals(new CpAction.DrivePilot(PilotOutput.F), out.get(0));
        assertTrue(drives(sm.tick(now + 3_999 * MS)).isEmpty());
        List<CpAction> later = drives(sm.tick(now + 4_000 * MS));
        assertEquals(new CpAction.DrivePilot(new PilotOutput.Pwm(32 / 0.6)), later.get(0));
    }

    @Test
    void legacyWakeUpPulseThroughF() {
        reach(CpState.B);
        sm.startHlc(now);
        long t0 = now;
        assertEquals(new CpAction.DrivePilot(PilotOutput.F), sm.stepThroughF(new PilotOutput.Pwm(5), t0).get(0));
        assertEquals(PilotOutput.F, sm.output());
        assertEquals(List.of(new CpAction.DrivePilot(new PilotOutput.Pwm(5))), drives(sm.tick(t0 + 4_000 * MS)));
    }

    @Test
    void pauseOpensAndBlocksAndEvseWakesUp() {
        sm.startHlc(now);
        reach(CpState.B);
        reach(CpState.C);
        List<CpAction> out = sm.pause(now);
        assertInstanceOf(CpAction.OpenContactors.class, out.get(0));
        assertEquals(new CpAction.DrivePilot(PilotOutput.X1), out.get(1));
        assertFalse(sm.closeAllowed());
        hold(6, 30);
        assertFalse(sm.closeAllowed());
        assertEquals(new CpAction.DrivePilot(new PilotOutput.Pwm(5)), sm.wakeUp(now).get(0));
        assertTrue(sm.closeAllowed());
    }

    private void bcbPulse(long cMs) {
        hold(6, cMs);
        hold(9, 300);
    }

    @Test
    void evWakeUpByBcbToggle() {
        sm.startHlc(now);
        reach(CpState.B);
        sm.pause(now);
        hold(9, 100);
        bcbPulse(300);
        bcbPulse(300);
        hold(9, 3_500);
        CpAction.EvWakeUp w = (CpAction.EvWakeUp) actions.stream().filter(a -> a instanceof CpAction.EvWakeUp)
                .findFirst().orElseThrow();
        assertEquals(2, w.pulses());
        assertFalse(sm.paused());
        assertEquals(new PilotOutput.Pwm(5), sm.output());
    }

    @Test
    void toggleTooShortOrTooLongIsIgnored() {
        for (long width : new long[] {100, 600}) {
            CpStateMachine m = new CpStateMachine(CpConfig.defaults());
            long t = 0;
            m.startHlc(t);
            List<CpAction> out = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                out.addAll(m.onMeasurement(new CpMeasurement(t += MS, 9, -12)));
            }
            m.pause(t);
            for (int i = 0; i < width; i++) {
                out.addAll(m.onMeasurement(new CpMeasurement(t += MS, 6, Double.NaN)));
            }
            for (int i = 0; i < 4_000; i++) {
                out.addAll(m.onMeasurement(new CpMeasurement(t += MS, 9, Double.NaN)));
            }
            assertFalse(out.stream().anyMatch(a -> a instanceof CpAction.EvWakeUp), width + " ms pulse");
            assertTrue(m.paused());
        }
    }

    @Test
    void pwmOffWhileInCForcesOffAfter6s() {
        sm.startHlc(now);
        reach(CpState.B);
        reach(CpState.C);
        sm.stopPwm(now);
        long t0 = now;
        hold(6, 5_999);
        assertEquals(-1, firstOpenAt());
        hold(6, 2);
        long opened = firstOpenAt();
        assertTrue(opened - t0 >= 6_000 * MS && opened - t0 <= 6_001 * MS);
    }

    @Test
    void enteringEDrivesX1() {
        sm.startHlc(now);
        reach(CpState.B);
        hold(0, 20);
        assertTrue(actions.contains(new CpAction.DrivePilot(PilotOutput.X1)));
        assertEquals(PilotOutput.X1, sm.output());
    }

    @Test
    void configRejectsUnsafeTimings() {
        CpConfig d = CpConfig.defaults();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new CpConfig(
                d.debounce(), java.time.Duration.ofMillis(51), d.pilotLost(), d.tStepEf(), d.tStepX1(),
                d.powerOffInC1(), false));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new CpConfig(
                d.debounce(), d.faultDebounce(), java.time.Duration.ofMillis(81), d.tStepEf(), d.tStepX1(),
                d.powerOffInC1(), false));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new CpConfig(
                d.debounce(), d.faultDebounce(), d.pilotLost(), java.time.Duration.ofMillis(3_999), d.tStepX1(),
                d.powerOffInC1(), false));
    }
}
