package org.secc.app.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.secc.app.grid.GridSafetySupervisor.State;
import org.secc.app.grid.GridStatus;

/** The CSMS input of the policy: above operator commands and price, below safety, the grid and the SOC limits. */
class CsmsInputTest {
    static final String GRID = "grid_category = II\ngrid_nominal_frequency_hz = 60\nmax_charge_power_w = 11000\nmax_discharge_power_w = 10000\n";
    final long now = 5_000_000_000L;

    PolicyEngine engine() {
        PolicyEngine e = new PolicyEngine(PolicyEngineTest.policy(GRID));
        e.handle(new PolicyCommand.SetPrice("p", 0.01), CommandSource.CTL, now); // cheap: the price alone would charge
        return e;
    }

    StepOutput step(PolicyEngine e, double soc, GridStatus g) {
        return e.step(new StepInput(now, soc, 25, g));
    }

    @Test
    void a_central_setpoint_discharges_at_its_power_with_its_reason_above_price_and_operator() {
        PolicyEngine e = engine();
        e.handle(new PolicyCommand.Manual("m", Mode.CHARGE, 5000), CommandSource.CTL, now);
        e.csms(new CsmsInput(Double.NaN, Double.NaN, -7000, "CSMS TxProfile 7 (CentralSetpoint)"));
        StepOutput o = step(e, 60, PolicyEngineTest.inService(60));
        assertEquals(Mode.DISCHARGE, o.mode());
        assertEquals(-7000, o.targetPowerW(), 1e-9);
        assertEquals(7000, o.dischargeLimitW(), 1e-9);
        assertTrue(o.dischargeReason().startsWith("CSMS TxProfile 7 (CentralSetpoint)"), o.dischargeReason());
        e.csms(null);
        o = step(e, 60, PolicyEngineTest.inService(60));
        assertEquals(Mode.CHARGE, o.mode(), "the operator's manual mode again once the CSMS clears");
    }

    @Test
    void safety_grid_and_soc_still_bind_a_csms_setpoint() {
        PolicyEngine e = engine();
        e.csms(new CsmsInput(Double.NaN, Double.NaN, -7000, "CSMS TxProfile 7 (CentralSetpoint)"));
        StepOutput o = step(e, 60, new GridStatus(State.IN_SERVICE, 1, 0.5, 60.5, 60, "in service", null));
        assertEquals(5000, o.dischargeLimitW(), 1e-9, "frequency-watt halves the discharge");
        assertTrue(o.dischargeReason().startsWith("frequency-watt"), o.dischargeReason());
        o = step(e, 15, PolicyEngineTest.inService(60));
        assertEquals(Mode.IDLE, o.mode(), "SOC below the reserve: no discharge, whatever the CSMS says");
        assertTrue(o.modeReason().contains("reserve"), o.modeReason());
        e.handle(new PolicyCommand.EmergencyStop("x"), CommandSource.CTL, now);
        assertEquals(Mode.STOPPED, step(e, 60, PolicyEngineTest.inService(60)).mode());
    }

    @Test
    void csms_caps_and_the_offline_failsafe() {
        PolicyEngine e = engine();
        e.csms(new CsmsInput(4000, 0, Double.NaN, "CSMS TxDefaultProfile 3 (ChargingOnly)"));
        StepOutput o = step(e, 60, PolicyEngineTest.inService(60));
        assertEquals(Mode.CHARGE, o.mode());
        assertEquals(4000, o.chargeLimitW(), 1e-9);
        assertEquals("CSMS TxDefaultProfile 3 (ChargingOnly)", o.chargeReason());
        e.csms(null);
        e.handle(new PolicyCommand.ForceDischarge("f", 6000), CommandSource.CTL, now);
        e.csmsFailsafe(true);
        o = step(e, 60, PolicyEngineTest.inService(60));
        assertEquals(0, o.dischargeLimitW(), 1e-9);
        assertEquals(Mode.IDLE, o.mode());
        assertTrue(o.modeReason().contains("CSMS unreachable"), o.modeReason());
        e.csmsFailsafe(false);
        assertEquals(Mode.DISCHARGE, step(e, 60, PolicyEngineTest.inService(60)).mode());
    }
}
