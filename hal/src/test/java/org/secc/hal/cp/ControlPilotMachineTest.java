package org.secc.hal.cp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** IEC 61851-1 control pilot on a fake clock: every threshold, transition, timer and fault. */
class ControlPilotMachineTest {
    static final long MS = 1_000_000L;
    static final double LOW = -12.0;

    final CpConfig cfg = CpConfig.defaults();
    final ControlPilotMachine m = new ControlPilotMachine(cfg);
    final List<CpAction> actions = new ArrayList<>();
    long now = 10_000 * MS;

    List<CpAction> take(List<CpAction> a) {
        actions.addAll(a);
        return a;
    }

    /** Samples every 5 ms at {@code v} for {@code ms}. */
    List<CpAction> hold(double v, long ms) {
        List<CpAction> a = new ArrayList<>();
        for (long t = 0; t < ms; t += 5) {
            now += 5 * MS;
            a.addAll(take(m.onSample(now, v, m.output() instanceof PilotOutput.Pwm ? LOW : Double.NaN)));
            a.addAll(take(m.onTick(now)));
        }
        return a;
    }

    ControlPilotMachine in(CpState s) {
        take(m.start(now));
        hold(12, 30);
        take(m.applyHlc(now));
        if (s != CpState.A) {
            hold(9, 30);
        }
        if (s == CpState.C) {
            hold(6, 30);
        }
        if (s == CpState.D) {
            hold(3, 30);
        }
        assertEquals(s, m.state());
        actions.clear();
        return m;
    }

    static boolean opens(List<CpAction> a) {
        return a.stream().anyMatch(x -> x instanceof CpAction.OpenContactors);
    }

    @ParameterizedTest
    @CsvSource({
        // threshold, state at it and above, state just below
        "10.5, A, B", "7.5, B, C", "4.5, C, D", "1.5, D, E"})
    void everyThresholdAtBelowAbove(double threshold, CpState atOrAbove, CpState below) {
        assertEquals(atOrAbove, m.classify(threshold));
        assertEquals(atOrAbove, m.classify(threshold + 0.01));
        assertEquals(below, m.classify(threshold - 0.01));
    }

    @Test
    void nominalLevelsAndTheirToleranceClassify() {
        for (double tol : new double[] {-1, 0, 1}) {
            assertEquals(CpState.A, m.classify(12 + tol * 0.6));
            assertEquals(CpState.B, m.classify(9 + tol));
            assertEquals(CpState.C, m.classify(6 + tol));
            assertEquals(CpState.D, m.classify(3 + tol));
            assertEquals(CpState.E, m.classify(0 + tol));
        }
        assertEquals(CpState.E, m.classify(-12));
    }

    @Test
    void aNewStateCountsOnlyAfterTheDebounce() {
        in(CpState.B);
        now += 5 * MS;
        take(m.onSample(now, 6, LOW));
        long first = now;
        now = first + cfg.debounce().toNanos() - 1;
        take(m.onSample(now, 6, LOW));
        assertEquals(CpState.B, m.state(), "one nanosecond before the debounce");
        now = first + cfg.debounce().toNanos();
        List<CpAction> a = take(m.onSample(now, 6, LOW));
        assertEquals(CpState.C, m.state());
        assertEquals(new CpAction.StateChanged(CpState.B, CpState.C), a.get(0));
    }

    @Test
    void aGlitchShorterThanTheDebounceIsIgnored() {
        in(CpState.C);
        now += 5 * MS;
        take(m.onSample(now, 9, LOW));
        now += 5 * MS;
        take(m.onSample(now, 6, LOW));
        hold(6, 50);
        assertEquals(CpState.C, m.state());
        assertFalse(opens(actions));
    }

    @ParameterizedTest
    @EnumSource(value = CpState.class, names = {"A", "B", "C", "D"})
    void stateEOpensAtTheFirstSampleFromEveryState(CpState from) {
        in(from);
        now += 1 * MS;
        List<CpAction> a = take(m.onSample(now, 0.0, Double.NaN));
        assertEquals(CpState.E, m.state());
        assertTrue(opens(a), "open contactors at the first E sample");
        assertTrue(a.contains(new CpAction.SetOutput(PilotOutput.X1)) || from == CpState.A, "PWM off on E");
    }

    @ParameterizedTest
    @EnumSource(value = CpState.class, names = {"A", "B", "C", "D"})
    void lostPilotOpensWithinTheBoundFromEveryState(CpState from) {
        in(from);
        long last = now;
        now = last + cfg.sampleTimeout().toNanos() - 1;
        assertFalse(opens(take(m.onTick(now))), "one nanosecond before the sample timeout");
        now = last + cfg.sampleTimeout().toNanos();
        assertEquals(now, m.deadline());
        List<CpAction> a = take(m.onTick(now));
        assertTrue(opens(a));
        assertTrue(m.pilotLost());
        assertEquals(CpState.E, m.state());
        assertTrue(now - last < 100 * MS, "within the 100 ms bound");
        hold(12, 30);
        assertFalse(m.pilotLost());
        assertEquals(CpState.A, m.state());
    }

    @ParameterizedTest
    @EnumSource(value = CpState.class, names = {"C", "D"})
    void evLeavingCOrDOpensWithin100ms(CpState from) {
        in(from);
        long t0 = now;
        List<CpAction> a = hold(9, 100);
        int at = 0;
        long openedAt = -1;
        for (CpAction x : a) {
            if (x instanceof CpAction.OpenContactors) {
                openedAt = at;
            }
            at++;
        }
        assertTrue(openedAt >= 0, "opened");
        assertEquals(CpState.B, m.state());
        assertTrue(cfg.debounce().toNanos() + 5 * MS <= 100 * MS, "debounce plus one sample period fits 100 ms");
        assertTrue(now - t0 >= 0);
    }

    @Test
    void unplugOpensAndStopsPwm() {
        in(CpState.C);
        List<CpAction> a = hold(12, 50);
        assertTrue(opens(a));
        assertEquals(CpState.A, m.state());
        assertEquals(PilotOutput.X1, m.output());
    }

    @Test
    void stateDIsRefusedBecauseNoVentilationIsOffered() {
        in(CpState.B);
        List<CpAction> a = hold(3, 50);
        assertTrue(opens(a));
        assertFalse(m.energyAllowed());
    }

    @Test
    void energyOnlyInCWithPwmAndAGoodDiode() {
        in(CpState.C);
        assertTrue(m.energyAllowed());
        take(m.pwmOff(now));
        assertFalse(m.energyAllowed());
    }

    @Test
    void missingDiodeIsAFault() {
        in(CpState.C);
        now += 5 * MS;
        take(m.onSample(now, 6, 0.0));
        now += cfg.debounce().toNanos();
        List<CpAction> a = take(m.onSample(now, 6, 0.0));
        assertInstanceOf(CpAction.DiodeFault.class, a.get(0));
        assertTrue(opens(a));
        assertFalse(m.energyAllowed());
        hold(6, 30); // a good low level again
        assertFalse(m.diodeFault());
    }

    @Test
    void diodeIsNotCheckedWithoutPwm() {
        take(m.start(now));
        hold(9, 30);
        now += 5 * MS;
        assertTrue(take(m.onSample(now, 9, 0.0)).isEmpty());
        assertFalse(m.diodeFault());
    }

    @Test
    void pwmOffWhileTheEvStaysInCForcesPowerOffAfterSixSeconds() {
        in(CpState.C);
        take(m.pwmOff(now));
        long off = now;
        hold(6, 5000);
        now = off + cfg.pwmOffInCTimeout().toNanos() - 1;
        take(m.onSample(now, 6, Double.NaN));
        assertFalse(opens(take(m.onTick(now))));
        now = off + cfg.pwmOffInCTimeout().toNanos();
        take(m.onSample(now, 6, Double.NaN));
        assertTrue(opens(take(m.onTick(now))));
    }

    @Test
    void pwmOffAndTheEvGoingToBNeedsNoForce() {
        in(CpState.C);
        take(m.pwmOff(now));
        hold(9, 100);
        actions.clear();
        hold(9, 7000);
        assertFalse(actions.stream().anyMatch(x -> x instanceof CpAction.OpenContactors && ((CpAction.OpenContactors) x).reason().contains("after PWM off")));
    }

    @Test
    void fivePercentToNominalWithoutMatchingGoesThroughEfForFourSeconds() {
        in(CpState.B);
        List<CpAction> a = take(m.applyNominal(now, 16, false));
        assertTrue(a.contains(new CpAction.SetOutput(PilotOutput.F)));
        assertEquals(CpState.F, m.state());
        long t0 = now;
        now = t0 + cfg.stepEf().toNanos() - 1;
        assertTrue(take(m.onTick(now)).stream().noneMatch(x -> x instanceof CpAction.StepDone));
        now = t0 + cfg.stepEf().toNanos();
        a = take(m.onTick(now));
        assertTrue(a.contains(new CpAction.SetOutput(new PilotOutput.Pwm(26.6))), a.toString());
    }

    @Test
    void fivePercentToNominalAfterMatchingGoesThroughX1ForThreeSeconds() {
        in(CpState.B);
        List<CpAction> a = take(m.applyNominal(now, 32, true));
        assertTrue(a.contains(new CpAction.SetOutput(PilotOutput.X1)));
        long t0 = now;
        hold(9, 2990);
        now = t0 + cfg.stepX1().toNanos();
        take(m.onSample(now, 9, Double.NaN));
        a = take(m.onTick(now));
        assertTrue(a.contains(new CpAction.SetOutput(new PilotOutput.Pwm(53.3))), a.toString());
    }

    @Test
    void efRetryReturnsToFivePercent() {
        in(CpState.B);
        take(m.stepEf(now));
        assertEquals(PilotOutput.F, m.output());
        now += cfg.stepEf().toNanos();
        List<CpAction> a = take(m.onTick(now));
        assertTrue(a.contains(new CpAction.StepDone(new PilotOutput.Pwm(5.0))));
    }

    @ParameterizedTest
    @EnumSource(value = CpState.class, names = {"A", "B", "C", "D"})
    void aChargerFaultDrivesFAndOpensFromEveryState(CpState from) {
        in(from);
        List<CpAction> a = take(m.fault(now, "isolation"));
        assertTrue(opens(a));
        assertEquals(CpState.F, m.state());
        take(m.applyHlc(now));
        assertEquals(PilotOutput.F, m.output(), "F holds until the fault is cleared");
        now += cfg.unlockAfterF().toNanos() - 1;
        assertTrue(take(m.onTick(now)).stream().noneMatch(x -> x instanceof CpAction.UnlockAllowed));
        now += 1;
        assertTrue(take(m.onTick(now)).contains(new CpAction.UnlockAllowed()));
        take(m.clearFault(now));
        assertEquals(new PilotOutput.Pwm(5.0), m.output(), "the output asked for during the fault");
    }

    @Test
    void evWakeUpToggleIsRecognisedOnlyWithTheRightPulseLength() {
        in(CpState.B);
        take(m.pwmOff(now));
        hold(9, 50);
        hold(6, 300);
        List<CpAction> a = hold(9, 50);
        assertTrue(a.contains(new CpAction.WakeUpRequested()), a.toString());
        actions.clear();
        hold(6, 1000); // too long for a toggle
        hold(9, 50);
        assertFalse(actions.contains(new CpAction.WakeUpRequested()));
    }

    @ParameterizedTest
    @CsvSource({"6, 10.0", "10, 16.6", "16, 26.6", "32, 53.3", "51, 85.0", "63, 89.2", "80, 96.0"})
    void currentToDutyCycle(double amps, double duty) {
        assertEquals(duty, DutyCycle.forCurrent(amps), 1e-9);
        assertTrue(DutyCycle.currentFor(duty) <= amps + 1e-9, "the EV never reads more than allowed");
    }

    @ParameterizedTest
    @CsvSource({"5, 0", "7.9, 0", "8, 6", "10, 6", "10.1, 6.06", "53.3, 31.98", "85, 51", "90, 65", "96, 80", "97, 80", "97.1, 0", "100, 0"})
    void dutyCycleToCurrent(double duty, double amps) {
        assertEquals(amps, DutyCycle.currentFor(duty), 1e-9);
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DutyCycle.forCurrent(5.9));
        assertThrows(IllegalArgumentException.class, () -> DutyCycle.forCurrent(80.1));
        assertThrows(IllegalArgumentException.class, () -> new CpConfig(10.5, 7.5, 4.5, 1.5, -10.5, Duration.ofMillis(90),
                Duration.ofMillis(50), Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> new CpConfig(10.5, 7.5, 4.5, 1.5, -10.5, Duration.ofMillis(20),
                Duration.ofMillis(50), Duration.ofSeconds(6), Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> new PilotOutput.Pwm(0));
    }
}
