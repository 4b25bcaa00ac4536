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

    /** OCPP LocalFrequency on a 60 Hz grid: −10 kW at 59.8 Hz, +10 kW at 60.2 Hz, a ±10 mHz dead band. */
    static final FrequencySetpoint FCR = new FrequencySetpoint(new double[] {59.8, 59.99, 60.01, 60.2}, new double[] {-10000, 0, 0, 10000}, 0, 0, 25);

    @Test
    void local_frequency_follows_the_chargers_own_frequency_measurement_with_the_update_threshold() {
        PolicyEngine e = engine();
        e.csms(new CsmsInput(Double.NaN, Double.NaN, Double.NaN, "CSMS TxProfile 13 (LocalFrequency)", "LocalFrequency", FCR));
        StepOutput o = step(e, 60, PolicyEngineTest.inService(60.0));
        assertEquals(Mode.IDLE, o.mode(), "in the dead band: baseline 0 W, " + o.modeReason());
        o = step(e, 60, PolicyEngineTest.inService(59.9)); // Q08.FR.07: moved 100 mHz >= 25 mHz
        assertEquals(Mode.DISCHARGE, o.mode());
        assertEquals(-10000 * (59.99 - 59.9) / 0.19, o.targetPowerW(), 1e-6, "under-frequency: discharge along the curve");
        assertEquals("CSMS TxProfile 13 (LocalFrequency) at 59.900 Hz", o.modeReason());
        double before = o.targetPowerW();
        o = step(e, 60, PolicyEngineTest.inService(59.92)); // 20 mHz: below the threshold, the setpoint stays
        assertEquals(before, o.targetPowerW(), 1e-9);
        o = step(e, 60, PolicyEngineTest.inService(59.93)); // 30 mHz since the last computation: recomputed
        assertEquals(-10000 * (59.99 - 59.93) / 0.19, o.targetPowerW(), 1e-6);
        o = step(e, 60, PolicyEngineTest.inService(60.5)); // over-frequency beyond the curve: held at its end, charge 10 kW
        assertEquals(Mode.CHARGE, o.mode());
        assertEquals(10000, o.targetPowerW(), 1e-9);
        // The baseline and the aFRR delta add on top (Q08.FR.06, Q08.FR.10); the policy's caps still bind.
        e.csms(new CsmsInput(Double.NaN, Double.NaN, Double.NaN, "CSMS TxProfile 13 (LocalFrequency)", "LocalFrequency",
                new FrequencySetpoint(new double[] {59.8, 59.99, 60.01, 60.2}, new double[] {-10000, 0, 0, 10000}, -4000, -3000, 25)));
        o = step(e, 60, PolicyEngineTest.inService(60.0));
        assertEquals(-7000, o.targetPowerW(), 1e-9);
        o = step(e, 60, PolicyEngineTest.inService(59.0));
        assertEquals(-10000, o.targetPowerW(), 1e-9, "−17 kW asked, the policy's 10 kW discharge maximum binds");
        assertTrue(o.dischargeReason().startsWith("max discharge power"), o.dischargeReason());
        // No frequency measurement: the baseline (with aFRR) only.
        o = step(e, 60, PolicyEngineTest.inService(Double.NaN));
        assertEquals(-7000, o.targetPowerW(), 1e-9);
        assertTrue(o.modeReason().contains("without a frequency measurement"), o.modeReason());
    }

    @Test
    void external_setpoint_takes_the_site_dispatch_within_the_csms_caps_and_idles_without_one() {
        PolicyEngine e = engine();
        e.csms(new CsmsInput(9000, 2500, Double.NaN, "CSMS TxProfile 12 (ExternalSetpoint)", "ExternalSetpoint", null));
        StepOutput o = step(e, 60, PolicyEngineTest.inService(60));
        assertEquals(Mode.IDLE, o.mode(), "the cheap price does not decide: the site controller does");
        assertEquals("CSMS TxProfile 12 (ExternalSetpoint): no dispatch setpoint from the site controller", o.modeReason());
        e.handle(new PolicyCommand.Dispatch("d1", -3000, 60, "peak"), CommandSource.MQTT, now);
        o = step(e, 60, PolicyEngineTest.inService(60));
        assertEquals(Mode.DISCHARGE, o.mode());
        assertEquals(-2500, o.targetPowerW(), 1e-9, "the CSMS's dischargeLimit caps the site's setpoint (V2X.04)");
        assertEquals("CSMS TxProfile 12 (ExternalSetpoint)", o.dischargeReason());
    }

    @Test
    void external_limits_come_from_the_site_controller_and_discharge_is_allowed() {
        PolicyEngine e = engine();
        e.handle(new PolicyCommand.Manual("m", Mode.DISCHARGE, 8000), CommandSource.CTL, now);
        e.csms(new CsmsInput(Double.NaN, Double.NaN, Double.NaN, "CSMS TxProfile 11 (ExternalLimits)", "ExternalLimits", null));
        StepOutput o = step(e, 60, PolicyEngineTest.inService(60));
        assertEquals(-8000, o.targetPowerW(), 1e-9, "no CSMS cap: the limits are the external system's");
        e.handle(new PolicyCommand.SetLimits("l1", 6000, 4000, 60, "transformer"), CommandSource.MQTT, now);
        o = step(e, 60, PolicyEngineTest.inService(60));
        assertEquals(-4000, o.targetPowerW(), 1e-9);
        assertTrue(o.dischargeReason().startsWith("site limit from mqtt (transformer)"), o.dischargeReason());
    }
}
