package org.secc.bench;

/**
 * The simulated bench the demo, the tests and the benchmarks share: the EV emulator's 2 kWh bench pack
 * (350–420 V, 100 A charge, 50 A discharge) on the default 50 kW bidirectional stage and a 230 V / 50 Hz
 * grid, and a policy that lets the car's request pick the direction.
 */
public final class BenchPack {

    private BenchPack() {
    }

    /** HAL keys of the bench (sim backend). */
    public static final String HAL = """
            hal.backend = sim
            sim.battery_capacity_wh = 2000
            sim.battery_initial_soc = 0.5
            sim.battery_empty_v = 350
            sim.battery_full_v = 420
            sim.battery_internal_ohm = 0.05
            sim.battery_max_charge_current_a = 100
            sim.battery_max_discharge_current_a = 50
            grid.nominal_voltage_v = 230
            grid.nominal_frequency_hz = 50
            """;

    /**
     * Grid code category II at 50 Hz with a short enter-service delay and ramp (bench time is short),
     * 40 kW charge and 20 kW discharge, no price: the car's request picks the direction.
     */
    public static String policy(int enterServiceDelayS, int enterServiceRampS) {
        return """
                grid_category = II
                grid_nominal_frequency_hz = 50
                grid_nominal_voltage_v = 230
                enter_service_delay_s = %d
                enter_service_ramp_s = %d
                max_charge_power_w = 40000
                max_discharge_power_w = 20000
                no_price_mode = ev
                site_heartbeat_timeout_s = 0
                """.formatted(enterServiceDelayS, enterServiceRampS);
    }
}
