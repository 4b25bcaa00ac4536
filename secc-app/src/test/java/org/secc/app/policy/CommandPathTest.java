package org.secc.app.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secc.app.grid.GridSafetySupervisor.State;
import org.secc.app.grid.GridStatus;

/**
 * The one command path: sources, site limits, dispatch setpoints with validity, per-source heartbeat
 * and connection supervision, and the precedence of secc-app/README-grid.md ("Precedence").
 */
class CommandPathTest {
    private static final long S = 1_000_000_000L;
    private static final String GRID = "grid_category = II\ngrid_nominal_frequency_hz = 60\n"
            + "max_charge_power_w = 11000\nmax_discharge_power_w = 10000\nsite_heartbeat_timeout_s = 30\n"
            + "failsafe_charge_power_w = 2000\nreversal_hold_s = 0\n";

    long now = 5 * S;

    PolicyEngine engine(double price) {
        PolicyEngine e = new PolicyEngine(PolicyEngineTest.policy(GRID));
        e.handle(new PolicyCommand.SetPrice("p0", price), CommandSource.MQTT, now);
        return e;
    }

    StepOutput step(PolicyEngine e, double soc) {
        return e.step(new StepInput(now, soc, 25, new GridStatus(State.IN_SERVICE, 1.0, 0.0, 60, 60, "in service", null)));
    }

    @Test
    void siteLimitsCapBothDirectionsWithSourceAndReason() {
        PolicyEngine e = engine(1.0); // price above threshold: discharge
        CommandResult r = e.handle(new PolicyCommand.SetLimits("l1", 6000, 3500, 60, "peak shaving"), CommandSource.MQTT, now);
        assertTrue(r.accepted(), r.message());
        StepOutput o = step(e, 60);
        assertEquals(Mode.DISCHARGE, o.mode());
        assertEquals(3500, o.dischargeLimitW());
        assertEquals("site limit from mqtt (peak shaving) 3.5 kW", o.dischargeReason());
        e.handle(new PolicyCommand.SetPrice("p1", 0.01), CommandSource.MQTT, now);
        o = step(e, 60);
        assertEquals(Mode.CHARGE, o.mode());
        assertEquals(6000, o.chargeLimitW());
        PolicyStatus st = e.status(now + 20 * S);
        assertEquals(1, st.limits().size());
        assertEquals(CommandSource.MQTT, st.limits().get(0).limit().source());
        assertEquals(40, st.limits().get(0).remainingS());
        assertEquals(CommandSource.MQTT, st.priceSource());
    }

    @Test
    void siteLimitsOutrankOperatorCommands() {
        PolicyEngine e = engine(0.2);
        e.handle(new PolicyCommand.ForceDischarge("f", 9000), CommandSource.CTL, now);
        e.handle(new PolicyCommand.SetLimits("l", Double.NaN, 4000, 60, "export cap"), CommandSource.OCPP, now);
        StepOutput o = step(e, 60);
        assertEquals(Mode.DISCHARGE, o.mode());
        assertEquals(4000, o.dischargeLimitW(), "the operator's 9 kW is capped by the site/CSMS limit");
        assertEquals(-4000, o.targetPowerW());
    }

    @Test
    void safetyOutranksSiteDispatch() {
        PolicyEngine e = engine(0.2);
        e.handle(new PolicyCommand.Dispatch("d", -7000, 60, null), CommandSource.MQTT, now);
        StepOutput o = step(e, 15); // below the 20 % reserve
        assertEquals(Mode.IDLE, o.mode());
        assertEquals(0, o.dischargeLimitW());
        e.handle(new PolicyCommand.EmergencyStop("e"), CommandSource.CTL, now);
        assertEquals(Mode.STOPPED, step(e, 60).mode());
    }

    @Test
    void dispatchSetpointDrivesTheTargetAndOutranksPriceAndOperator() {
        PolicyEngine e = engine(0.01); // price says charge
        e.handle(new PolicyCommand.Manual("m", Mode.CHARGE, 5000), CommandSource.CTL, now);
        e.handle(new PolicyCommand.Dispatch("d1", -7000, 30, "vpp"), CommandSource.MQTT, now);
        StepOutput o = step(e, 60);
        assertEquals(Mode.DISCHARGE, o.mode());
        assertEquals(-7000, o.targetPowerW());
        assertEquals("dispatch setpoint from mqtt (vpp) 7.0 kW", o.dischargeReason());
        e.handle(new PolicyCommand.Dispatch("d2", 3000, 30, "vpp"), CommandSource.MQTT, now);
        assertEquals(3000, step(e, 60).targetPowerW());
        e.handle(new PolicyCommand.Dispatch("d3", 0, 30, "vpp"), CommandSource.MQTT, now);
        assertEquals(Mode.IDLE, step(e, 60).mode());
    }

    @Test
    void aLapsedSetpointFallsBackToChargeOnlyUntilRenewedOrCleared() {
        PolicyEngine e = engine(1.0);
        e.handle(new PolicyCommand.Dispatch("d1", -5000, 10, null), CommandSource.MQTT, now);
        assertEquals(-5000, step(e, 60).targetPowerW());
        now += 10 * S - 1;
        assertEquals(-5000, step(e, 60).targetPowerW(), "valid up to its expiry");
        now += 1;
        StepOutput o = step(e, 60);
        assertEquals(Mode.CHARGE, o.mode(), "lapsed: the safe state is charge-only");
        assertEquals(2000, o.chargeLimitW());
        assertEquals("dispatch setpoint from mqtt lapsed", o.chargeReason());
        assertEquals(List.of("dispatch setpoint from mqtt lapsed"), e.status(now).failsafe());
        e.handle(new PolicyCommand.Dispatch("d2", -4000, 10, null), CommandSource.MQTT, now);
        assertEquals(-4000, step(e, 60).targetPowerW(), "a renewal lifts the fail-safe");
        now += 11 * S;
        assertEquals(Mode.CHARGE, step(e, 60).mode());
        e.handle(new PolicyCommand.ClearLimits("c"), CommandSource.MQTT, now);
        assertEquals(Mode.DISCHARGE, step(e, 60).mode(), "cleared: back to the price policy");
        assertFalse(e.status(now).failsafeActive());
    }

    /** A price with a validity: in force before its expiry instant, lapsed at it and after (charge-only, no price). */
    @Test
    void aPriceWithAValidityLapsesAtItsExpiryInstantToChargeOnly() {
        PolicyEngine e = new PolicyEngine(PolicyEngineTest.policy(GRID));
        CommandResult r = e.handle(new PolicyCommand.SetPrice("p1", 0.50, 900), CommandSource.MQTT, now);
        assertEquals("price 0.5 for 900 s", r.message());
        long expiry = now + 900 * S;
        now = expiry - 1;
        StepOutput o = step(e, 60);
        assertEquals(Mode.DISCHARGE, o.mode(), "1 ns before the expiry the price holds");
        assertEquals(10_000, o.dischargeLimitW());
        assertEquals(1, e.status(now).priceRemainingS());
        assertFalse(e.status(now).failsafeActive());

        now = expiry;
        o = step(e, 60);
        assertEquals(Mode.CHARGE, o.mode(), "at the expiry instant the price has lapsed: charge-only");
        assertEquals(0, o.dischargeLimitW());
        assertEquals("price from mqtt lapsed", o.dischargeReason());
        assertEquals(2000, o.chargeLimitW(), "charge at most failsafe_charge_power_w");
        PolicyStatus st = e.status(now);
        assertTrue(Double.isNaN(st.price()), "the lapsed price is forgotten");
        assertEquals(List.of("price from mqtt lapsed"), st.failsafe());
        assertEquals(-1, st.priceRemainingS());

        now = expiry + 3600 * S;
        o = step(e, 60);
        assertEquals(Mode.CHARGE, o.mode(), "long after: still charge-only");
        assertEquals("price from mqtt lapsed", o.dischargeReason());

        assertFalse(e.handle(new PolicyCommand.SetPrice("p2", 0.50, 0), CommandSource.MQTT, now).accepted(), "a validity of 0 is refused");
        assertFalse(e.handle(new PolicyCommand.SetPrice("p3", 0.50, 86_401), CommandSource.MQTT, now).accepted());
        assertEquals(List.of("price from mqtt lapsed"), e.status(now).failsafe(), "refusals change nothing");
        e.handle(new PolicyCommand.SetPrice("p4", 0.50, 60), CommandSource.MQTT, now);
        assertEquals(Mode.DISCHARGE, step(e, 60).mode(), "a new price lifts the fail-safe");
        assertEquals(60, e.status(now).priceRemainingS());
    }

    @Test
    void aLapsedPriceShowsInTheStatusWithoutAChargeLoopAndTheOperatorsPriceHasNoEnd() {
        PolicyEngine e = new PolicyEngine(PolicyEngineTest.policy(GRID));
        e.handle(new PolicyCommand.SetPrice("p1", 0.05, 10), CommandSource.MQTT, now);
        assertEquals(List.of("price from mqtt lapsed"), e.status(now + 10 * S).failsafe(), "no step() needed");
        e.handle(new PolicyCommand.ClearLimits("c"), CommandSource.MQTT, now + 10 * S);
        assertFalse(e.status(now + 10 * S).failsafeActive(), "clear-limits ends the source's price lapse");
        e.handle(new PolicyCommand.SetPrice("p2", 0.05), CommandSource.CTL, now);
        now += 86_400 * S * 30;
        assertEquals(0.05, e.status(now).price(), "secc ctl price has no validity");
        assertEquals(-1, e.status(now).priceRemainingS());
        assertEquals(Mode.CHARGE, step(e, 60).mode());
    }

    @Test
    void limitsLapseToo() {
        PolicyEngine e = engine(1.0);
        e.handle(new PolicyCommand.SetLimits("l", 8000, 8000, 5, null), CommandSource.OCPP, now);
        now += 5 * S;
        StepOutput o = step(e, 60);
        assertEquals(Mode.CHARGE, o.mode());
        assertEquals("site limit from ocpp lapsed", o.dischargeReason());
        e.handle(new PolicyCommand.ClearLimits("c"), CommandSource.CTL, now);
        assertEquals(Mode.DISCHARGE, step(e, 60).mode(), "the local operator clears every source's lapse");
    }

    @Test
    void heartbeatPerSourceAndConnectionLoss() {
        PolicyEngine e = engine(1.0);
        e.link(CommandSource.MQTT, true, now);
        e.heartbeat(CommandSource.MQTT, now);
        long hb = now;
        now = hb + 30 * S;
        assertEquals(Mode.DISCHARGE, step(e, 60).mode());
        e.link(CommandSource.MQTT, false, now); // the broker goes away
        now = hb + 31 * S;
        StepOutput o = step(e, 60);
        assertEquals(Mode.CHARGE, o.mode());
        assertEquals("site controller heartbeat lost 31 s (via mqtt)", o.chargeReason());
        assertEquals(0, o.dischargeLimitW());
        now += 30 * S;
        assertEquals(List.of("mqtt connection lost 31 s", "site controller heartbeat lost 61 s (via mqtt)"), e.status(now).failsafe());
        e.link(CommandSource.MQTT, true, now);
        assertEquals(Mode.CHARGE, step(e, 60).mode(), "the connection alone does not lift it: the heartbeat must return");
        e.heartbeat(CommandSource.MQTT, now);
        assertEquals(Mode.DISCHARGE, step(e, 60).mode(), "back with the broker and the heartbeat");
    }

    @Test
    void connectionLossAloneTripsTheFailSafeAfterTheTimeout() {
        PolicyEngine e = engine(1.0);
        e.link(CommandSource.OCPP, false, now);
        now += 30 * S;
        assertEquals(Mode.DISCHARGE, step(e, 60).mode());
        now += 1;
        assertEquals("ocpp connection lost 30 s", step(e, 60).dischargeReason());
    }

    @Test
    void idsAreRememberedPerSource() {
        PolicyEngine e = engine(0.2);
        CommandResult a = e.handle(new PolicyCommand.Dispatch("42", -3000, 60, null), CommandSource.MQTT, now);
        CommandResult b = e.handle(new PolicyCommand.Dispatch("42", -9000, 60, null), CommandSource.MQTT, now);
        assertTrue(a.accepted());
        assertTrue(b.duplicate());
        assertEquals(-3000, step(e, 60).targetPowerW(), "the duplicate changed nothing");
        CommandResult c = e.handle(new PolicyCommand.Auto("42"), CommandSource.OCPP, now);
        assertFalse(c.duplicate(), "another source's id space");
    }

    @Test
    void badLimitsAreRefusedWithTheReason() {
        PolicyEngine e = engine(0.2);
        assertEquals("limits need an import or an export limit",
                e.handle(new PolicyCommand.SetLimits("a", Double.NaN, Double.NaN, 10, null), CommandSource.MQTT, now).message());
        assertEquals("import limit must be 0 to 1000000 W",
                e.handle(new PolicyCommand.SetLimits("b", -1, 5, 10, null), CommandSource.MQTT, now).message());
        assertEquals("validity must be more than 0 and at most 86400 s",
                e.handle(new PolicyCommand.Dispatch("c", 100, 0, null), CommandSource.MQTT, now).message());
        assertEquals("dispatch setpoint must be a finite number of W within +-1000000",
                e.handle(new PolicyCommand.Dispatch("d", Double.POSITIVE_INFINITY, 10, null), CommandSource.MQTT, now).message());
        assertTrue(e.status(now).limits().isEmpty());
        assertEquals(Mode.IDLE, step(e, 60).mode());
    }

    @Test
    void oldHeartbeatKeyStillReadButNotBoth() {
        assertEquals(45, PolicyEngineTest.policy("heartbeat_timeout_s = 45\n").discharge().heartbeatTimeoutS());
        assertEquals(45, PolicyEngineTest.policy("site_heartbeat_timeout_s = 45\n").discharge().heartbeatTimeoutS());
        PolicyFile.Invalid bad = (PolicyFile.Invalid) PolicyFile.parse("heartbeat_timeout_s = 45\nsite_heartbeat_timeout_s = 45\n");
        assertEquals(List.of("line 1: heartbeat_timeout_s: is the older name of site_heartbeat_timeout_s; set only one of them"),
                bad.errors());
    }
}
