package org.secc.app.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secc.app.grid.GridSafetySupervisor.State;
import org.secc.app.grid.GridStatus;
import org.secc.app.grid.TripFunction;
import org.secc.app.grid.TripRecord;

class PolicyEngineTest {
    private static final long S = 1_000_000_000L;
    private static final String GRID = "grid_category = II\ngrid_nominal_frequency_hz = 60\n"
            + "max_charge_power_w = 11000\nmax_discharge_power_w = 10000\n";

    long now = 5 * S;

    static Policy policy(String text) {
        PolicyFile.Result r = PolicyFile.parse(text);
        if (r instanceof PolicyFile.Invalid i) {
            throw new AssertionError(i.errors());
        }
        return ((PolicyFile.Loaded) r).policy();
    }

    static GridStatus inService(double hz) {
        return new GridStatus(State.IN_SERVICE, 1.0, 0.0, hz, 60, "in service", null);
    }

    StepOutput step(PolicyEngine e, double soc, double temp, GridStatus g) {
        return e.step(new StepInput(now, soc, temp, g));
    }

    StepOutput step(PolicyEngine e, double soc) {
        return step(e, soc, 25, inService(60));
    }

    PolicyEngine engine(String extra, double price) {
        PolicyEngine e = new PolicyEngine(policy(GRID + extra));
        e.handle(new PolicyCommand.SetPrice("p0", price), CommandSource.CTL, now);
        return e;
    }

    @Test
    void defaultIsChargeOnlyWithoutGridCode() {
        PolicyEngine e = new PolicyEngine(PolicyFile.defaults());
        e.handle(new PolicyCommand.SetPrice("p", 9.99), CommandSource.CTL, now);
        StepOutput o = e.step(new StepInput(now, 80, 25, null));
        assertEquals(Mode.IDLE, o.mode());
        assertEquals(0, o.dischargeLimitW());
        assertEquals("no grid code set: charge-only", o.dischargeReason());
        e.handle(new PolicyCommand.SetPrice("p2", 0.01), CommandSource.CTL, now);
        o = e.step(new StepInput(now, 80, 25, null));
        assertEquals(Mode.CHARGE, o.mode());
        assertEquals(11000, o.chargeLimitW());
    }

    @ParameterizedTest(name = "price {0}: {1}")
    @CsvSource({"0.05, CHARGE", "0.0999, CHARGE", "0.10, IDLE", "0.2, IDLE", "0.30, IDLE", "0.31, DISCHARGE"})
    void priceResponse(double price, Mode mode) {
        PolicyEngine e = engine("", price);
        StepOutput o = step(e, 60);
        assertEquals(mode, o.mode());
        if (mode == Mode.CHARGE) {
            assertEquals(11000, o.targetPowerW());
            assertEquals(0, o.dischargeLimitW());
        } else if (mode == Mode.DISCHARGE) {
            assertEquals(-10000, o.targetPowerW());
            assertEquals(10000, o.dischargeLimitW());
            assertEquals(0, o.chargeLimitW());
        } else {
            assertEquals(0, o.targetPowerW());
        }
    }

    @Test
    void noPriceModeIsConfigurable() {
        PolicyEngine e = new PolicyEngine(policy(GRID));
        assertEquals(Mode.CHARGE, step(e, 50).mode());
        e = new PolicyEngine(policy(GRID + "no_price_mode = idle\n"));
        assertEquals(Mode.IDLE, step(e, 50).mode());
    }

    @Test
    void followEvKeepsBothDirectionsOpenWithinTheLimits() {
        PolicyEngine e = new PolicyEngine(policy(GRID + "no_price_mode = ev\n"));
        StepOutput o = step(e, 50);
        assertEquals(Mode.FOLLOW_EV, o.mode());
        assertTrue(o.chargeLimitW() > 0);
        assertTrue(o.dischargeLimitW() > 0);
        assertTrue(Double.isNaN(o.targetPowerW()), "the car picks the direction");
        // the reserve still binds
        assertEquals(0, step(e, 19).dischargeLimitW());
        // a price overrides the car's wish
        e.handle(new PolicyCommand.SetPrice("p1", 0.05), CommandSource.CTL, now);
        assertEquals(Mode.CHARGE, step(e, 50).mode());
    }

    @ParameterizedTest(name = "SOC {0} %: discharge {1} W")
    @CsvSource({"20.01, 10000", "20, 0", "15, 0", "10, 0"})
    void socReserve(double soc, double limit) {
        PolicyEngine e = engine("", 1.0);
        StepOutput o = step(e, soc);
        assertEquals(limit, o.dischargeLimitW());
        if (limit == 0) {
            assertEquals(Mode.IDLE, o.mode());
            assertTrue(o.modeReason().startsWith("discharge not allowed: SOC"), o.modeReason());
        }
    }

    @ParameterizedTest(name = "forced, SOC {0} %: discharge {1} W")
    @CsvSource({"15, 4000", "10.01, 4000", "10, 0", "5, 0"})
    void forcedDischargeCrossesReserveNotFloor(double soc, double limit) {
        PolicyEngine e = engine("", 0.2);
        e.handle(new PolicyCommand.ForceDischarge("f1", 4000), CommandSource.CTL, now);
        StepOutput o = step(e, soc);
        assertEquals(limit, o.dischargeLimitW());
        if (limit == 0) {
            assertEquals("SOC " + (soc == 10 ? "10" : "5") + " % at hard floor 10 %", o.dischargeReason());
        } else {
            assertEquals(Mode.DISCHARGE, o.mode());
            assertEquals(-4000, o.targetPowerW());
            assertEquals("forced discharge 4.0 kW", o.dischargeReason());
        }
    }

    @Test
    void sessionDepthOfDischarge() {
        PolicyEngine e = engine("session_dod_limit_pct = 15\n", 1.0);
        e.startSession(80);
        assertEquals(10000, step(e, 65.01).dischargeLimitW());
        StepOutput o = step(e, 65);
        assertEquals(0, o.dischargeLimitW());
        assertEquals("session depth of discharge 15 % reached limit 15 %", o.dischargeReason());
        e.handle(new PolicyCommand.ForceDischarge("f", 3000), CommandSource.CTL, now);
        assertEquals(0, step(e, 64).dischargeLimitW(), "even forced discharge keeps the driver's limit");
        e.startSession(64);
        assertEquals(3000, step(e, 64).dischargeLimitW());
    }

    @Test
    void maxDischargeRate() {
        PolicyEngine e = new PolicyEngine(policy("grid_category = II\nmax_discharge_power_w = 3200\n"));
        e.handle(new PolicyCommand.SetPrice("p", 1.0), CommandSource.CTL, now);
        StepOutput o = step(e, 80);
        assertEquals(3200, o.dischargeLimitW());
        assertEquals("max discharge power 3.2 kW", o.dischargeReason());
    }

    @ParameterizedTest(name = "{0} °C: {1} W")
    @CsvSource({"25, 10000", "45, 10000", "46, 9666.67", "60, 5000", "62, 4333.33", "74, 333.33", "75, 0", "90, 0"})
    void thermalDeratingDischarge(double temp, double limit) {
        PolicyEngine e = engine("", 1.0);
        StepOutput o = step(e, 80, temp, inService(60));
        assertEquals(limit, o.dischargeLimitW(), 0.01);
        if (limit < 10000) {
            assertEquals("heat sink " + Math.round(temp) + " °C", o.dischargeReason());
        }
    }

    @Test
    void thermalDeratingCharge() {
        PolicyEngine e = engine("", 0.0);
        StepOutput o = step(e, 50, 60, inService(60));
        assertEquals(5500, o.chargeLimitW(), 0.01);
        assertEquals("heat sink 60 °C", o.chargeReason());
    }

    @Test
    void thermalHysteresis() {
        PolicyEngine e = engine("", 1.0);
        assertEquals(5000, step(e, 80, 60, inService(60)).dischargeLimitW(), 0.01);
        // Cooling by less than the 5 °C hysteresis keeps the derated power.
        assertEquals(5000, step(e, 80, 56, inService(60)).dischargeLimitW(), 0.01);
        assertEquals(5000, step(e, 80, 55, inService(60)).dischargeLimitW(), 0.01);
        // Further cooling recovers along the curve shifted by the hysteresis.
        assertEquals(5000 + 10000.0 / 30, step(e, 80, 54, inService(60)).dischargeLimitW(), 0.01);
        assertEquals(10000, step(e, 80, 40, inService(60)).dischargeLimitW(), 0.01);
        // Heating derates at once.
        assertEquals(10000.0 * 13 / 30, step(e, 80, 62, inService(60)).dischargeLimitW(), 0.01);
    }

    @Test
    void unknownTemperatureMeansNoPower() {
        PolicyEngine e = engine("", 0.0);
        StepOutput o = step(e, 50, Double.NaN, inService(60));
        assertEquals(0, o.chargeLimitW());
        assertEquals(Mode.IDLE, o.mode());
    }

    @Test
    void reversalHoldTime() {
        PolicyEngine e = engine("", 0.05);
        assertEquals(Mode.CHARGE, step(e, 60).mode());
        long lastCharge = now;
        e.handle(new PolicyCommand.SetPrice("p1", 0.5), CommandSource.CTL, now);
        now = lastCharge + 299 * S;
        StepOutput o = step(e, 60);
        assertEquals(Mode.IDLE, o.mode());
        assertEquals("hold 1 s before reversing to discharge", o.modeReason());
        now = lastCharge + 300 * S;
        assertEquals(Mode.DISCHARGE, step(e, 60).mode());
        long lastDischarge = now;
        e.handle(new PolicyCommand.SetPrice("p2", 0.05), CommandSource.CTL, now);
        now = lastDischarge + 100 * S;
        assertEquals(Mode.IDLE, step(e, 60).mode());
        now = lastDischarge + 300 * S;
        assertEquals(Mode.CHARGE, step(e, 60).mode());
    }

    @Test
    void holdTimeIsConfigurable() {
        PolicyEngine e = engine("reversal_hold_s = 10\n", 0.05);
        step(e, 60);
        e.handle(new PolicyCommand.SetPrice("p1", 0.5), CommandSource.CTL, now);
        now += 10 * S;
        assertEquals(Mode.DISCHARGE, step(e, 60).mode());
    }

    @ParameterizedTest(name = "{0} Hz grid at {1} Hz, SOC {2}: {3}")
    @CsvSource({"60, 59.69, 50, DISCHARGE", "60, 59.70, 50, IDLE", "60, 59.5, 20, IDLE",
            "50, 49.69, 50, DISCHARGE", "50, 49.70, 50, IDLE"})
    void underFrequencyOverride(int hz, double f, double soc, Mode mode) {
        PolicyEngine e = new PolicyEngine(policy("grid_category = II\ngrid_nominal_frequency_hz = " + hz + "\n"));
        e.handle(new PolicyCommand.SetPrice("p", 0.2), CommandSource.CTL, now); // idle by price
        StepOutput o = e.step(new StepInput(now, soc, 25, new GridStatus(State.IN_SERVICE, 1, 0, f, hz, "in service", null)));
        assertEquals(mode, o.mode());
        if (mode == Mode.DISCHARGE) {
            assertTrue(o.modeReason().startsWith("frequency support"), o.modeReason());
        }
    }

    @Test
    void underFrequencyOverrideIgnoresHold() {
        PolicyEngine e = engine("", 0.05);
        assertEquals(Mode.CHARGE, step(e, 60).mode());
        now += S;
        assertEquals(Mode.DISCHARGE, step(e, 60, 25, inService(59.6)).mode());
    }

    @Test
    void heartbeatFailSafe() {
        PolicyEngine e = engine("heartbeat_timeout_s = 30\nfailsafe_charge_power_w = 2000\n", 1.0);
        assertEquals(Mode.DISCHARGE, step(e, 60).mode(), "not armed before the first heartbeat");
        e.heartbeat(now);
        long hb = now;
        now = hb + 30 * S;
        assertEquals(Mode.DISCHARGE, step(e, 60).mode());
        now = hb + 31 * S;
        StepOutput o = step(e, 60);
        assertEquals(Mode.CHARGE, o.mode());
        assertEquals(2000, o.chargeLimitW());
        assertEquals("site controller heartbeat lost 31 s (via ctl)", o.chargeReason());
        assertEquals(0, o.dischargeLimitW());
        StepOutput uf = step(e, 60, 25, inService(59.5));
        assertEquals(Mode.CHARGE, uf.mode(), "fail-safe wins over the under-frequency override");
        assertEquals(0, uf.dischargeLimitW());
        e.heartbeat(now);
        now += 300 * S; // past the reversal hold
        e.heartbeat(now);
        assertEquals(Mode.DISCHARGE, step(e, 60).mode(), "returns to normal with the heartbeat");
    }

    @Test
    void idempotentCommands() {
        PolicyEngine e = engine("", 0.2);
        CommandResult first = e.handle(new PolicyCommand.ForceDischarge("cmd-1", 2000), CommandSource.CTL, now);
        assertTrue(first.accepted());
        assertFalse(first.duplicate());
        assertEquals(-2000, step(e, 60).targetPowerW());
        e.handle(new PolicyCommand.Auto("cmd-2"), CommandSource.CTL, now);
        assertEquals(Mode.IDLE, step(e, 60).mode());
        CommandResult again = e.handle(new PolicyCommand.ForceDischarge("cmd-1", 2000), CommandSource.CTL, now);
        assertTrue(again.duplicate());
        assertEquals(Mode.IDLE, step(e, 60).mode(), "repeating cmd-1 changes nothing");
        e.handle(new PolicyCommand.SetPrice("cmd-3", 0.01), CommandSource.CTL, now);
        e.handle(new PolicyCommand.SetPrice("cmd-1", 0.99), CommandSource.CTL, now);
        assertEquals(Mode.IDLE, step(e, 60).mode(), "a price cannot reuse an id either (charge by price, held)");
    }

    @Test
    void invalidCommandsAreRefused() {
        PolicyEngine e = engine("", 0.2);
        assertFalse(e.handle(new PolicyCommand.ForceDischarge("a", -5), CommandSource.CTL, now).accepted());
        assertFalse(e.handle(new PolicyCommand.Manual("b", Mode.STOPPED, 100), CommandSource.CTL, now).accepted());
        assertFalse(e.handle(new PolicyCommand.SetPrice("c", Double.NaN), CommandSource.CTL, now).accepted());
        assertEquals(Mode.IDLE, step(e, 60).mode());
    }

    @Test
    void manualOverride() {
        PolicyEngine e = engine("", 0.01);
        e.handle(new PolicyCommand.Manual("m", Mode.DISCHARGE, 2500), CommandSource.CTL, now);
        StepOutput o = step(e, 60);
        assertEquals(Mode.DISCHARGE, o.mode());
        assertEquals(-2500, o.targetPowerW());
        assertEquals("manual 2.5 kW", o.dischargeReason());
        assertEquals(0, step(e, 19).dischargeLimitW(), "manual keeps the reserve");
        e.handle(new PolicyCommand.Manual("m2", Mode.IDLE, 0), CommandSource.CTL, now);
        assertEquals(Mode.IDLE, step(e, 60).mode());
        e.handle(new PolicyCommand.Auto("a"), CommandSource.CTL, now);
        now += 301 * S;
        assertEquals(Mode.CHARGE, step(e, 60).mode());
    }

    @Test
    void emergencyStop() {
        PolicyEngine e = engine("", 0.01);
        e.handle(new PolicyCommand.EmergencyStop("e"), CommandSource.CTL, now);
        StepOutput o = step(e, 60);
        assertEquals(Mode.STOPPED, o.mode());
        assertEquals(0, o.chargeLimitW());
        assertEquals(0, o.dischargeLimitW());
        assertEquals("emergency stop", o.chargeReason());
        e.handle(new PolicyCommand.ForceDischarge("f", 3000), CommandSource.CTL, now);
        assertEquals(Mode.STOPPED, step(e, 60).mode(), "nothing overrides the stop");
        e.handle(new PolicyCommand.ResetEmergencyStop("r"), CommandSource.CTL, now);
        assertEquals(Mode.DISCHARGE, step(e, 60).mode());
    }

    @Test
    void gridTripAndRamp() {
        PolicyEngine e = engine("", 0.01);
        TripRecord trip = new TripRecord(TripFunction.UF2, 56.4, 56.5, 0, 1);
        StepOutput o = step(e, 60, 25, new GridStatus(State.TRIPPED, 0, 0, 56.4, 60, "grid trip UF2", trip));
        assertEquals(0, o.chargeLimitW());
        assertEquals("grid trip UF2", o.chargeReason());
        o = step(e, 60, 25, new GridStatus(State.RAMPING, 0.4, 0, 60, 60, "enter-service ramp 40 %", trip));
        assertEquals(4400, o.chargeLimitW(), 1e-6);
        assertEquals("enter-service ramp", o.chargeReason());
    }

    @Test
    void frequencyWattLimits() {
        PolicyEngine e = engine("", 1.0);
        StepOutput o = step(e, 60, 25, new GridStatus(State.IN_SERVICE, 1, 0.1, 60.336, 60, "in service", null));
        assertEquals(9000, o.dischargeLimitW(), 1e-6);
        assertEquals("frequency-watt at 60.336 Hz", o.dischargeReason());
        e = engine("", 0.0);
        // Above the under-frequency override (59.7 Hz): only the droop acts.
        o = step(e, 60, 25, new GridStatus(State.IN_SERVICE, 1, -0.05, 59.814, 60, "in service", null));
        assertEquals(Mode.CHARGE, o.mode());
        assertEquals(10450, o.chargeLimitW(), 1e-6);
        assertEquals("frequency-watt at 59.814 Hz", o.chargeReason());
        // Below it, frequency support takes over: discharge.
        now += 301 * S;
        o = step(e, 60, 25, new GridStatus(State.IN_SERVICE, 1, -0.5, 58.464, 60, "in service", null));
        assertEquals(Mode.DISCHARGE, o.mode());
    }

    @Test
    void limitChangesAreLoggedWithReason() {
        PolicyEngine e = engine("", 1.0);
        StepOutput o = step(e, 80, 25, inService(60));
        assertTrue(o.changes().contains("discharge limited to 10.0 kW: max discharge power 10.0 kW"), o.changes().toString());
        o = step(e, 80, 25, inService(60));
        assertEquals(List.of(), o.changes(), "nothing changed, nothing logged");
        o = step(e, 80, 62.4, inService(60));
        assertEquals(List.of("discharge limited to 4.2 kW: heat sink 62 °C"), o.changes());
    }
}
