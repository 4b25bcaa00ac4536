package org.secc.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.secc.hal.contactor.ContactorFault;
import org.secc.hal.cp.CpAction;
import org.secc.hal.cp.CpConfig;
import org.secc.hal.cp.CpState;
import org.secc.hal.cp.CpStateMachine;
import org.secc.hal.isolation.IsolationStatus;
import org.secc.hal.power.PowerFault;
import org.secc.hal.power.PowerTarget;

class SimBenchTest {
    private final SimBench bench = SimBench.builder().build();

    private void startPower(PowerTarget t) {
        bench.contactors().close();
        bench.step(Duration.ofMillis(50));
        assertTrue(bench.contactors().state().mirrorClosed());
        bench.powerStage().setTarget(t);
        bench.powerStage().enable();
    }

    @Test
    void chargesWithEnergyConservedWithinLosses() {
        double stored0 = bench.battery().storedWh();
        startPower(new PowerTarget(450, 100, 50_000));
        bench.step(Duration.ofMinutes(10));
        var r = bench.powerStage().present();
        assertEquals(100, r.currentA(), 1e-9);
        assertTrue(r.powerW() > 30_000 && r.gridPowerW() > r.powerW());
        double dc = bench.powerStage().dcEnergyWh();
        double grid = bench.powerStage().gridEnergyWh();
        double stored = bench.battery().storedWh() - stored0;
        assertEquals(dc / 0.96, grid, 1e-6 * grid, "converter loss is exactly 4 %");
        assertEquals(dc, bench.battery().terminalEnergyWh(), 1e-6 * dc);
        // stored = DC energy minus I²R in the pack (100 A² · 0.1 Ω · 600 s = 167 Wh)
        double i2r = 100 * 100 * 0.1 * (600 - 1.05) / 3600.0;
        assertEquals(dc - i2r, stored, 2.0);
        assertTrue(stored < dc && dc < grid);
        assertTrue(bench.battery().soc() > 0.5);
    }

    @Test
    void dischargesWithEnergyConservedWithinLosses() {
        double stored0 = bench.battery().storedWh();
        startPower(new PowerTarget(450, -80, 50_000));
        bench.step(Duration.ofMinutes(10));
        var r = bench.powerStage().present();
        assertEquals(-80, r.currentA(), 1e-9);
        assertTrue(r.powerW() < 0 && r.gridPowerW() < 0 && r.gridPowerW() > r.powerW());
        double dc = bench.powerStage().dcEnergyWh();
        double grid = bench.powerStage().gridEnergyWh();
        double stored = bench.battery().storedWh() - stored0;
        assertTrue(dc < 0);
        assertEquals(dc * 0.96, grid, 1e-6 * -grid, "grid gets 96 % of what the EV gives");
        assertTrue(-stored > -dc && -dc > -grid, "battery loses more than the DC link sees, grid gets least");
        assertTrue(bench.battery().soc() < 0.5);
    }

    @Test
    void currentRampsAtRatedRate() {
        startPower(new PowerTarget(450, 100, 50_000));
        bench.step(Duration.ofMillis(100));
        assertEquals(10, bench.powerStage().present().currentA(), 0.11);
        bench.powerStage().rampToZeroAndDisable();
        bench.step(Duration.ofMillis(50));
        assertEquals(5, bench.powerStage().present().currentA(), 0.11);
        bench.step(Duration.ofMillis(60));
        assertEquals(0, bench.powerStage().present().currentA());
        assertFalse(bench.powerStage().present().enabled());
    }

    @Test
    void clampsToCapabilitiesAndBatteryLimits() {
        startPower(new PowerTarget(450, 500, 1e9));
        bench.step(Duration.ofSeconds(3));
        assertEquals(125, bench.powerStage().present().currentA(), 1e-9, "stage rating");
        bench.powerStage().setTarget(new PowerTarget(450, 100, 10_000));
        bench.step(Duration.ofSeconds(3));
        var r = bench.powerStage().present();
        assertEquals(10_000, r.powerW(), 60, "power limit");
        bench.powerStage().setTarget(new PowerTarget(450, -500, 1e9));
        bench.step(Duration.ofSeconds(5));
        assertEquals(-100, bench.powerStage().present().currentA(), 1e-9, "battery discharge limit");
    }

    @Test
    void voltageTargetLimitsChargeCurrent() {
        double ocv = bench.battery().openCircuitV();
        startPower(new PowerTarget(ocv + 2, 100, 50_000));
        bench.step(Duration.ofSeconds(2));
        var r = bench.powerStage().present();
        assertEquals(20, r.currentA(), 0.5, "(2 V / 0.1 Ω)");
        assertTrue(r.voltageV() <= ocv + 2 + 1e-3, "held at the voltage target");
    }

    @Test
    void dcLinkFollowsVoltageTargetWithContactorsOpen() {
        bench.powerStage().setTarget(PowerTarget.zero(500));
        bench.powerStage().enable();
        bench.step(Duration.ofMillis(250));
        assertEquals(250, bench.powerStage().present().voltageV(), 1.01);
        bench.step(Duration.ofMillis(300));
        assertEquals(500, bench.powerStage().present().voltageV(), 1e-9);
        assertEquals(0, bench.powerStage().present().currentA());
    }

    @Test
    void noCurrentThroughOpenContactors() {
        startPower(new PowerTarget(450, 100, 50_000));
        bench.step(Duration.ofSeconds(2));
        bench.contactors().open();
        bench.step(Duration.ofMillis(40));
        assertEquals(0, bench.powerStage().present().currentA());
        assertTrue(bench.contactors().faults().isEmpty());
    }

    @Test
    void weldingIsDetected() {
        startPower(new PowerTarget(450, 10, 50_000));
        bench.contactors().injectWelding(true);
        bench.contactors().open();
        bench.step(Duration.ofMillis(99));
        assertTrue(bench.contactors().faults().isEmpty(), "within supervision time");
        bench.step(Duration.ofMillis(2));
        assertInstanceOf(ContactorFault.Welded.class, bench.contactors().faults().get(0));
        assertTrue(bench.contactors().state().mirrorClosed());
        assertFalse(bench.contactors().state().consistent());
    }

    @Test
    void stuckOpenIsDetectedAndCarriesNoCurrent() {
        bench.contactors().injectStuckOpen(true);
        bench.contactors().close();
        bench.powerStage().setTarget(new PowerTarget(450, 50, 50_000));
        bench.powerStage().enable();
        bench.step(Duration.ofMillis(101));
        assertInstanceOf(ContactorFault.FailedToClose.class, bench.contactors().faults().get(0));
        assertEquals(0, bench.powerStage().present().currentA());
        bench.contactors().clearFaults();
        assertTrue(bench.contactors().faults().isEmpty());
    }

    @Test
    void feedbackFlipIsReported() {
        startPower(new PowerTarget(450, 10, 50_000));
        bench.contactors().injectFeedbackFlip();
        ContactorFault f = bench.contactors().faults().get(0);
        assertEquals(new ContactorFault.FeedbackMismatch(bench.nanos(), true, false), f);
    }

    @Test
    void isolationMonitorSelfTestMeasurementAndFaults() {
        var imd = bench.isolationMonitor();
        assertInstanceOf(IsolationStatus.Idle.class, imd.status());
        imd.startSelfTest();
        bench.step(Duration.ofMillis(999));
        assertInstanceOf(IsolationStatus.Measuring.class, imd.status());
        bench.step(Duration.ofMillis(1));
        assertInstanceOf(IsolationStatus.SelfTestPassed.class, imd.status());
        imd.startMeasurement();
        bench.step(Duration.ofMillis(500));
        assertEquals(new IsolationStatus.Resistance(10e6), imd.status());
        imd.injectResistance(50_000);
        bench.step(Duration.ofMillis(1));
        assertEquals(new IsolationStatus.Resistance(50_000), imd.status());
        imd.injectDeviceFault("no answer");
        bench.step(Duration.ofMillis(1));
        assertEquals(new IsolationStatus.DeviceFault("no answer"), imd.status());
        imd.stopMeasurement();
        assertInstanceOf(IsolationStatus.DeviceFault.class, imd.status());
    }

    @Test
    void temperaturesRiseWithPowerAndCoolingFailureTrips() {
        assertEquals(25, bench.temperatures().maxC(), 1e-9);
        startPower(new PowerTarget(450, 125, 50_000));
        bench.step(Duration.ofMinutes(2));
        double module = bench.temperatures().readC().get("power_module");
        double connector = bench.temperatures().readC().get("connector");
        assertTrue(module > 35 && module < 90, "module " + module);
        assertTrue(connector > 28, "connector " + connector);
        bench.temperatures().injectCoolingFailure(20);
        bench.step(Duration.ofMinutes(3));
        assertTrue(bench.powerStage().faults().stream().anyMatch(f -> f instanceof PowerFault.OverTemperature));
        assertEquals(0, bench.powerStage().present().currentA());
        assertFalse(bench.powerStage().present().enabled());
    }

    @Test
    void injectedPowerFaultStopsAtOnceAndBlocksEnable() {
        startPower(new PowerTarget(450, 100, 50_000));
        bench.step(Duration.ofSeconds(2));
        bench.powerStage().injectFault(new PowerFault.DeviceFault(17, "DC link overvoltage"));
        assertEquals(0, bench.powerStage().present().currentA());
        bench.powerStage().enable();
        bench.step(Duration.ofSeconds(1));
        assertEquals(0, bench.powerStage().present().currentA());
        bench.powerStage().clearFaults();
        bench.powerStage().enable();
        bench.step(Duration.ofSeconds(1));
        assertEquals(100, bench.powerStage().present().currentA(), 1e-9);
    }

    @Test
    void emergencyStop() {
        assertFalse(bench.emergencyStop().pressed());
        bench.emergencyStop().press();
        assertTrue(bench.emergencyStop().pressed());
        bench.emergencyStop().release();
        assertFalse(bench.emergencyStop().pressed());
    }

    @Test
    void batteryLimitsTaperNearFullAndEmpty() {
        assertEquals(200, SimBattery.typical400V(0.8).chargeLimitA(), 1e-9);
        assertEquals(100, SimBattery.typical400V(0.9).chargeLimitA(), 1e-9);
        assertEquals(0, SimBattery.typical400V(1.0).chargeLimitA(), 1e-9);
        assertEquals(100, SimBattery.typical400V(0.2).dischargeLimitA(), 1e-9);
        assertEquals(50, SimBattery.typical400V(0.15).dischargeLimitA(), 1e-9);
        assertEquals(0, SimBattery.typical400V(0.1).dischargeLimitA(), 1e-9);
        assertEquals(300, SimBattery.typical400V(0).openCircuitV(), 1e-9);
        assertEquals(400, SimBattery.typical400V(1).openCircuitV(), 1e-9);
    }

    // --- control pilot with a simulated EV, driven through the real state machine ---

    private final CpStateMachine cp = new CpStateMachine(CpConfig.defaults());
    private final List<CpAction> cpActions = new ArrayList<>();

    private void runCp(long ms) {
        for (long i = 0; i < ms; i++) {
            bench.step(Duration.ofMillis(1));
            List<CpAction> out = cp.onMeasurement(bench.controlPilot().measure());
            out.addAll(cp.tick(bench.nanos()));
            for (CpAction a : out) {
                if (a instanceof CpAction.DrivePilot d) {
                    if (d.output() instanceof org.secc.hal.cp.PilotOutput.Pwm p) {
                        bench.controlPilot().setPwmDuty(p.dutyPercent());
                    } else if (d.output() instanceof org.secc.hal.cp.PilotOutput.F) {
                        bench.controlPilot().setF();
                    } else {
                        bench.controlPilot().setX1();
                    }
                } else if (a instanceof CpAction.OpenContactors) {
                    bench.contactors().open();
                }
            }
            cpActions.addAll(out);
        }
    }

    private void chargingInC() {
        runCp(30);
        assertEquals(CpState.A, cp.state());
        bench.controlPilot().setEv(SimControlPilot.EvSide.B);
        runCp(30);
        assertEquals(CpState.B, cp.state());
        cp.startHlc(bench.nanos()).forEach(a -> bench.controlPilot().setPwmDuty(5));
        bench.controlPilot().setEv(SimControlPilot.EvSide.C);
        runCp(30);
        assertEquals(CpState.C, cp.state());
        assertTrue(cp.closeAllowed());
        startPower(new PowerTarget(450, 50, 50_000));
        cpActions.clear();
    }

    @Test
    void simulatedEvLevelsMapToStates() {
        bench.controlPilot().setEv(SimControlPilot.EvSide.D);
        runCp(30);
        assertEquals(CpState.D, cp.state());
        assertEquals(2.37, bench.controlPilot().measure().highV(), 0.01);
    }

    @Test
    void shortToPeOpensContactorsWithin100msOnTheBench() {
        chargingInC();
        long t0 = bench.nanos();
        bench.controlPilot().injectShortToPe(true);
        runCp(100);
        assertEquals(CpState.E, cp.state());
        long opened = cpActions.stream().filter(a -> a instanceof CpAction.OpenContactors)
                .mapToLong(a -> ((CpAction.OpenContactors) a).monotonicNanos()).min().orElseThrow();
        assertTrue(opened - t0 <= 100_000_000L);
        assertFalse(bench.contactors().state().commandedClosed());
    }

    @Test
    void shortedDiodeIsCaught() {
        chargingInC();
        bench.controlPilot().injectDiodeShorted(true);
        runCp(2);
        assertTrue(cpActions.stream().anyMatch(a -> a instanceof CpAction.DiodeFault));
        assertFalse(bench.contactors().state().commandedClosed());
    }

    @Test
    void deadAdcCountsAsLostPilot() {
        chargingInC();
        long t0 = bench.nanos();
        bench.controlPilot().injectAdcFailure(true);
        runCp(100);
        assertEquals(CpState.E, cp.state());
        long opened = cpActions.stream().filter(a -> a instanceof CpAction.OpenContactors)
                .mapToLong(a -> ((CpAction.OpenContactors) a).monotonicNanos()).min().orElseThrow();
        assertTrue(opened - t0 <= 100_000_000L);
    }

    @Test
    void stateFDrivenByEvseReadsAsF() {
        bench.controlPilot().setEv(SimControlPilot.EvSide.B);
        bench.controlPilot().setF();
        assertEquals(-12, bench.controlPilot().measure().highV(), 1e-9);
        bench.controlPilot().off();
        assertEquals(0, bench.controlPilot().measure().highV(), 1e-9);
    }
}
