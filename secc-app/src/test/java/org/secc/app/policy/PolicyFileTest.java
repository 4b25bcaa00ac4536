package org.secc.app.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secc.app.grid.GridSafetySupervisor.State;
import org.secc.app.grid.GridStatus;

class PolicyFileTest {
    private static final long S = 1_000_000_000L;

    private static List<String> errors(String text) {
        return assertInstanceOf(PolicyFile.Invalid.class, PolicyFile.parse(text)).errors();
    }

    @Test
    void defaults() {
        Policy p = PolicyFile.defaults();
        assertNull(p.gridCode(), "charge-only until a grid code is set");
        DischargePolicy d = p.discharge();
        assertEquals(20, d.socReservePct());
        assertEquals(10, d.socFloorPct());
        assertEquals(45, d.derateStartC());
        assertEquals(75, d.derateEndC());
        assertEquals(300, d.reversalHoldS());
        assertEquals(59.7, d.urgencyFrequencyHz(), 1e-9);
    }

    @Test
    void urgencyDefaultFollowsTheGrid() {
        Policy p = ((PolicyFile.Loaded) PolicyFile.parse("grid_category = I\ngrid_nominal_frequency_hz = 50\n")).policy();
        assertEquals(49.7, p.discharge().urgencyFrequencyHz(), 1e-9);
    }

    @Test
    void exampleFileIsValid() throws Exception {
        try (InputStream in = PolicyFile.class.getResourceAsStream("policy-example.properties")) {
            assertNotNull(in);
            PolicyFile.Result r = PolicyFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertInstanceOf(PolicyFile.Loaded.class, r, r.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "soc_reserve_pct = 101 | line 1: soc_reserve_pct: 101 is out of range; allowed 0 to 100 %",
            "soc_floor_pct = 25 | line 1: soc_floor_pct: 25 is above soc_reserve_pct (20); allowed 0 to soc_reserve_pct",
            "max_discharge_power_w = -1 | line 1: max_discharge_power_w: -1 is out of range; allowed 0 to 1000000 W",
            "max_charge_power_w = 11 kW | line 1: max_charge_power_w: '11 kW' is not a decimal number; allowed 0 to 1000000 W",
            "derate_end_c = 40 | line 1: derate_end_c: 40 must be above derate_start_c (45)",
            "price_discharge_above = 0.05 | line 1: price_discharge_above: 0.05 is below price_charge_below (0.1); allowed price_charge_below or more",
            "no_price_mode = discharge | line 1: no_price_mode: 'discharge' is not allowed; allowed CHARGE, IDLE, EV",
            "reversal_hold_s = 4000 | line 1: reversal_hold_s: 4000 is out of range; allowed 0 to 3600 s",
            "urgency_frequency_hz = 59.8 x | line 1: urgency_frequency_hz: '59.8 x' is not a decimal number; allowed 57 to 60 Hz",
            "heartbeat_timeout_s = -2 | line 1: heartbeat_timeout_s: -2 is out of range; allowed 0 to 3600 s (0 = no site controller)",
            "failsafe_charge_power_w = 20000 | line 1: failsafe_charge_power_w: 20000 is above max_charge_power_w (11000); allowed 0 to max_charge_power_w",
            "soc_reserve = 20 | line 1: soc_reserve: unknown key; allowed: soc_floor_pct, soc_reserve_pct",
            "just text | line 1: 'just text' is not 'key = value'"})
    void exactMessages(String line, String message) {
        assertEquals(List.of(message), errors(line + "\n"));
    }

    @Test
    void everyErrorIsReported() {
        List<String> e = errors("# comment\nsoc_reserve_pct = 200\n\nmax_charge_power_w = x\nsoc_reserve_pct = 5\n");
        assertEquals(List.of(
                "line 5: soc_reserve_pct: set twice (first at line 2); allowed once",
                "line 2: soc_reserve_pct: 200 is out of range; allowed 0 to 100 %",
                "line 4: max_charge_power_w: 'x' is not a decimal number; allowed 0 to 1000000 W"), e);
    }

    @Test
    void reloadValidAppliesAtNextStepInvalidKeepsOld(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("policy.properties");
        Files.writeString(f, "grid_category = II\nmax_discharge_power_w = 5000\n");
        PolicyEngine e = new PolicyEngine(PolicyFile.defaults());
        e.handle(new PolicyCommand.SetPrice("p", 1.0), CommandSource.CTL, 0);
        GridStatus g = new GridStatus(State.IN_SERVICE, 1, 0, 60, 60, "in service", null);
        assertEquals(0, e.step(new StepInput(S, 80, 25, g)).dischargeLimitW(), "no grid code yet");

        assertInstanceOf(PolicyFile.Loaded.class, e.reload(f));
        StepOutput o = e.step(new StepInput(2 * S, 80, 25, g));
        assertEquals(5000, o.dischargeLimitW(), "applied at the next step");

        Files.writeString(f, "grid_category = II\nmax_discharge_power_w = 5000\nsoc_floor_pct = 30\n");
        PolicyFile.Invalid bad = assertInstanceOf(PolicyFile.Invalid.class, e.reload(f));
        assertEquals(List.of(f + ":3: soc_floor_pct: 30 is above soc_reserve_pct (20); allowed 0 to soc_reserve_pct"),
                bad.errors());
        assertEquals(5000, e.step(new StepInput(3 * S, 80, 25, g)).dischargeLimitW(), "old policy kept");

        PolicyFile.Invalid missing = assertInstanceOf(PolicyFile.Invalid.class, e.reload(dir.resolve("nope")));
        assertEquals(List.of(dir.resolve("nope") + ": no such file"), missing.errors());
        assertEquals(5000, e.step(new StepInput(4 * S, 80, 25, g)).dischargeLimitW());
    }

    @Test
    void reloadDoesNotResetSessionState(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p");
        Files.writeString(f, "grid_category = II\nsession_dod_limit_pct = 10\n");
        PolicyEngine e = new PolicyEngine(((PolicyFile.Loaded) PolicyFile.load(f)).policy());
        e.handle(new PolicyCommand.SetPrice("p", 1.0), CommandSource.CTL, 0);
        GridStatus g = new GridStatus(State.IN_SERVICE, 1, 0, 60, 60, "in service", null);
        e.startSession(80);
        assertEquals(0, e.step(new StepInput(S, 70, 25, g)).dischargeLimitW());
        Files.writeString(f, "grid_category = II\nsession_dod_limit_pct = 20\n");
        e.reload(f);
        assertEquals(11000, e.step(new StepInput(2 * S, 70, 25, g)).dischargeLimitW(), "same session, new limit");
    }
}
