package org.secc.hal.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.secc.hal.linux.GpioContactors;
import org.secc.hal.linux.GpioEmergencyStop;
import org.secc.hal.linux.GpioLines;
import org.secc.hal.linux.IioAdc;
import org.secc.hal.linux.LinuxControlPilot;
import org.secc.hal.linux.SysfsPwm;
import org.secc.hal.sim.SimBattery;
import org.secc.hal.sim.SimBench;

/** Builds the {@link Hal} selected by {@code hal.backend}. */
public final class HalFactory {
    private HalFactory() { }

    /**
     * Builds the hardware. {@code sim}: a {@link SimBench} from the {@code sim.*}, {@code power.*} and
     * {@code grid.*} keys (the caller steps it). {@code linux}: see {@link #linuxControlPilot} etc.;
     * the full linux HAL needs a power-stage, grid-meter, isolation and temperature driver, which this
     * module does not have yet (Modbus), so it is refused with a clear message.
     */
    public static Hal build(HalConfig cfg) {
        if (cfg.backend().equals("sim")) {
            SimBench bench = simBench(cfg);
            return new Hal(bench.controlPilot(), cfg.cp(), bench.contactors(), bench.powerStage(), bench.grid(),
                    bench.isolationMonitor(), bench.temperatures(), bench.emergencyStop(), Optional.of(bench));
        }
        throw new HalConfigException(List.of("key 'hal.backend': 'linux' can drive the control pilot, contactors and "
                + "emergency stop (HalFactory.linuxControlPilot/linuxContactors/linuxEmergencyStop), but this build "
                + "has no power-stage, grid-meter, isolation or temperature driver for Linux; allowed for a full HAL: sim"));
    }

    public static SimBench simBench(HalConfig cfg) {
        SimBattery battery = new SimBattery(cfg.number("sim.battery_capacity_wh"), cfg.number("sim.battery_initial_soc"),
                cfg.number("sim.battery_empty_v"), cfg.number("sim.battery_full_v"),
                cfg.number("sim.battery_internal_ohm"), cfg.number("sim.battery_max_charge_current_a"),
                cfg.number("sim.battery_max_discharge_current_a"));
        return SimBench.builder().battery(battery).capabilities(cfg.power()).efficiency(cfg.number("sim.efficiency"))
                .grid(cfg.number("grid.nominal_voltage_v"), cfg.number("grid.nominal_frequency_hz"),
                        cfg.integer("grid.phases"))
                .gridSamplePeriod(Duration.ofMillis(cfg.integer("grid.sample_period_ms"))).build();
    }

    /** Control pilot on sysfs PWM + IIO ADC ({@code linux.pwm_*}, {@code linux.adc_*}). */
    public static LinuxControlPilot linuxControlPilot(HalConfig cfg) {
        SysfsPwm pwm = new SysfsPwm(Path.of(cfg.string("linux.pwm_chip_path")), cfg.integer("linux.pwm_channel"),
                (long) cfg.number("linux.pwm_period_ns"));
        return new LinuxControlPilot(pwm, new IioAdc(Path.of(cfg.string("linux.adc_device_path"))),
                cfg.integer("linux.adc_cp_high_channel"), cfg.integer("linux.adc_cp_low_channel"),
                cfg.number("linux.adc_cp_gain"), cfg.number("linux.adc_cp_offset_v"), System::nanoTime);
    }

    /** Contactors on GPIO ({@code linux.gpio_contactor_line}, {@code linux.gpio_mirror_line}). */
    public static GpioContactors linuxContactors(HalConfig cfg) {
        int drive = cfg.integer("linux.gpio_contactor_line");
        int mirror = cfg.integer("linux.gpio_mirror_line");
        if (drive < 0 || mirror < 0) {
            throw new HalConfigException(List.of("keys 'linux.gpio_contactor_line' and 'linux.gpio_mirror_line' must "
                    + "name the wired GPIO lines (0..1023), got " + drive + " and " + mirror));
        }
        String chip = cfg.string("linux.gpio_chip");
        return new GpioContactors(new GpioLines(chip, new int[] {drive}, true, false, "secc-contactor"),
                new GpioLines(chip, new int[] {mirror}, false, cfg.flag("linux.gpio_mirror_active_low"), "secc-mirror"),
                (long) (cfg.number("linux.contactor_supervision_ms") * 1e6), System::nanoTime);
    }

    /** Emergency stop on GPIO ({@code linux.gpio_estop_line}, normally-closed loop). */
    public static GpioEmergencyStop linuxEmergencyStop(HalConfig cfg) {
        int line = cfg.integer("linux.gpio_estop_line");
        if (line < 0) {
            throw new HalConfigException(List.of("key 'linux.gpio_estop_line': must name the wired GPIO line (0..1023)"));
        }
        return new GpioEmergencyStop(new GpioLines(cfg.string("linux.gpio_chip"), new int[] {line}, false, false,
                "secc-estop"));
    }
}
