package org.secc.hal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.secc.hal.power.PowerTarget;

class HalConfigTest {

    @Test
    void defaultsAreValidAndSafe() {
        HalConfig c = HalConfig.defaults();
        assertEquals("sim", c.backend());
        assertEquals(Duration.ofMillis(10), c.cp().faultDebounce());
        assertEquals(50_000, c.power().maxDischargePowerW());
        assertTrue(HalConfig.describe().stream().anyMatch(l -> l.startsWith("power.max_discharge_power_w = 50000")));
    }

    @Test
    void parsesValuesCommentsAndIgnoresOtherModules() {
        HalConfig c = HalConfig.parse("""
                # charger
                hal.backend = sim
                power.max_discharge_power_w = 11000   # 11 kW V2G
                grid.nominal_frequency_hz=60
                grid.nominal_voltage_v = 120
                session.evse_id = DE*ABC*E1   # owned by another module
                """);
        assertEquals(11_000, c.power().maxDischargePowerW());
        assertEquals(60, c.number("grid.nominal_frequency_hz"));
    }

    @Test
    void reportsEveryProblemWithKeyAndAllowedValues() {
        HalConfigException e = assertThrows(HalConfigException.class, () -> HalConfig.parse("""
                hal.backend = arduino
                cp.fault_debounce_ms = 60
                power.max_voltage_v = lots
                power.max_voltge_v = 500
                grid.phases = 2
                this line is broken
                """));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("line 1: hal.backend: 'arduino' is not allowed; allowed sim, linux"), all);
        assertTrue(all.contains("line 2: cp.fault_debounce_ms: 60 is out of range; allowed 0 to 50"), all);
        assertTrue(all.contains("line 3: power.max_voltage_v: 'lots' is not a decimal number"), all);
        assertTrue(all.contains("line 4: power.max_voltge_v: unknown key; allowed: "), all);
        assertTrue(all.contains("power.max_voltage_v,"), "suggests known keys");
        assertTrue(all.contains("line 6: 'this line is broken' is not 'key = value'"), all);
        assertEquals(5, e.problems().size(), all);
    }

    @Test
    void crossChecks() {
        HalConfigException e = assertThrows(HalConfigException.class, () -> HalConfig.parse("""
                grid.phases = 2
                grid.nominal_frequency_hz = 55
                power.min_voltage_v = 500
                power.max_voltage_v = 400
                """));
        assertEquals(3, e.problems().size(), String.join("\n", e.problems()));
    }

    @Test
    void simFactoryBuildsAWorkingBench() {
        Hal hal = HalFactory.build(HalConfig.parse("sim.battery_initial_soc = 0.3\npower.max_charge_current_a = 50\n"));
        var bench = hal.bench().orElseThrow();
        assertEquals(0.3, bench.battery().soc(), 1e-12);
        hal.contactors().close();
        bench.step(Duration.ofMillis(50));
        hal.powerStage().setTarget(new PowerTarget(450, 100, 1e6));
        hal.powerStage().enable();
        bench.step(Duration.ofSeconds(2));
        assertEquals(50, hal.powerStage().present().currentA(), 1e-9, "clamped by configured rating");
    }

    @Test
    void linuxPartsRefuseTheSimBackendAndUnwiredLines() {
        assertThrows(IllegalArgumentException.class, () -> HalFactory.linux(HalConfig.defaults(), null));
        assertThrows(HalConfigException.class, () -> HalFactory.linuxContactors(HalConfig.defaults()));
        assertTrue(HalConfig.describe().stream().anyMatch(l -> l.startsWith("power.map = generic-dc-bidirectional")));
        assertTrue(HalConfig.describe().stream().anyMatch(l -> l.startsWith("grid.meter_modbus_parity = none")));
    }
}
