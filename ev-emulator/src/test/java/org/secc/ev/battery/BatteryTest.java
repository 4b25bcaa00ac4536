package org.secc.ev.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BatteryTest {
    @Test
    void chargingRaisesSocByEnergyOverCapacity() {
        Battery b = new Battery(10_000, 50, 300, 400, 100, 50, 40_000, 20_000);
        b.integrate(100, 360, 1000); // 36 kW for 1000 s = 10 kWh
        assertEquals(100, b.soc(), 1e-9); // clamped
        assertEquals(10_000, b.chargedWh(), 1e-6);
    }

    @Test
    void dischargingLowersSocAndCountsDischargedEnergy() {
        Battery b = new Battery(10_000, 50, 300, 400, 100, 50, 40_000, 20_000);
        b.integratePower(-3_600, 1000); // 1 kWh out
        assertEquals(40, b.soc(), 1e-9);
        assertEquals(1000, b.dischargedWh(), 1e-9);
        assertEquals(0, b.chargedWh(), 0);
    }

    @Test
    void voltageFollowsSocLinearly() {
        assertEquals(350, new Battery(1000, 50, 300, 400, 1, 1, 1, 1).voltage(), 1e-9);
        assertEquals(300, new Battery(1000, 0, 300, 400, 1, 1, 1, 1).voltage(), 1e-9);
    }

    @Test
    void ownVoltageIsUsedWhenTheSeccReportsNone() {
        Battery b = new Battery(3_500, 0, 350, 450, 100, 50, 40_000, 20_000);
        b.integrate(10, 0, 3600); // 10 A × 350 V × 1 h = 3.5 kWh
        assertEquals(100, b.soc(), 1e-9);
    }

    @Test
    void energyWindows() {
        Battery b = new Battery(10_000, 50, 300, 400, 1, 1, 1, 1);
        assertEquals(3_000, b.energyTo(80), 1e-9);
        assertEquals(0, b.energyTo(40), 0);
        assertEquals(3_000, b.energyAbove(20), 1e-9);
        assertEquals(0, b.energyAbove(60), 0);
    }

    @Test
    void invalidParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Battery(0, 50, 300, 400, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Battery(1, 101, 300, 400, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Battery(1, 50, 400, 300, 1, 1, 1, 1));
    }
}
