package org.secc.hal.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.secc.hal.linux.DigitalLines;
import org.secc.hal.linux.SysfsTemperatures;
import org.secc.hal.modbus.J2modBus;
import org.secc.hal.modbus.ModbusGridMonitor;
import org.secc.hal.modbus.ModbusIsolationMonitor;
import org.secc.hal.modbus.ModbusPowerStage;
import org.secc.hal.modbus.RegisterMap;
import org.secc.hal.modbus.SunSpecDevice;
import org.secc.hal.power.PowerCapabilities;
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
     * {@code grid.*} keys (the caller steps it). {@code linux}: the real drivers ({@link #linux}) with
     * their polling started; close the {@link Hal} to stop it.
     *
     * @throws HalConfigException naming the key whose device cannot be used
     */
    public static Hal build(HalConfig cfg) {
        if (cfg.backend().equals("sim")) {
            SimBench bench = simBench(cfg);
            return new Hal(bench.controlPilot(), cfg.cp(), bench.contactors(), bench.powerStage(), bench.grid(),
                    bench.isolationMonitor(), bench.temperatures(), bench.emergencyStop(), Optional.of(bench));
        }
        return linux(cfg, GpioLines.OPENER).start();
    }

    /**
     * The linux backend's drivers: control pilot on sysfs PWM + IIO ADC, contactors / mirror / emergency
     * stop on GPIO lines opened by {@code gpio} ({@code GpioLines.OPENER} on a board), power stage, grid
     * meter and insulation monitor on Modbus (TCP or RTU, with shipped or own maps), temperatures from
     * hwmon / thermal sysfs. Everything opened so far is closed again when a later part fails.
     */
    public static LinuxParts linux(HalConfig cfg, DigitalLines.Opener gpio) {
        if (!cfg.backend().equals("linux")) {
            throw new IllegalArgumentException("hal.backend is " + cfg.backend() + ", not linux");
        }
        List<AutoCloseable> opened = new ArrayList<>();
        Map<String, J2modBus> connections = new HashMap<>();
        try {
            LinuxControlPilot cp = part("linux.pwm_chip_path / linux.adc_device_path",
                    "a sysfs PWM chip and IIO device of this board", () -> linuxControlPilot(cfg));
            GpioContactors contactors = part("linux.gpio_chip / linux.gpio_contactor_line / linux.gpio_mirror_line",
                    "a GPIO chip and lines this process may request", () -> linuxContactors(cfg, gpio, opened));
            GpioEmergencyStop estop = part("linux.gpio_estop_line", "a GPIO line this process may request",
                    () -> linuxEmergencyStop(cfg, gpio, opened));
            PowerCapabilities caps = cfg.power();
            J2modBus powerBus = part("power.modbus", "a reachable Modbus device",
                    () -> connect(cfg, "power.modbus", connections, opened));
            RegisterMap powerMap;
            if (cfg.string("power.map").equals("sunspec")) {
                SunSpecDevice d = part("power.map", "sunspec on a device with models 701 and 704",
                        () -> SunSpecDevice.discover(powerBus));
                powerMap = part("power.map", "sunspec on a device with models 701 and 704", d::powerStageMap);
                Optional<SunSpecDevice.Ratings> r = part("power.map", "a readable model 702", d::ratings);
                if (r.isPresent()) {
                    caps = derated(caps, r.get());
                }
            } else {
                powerMap = part("power.map", "generic-dc-bidirectional, sunspec, or a map file",
                        () -> map(cfg.string("power.map")));
            }
            ModbusPowerStage power = new ModbusPowerStage(powerBus, powerMap, caps, System::nanoTime);
            J2modBus meterBus = part("grid.meter_modbus", "a reachable Modbus meter",
                    () -> connect(cfg, "grid.meter_modbus", connections, opened));
            RegisterMap meterMap = cfg.string("grid.meter_map").equals("sunspec")
                    ? part("grid.meter_map", "sunspec on a meter with model 201-204 or 701",
                            () -> SunSpecDevice.discover(meterBus).meterMap())
                    : part("grid.meter_map", "a map file", () -> map(cfg.string("grid.meter_map")));
            ModbusGridMonitor grid = new ModbusGridMonitor(meterBus, meterMap, cfg.integer("grid.phases"),
                    cfg.number("grid.nominal_voltage_v"), cfg.number("grid.nominal_frequency_hz"), System::nanoTime);
            J2modBus imdBus = part("isolation.modbus", "a reachable Modbus insulation monitor",
                    () -> connect(cfg, "isolation.modbus", connections, opened));
            ModbusIsolationMonitor imd = new ModbusIsolationMonitor(imdBus,
                    part("isolation.map", "generic-imd or a map file", () -> map(cfg.string("isolation.map"))));
            String sel = cfg.string("linux.temperature_sensors").strip();
            Set<String> selected = sel.equals("all") ? Set.of()
                    : Arrays.stream(sel.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                            .collect(Collectors.toCollection(LinkedHashSet::new));
            SysfsTemperatures temps = part("linux.sysfs_root / linux.temperature_sensors",
                    "a sysfs tree with those hwmon / thermal sensors",
                    () -> new SysfsTemperatures(Path.of(cfg.string("linux.sysfs_root")), selected));
            long supervision = Math.max(1, (long) cfg.number("linux.contactor_supervision_ms") / 4);
            return new LinuxParts(cp, cfg.cp(), contactors, power, grid, imd, temps, estop,
                    new LinuxParts.Periods(cfg.integer("power.poll_period_ms"), cfg.integer("grid.sample_period_ms"),
                            cfg.integer("isolation.poll_period_ms"), supervision), opened);
        } catch (RuntimeException e) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already failing; the first problem is the one to report
                }
            }
            throw e;
        }
    }

    private interface Part<T> {
        T make() throws Exception;
    }

    /** Runs one construction step; a failure names the key, what went wrong and what is allowed. */
    private static <T> T part(String key, String allowed, Part<T> p) {
        try {
            return p.make();
        } catch (HalConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new HalConfigException(List.of("key '" + key + "': " + e.getMessage() + "; allowed: " + allowed));
        }
    }

    private static RegisterMap map(String value) throws IOException {
        return switch (value) {
            case "generic-dc-bidirectional" -> RegisterMap.resource("generic-bidir-dc.map");
            case "generic-imd" -> RegisterMap.resource("generic-imd.map");
            default -> RegisterMap.load(Path.of(value));
        };
    }

    /** One connection per TCP endpoint or serial port; further units on it share it. */
    private static J2modBus connect(HalConfig cfg, String base, Map<String, J2modBus> connections,
                                    List<AutoCloseable> opened) throws IOException {
        boolean tcp = cfg.string(base).equals("tcp");
        String endpoint = tcp ? "tcp:" + cfg.string(base + "_host") + ":" + cfg.integer(base + "_port")
                : "rtu:" + cfg.string(base + "_serial_port");
        int unit = cfg.integer(base + "_unit");
        J2modBus shared = connections.get(endpoint);
        if (shared != null) {
            return shared.forUnit(unit);
        }
        int timeout = cfg.integer(base + "_timeout_ms");
        J2modBus bus = tcp ? J2modBus.tcp(cfg.string(base + "_host"), cfg.integer(base + "_port"), unit, timeout)
                : J2modBus.rtu(cfg.string(base + "_serial_port"), cfg.integer(base + "_baud"),
                        cfg.string(base + "_parity"), unit, timeout);
        connections.put(endpoint, bus);
        opened.add(bus);
        return bus;
    }

    /** The configured ratings, lowered to what the DER's model 702 says it can do. */
    private static PowerCapabilities derated(PowerCapabilities c, SunSpecDevice.Ratings r) {
        double ch = Double.isNaN(r.maxChargeW()) ? c.maxChargePowerW() : Math.min(c.maxChargePowerW(), r.maxChargeW());
        double dis = Double.isNaN(r.maxDischargeW()) ? c.maxDischargePowerW()
                : Math.min(c.maxDischargePowerW(), r.maxDischargeW());
        return new PowerCapabilities(c.minVoltageV(), c.maxVoltageV(), c.maxChargeCurrentA(), ch,
                c.maxDischargeCurrentA(), dis, c.currentRampAPerS());
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
        return linuxContactors(cfg, GpioLines.OPENER, new ArrayList<>());
    }

    static GpioContactors linuxContactors(HalConfig cfg, DigitalLines.Opener gpio, List<AutoCloseable> opened) {
        int drive = cfg.integer("linux.gpio_contactor_line");
        int mirror = cfg.integer("linux.gpio_mirror_line");
        if (drive < 0 || mirror < 0) {
            throw new HalConfigException(List.of("keys 'linux.gpio_contactor_line' and 'linux.gpio_mirror_line' must "
                    + "name the wired GPIO lines (0..1023), got " + drive + " and " + mirror));
        }
        String chip = cfg.string("linux.gpio_chip");
        DigitalLines d = gpio.open(chip, new int[] {drive}, true, false, "secc-contactor");
        opened.add(d);
        DigitalLines m = gpio.open(chip, new int[] {mirror}, false, cfg.flag("linux.gpio_mirror_active_low"),
                "secc-mirror");
        opened.add(m);
        return new GpioContactors(d, m, (long) (cfg.number("linux.contactor_supervision_ms") * 1e6), System::nanoTime);
    }

    /** Emergency stop on GPIO ({@code linux.gpio_estop_line}, normally-closed loop). */
    public static GpioEmergencyStop linuxEmergencyStop(HalConfig cfg) {
        return linuxEmergencyStop(cfg, GpioLines.OPENER, new ArrayList<>());
    }

    static GpioEmergencyStop linuxEmergencyStop(HalConfig cfg, DigitalLines.Opener gpio, List<AutoCloseable> opened) {
        int line = cfg.integer("linux.gpio_estop_line");
        if (line < 0) {
            throw new HalConfigException(List.of("key 'linux.gpio_estop_line': must name the wired GPIO line (0..1023)"));
        }
        // edge-driven where the chip can: the emergency-stop thread blocks on the line's events
        DigitalLines l = gpio.openInputWithEdges(cfg.string("linux.gpio_chip"), new int[] {line}, false, "secc-estop");
        opened.add(l);
        return new GpioEmergencyStop(l);
    }
}
