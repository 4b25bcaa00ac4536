package org.secc.hal.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.secc.common.config.ConfigText;
import org.secc.hal.cp.CpConfig;
import org.secc.hal.power.PowerCapabilities;

/**
 * The hardware part of the application's config file: {@code key = value} lines, {@code #}
 * comments, units in key names. Keys under {@code hal.}, {@code cp.}, {@code power.}, {@code grid.},
 * {@code sim.} and {@code linux.} belong to this module; other keys are ignored (other modules own
 * them). Everything is validated at load; all problems are reported together.
 */
public final class HalConfig {
    /** Definition of one key. */
    record Key(String name, String kind, String dflt, double min, double max, String help) { }

    static final Map<String, Key> KEYS = new LinkedHashMap<>();

    private static void num(String name, String dflt, double min, double max, String help) {
        KEYS.put(name, new Key(name, "number", dflt, min, max, help));
    }

    private static void str(String name, String dflt, String allowed) {
        KEYS.put(name, new Key(name, "string", dflt, 0, 0, allowed));
    }

    /** The keys of one Modbus connection, {@code base} = tcp|rtu and {@code base_*} settings. */
    private static void modbus(String base, String unit) {
        str(base, "tcp", "tcp|rtu");
        str(base + "_host", "127.0.0.1", "a host name or IP address (tcp)");
        num(base + "_port", "502", 1, 65535, "TCP port (tcp)");
        num(base + "_unit", unit, 0, 247, "Modbus unit / slave id");
        num(base + "_timeout_ms", "500", 10, 10000, "answer timeout");
        str(base + "_serial_port", "/dev/ttyUSB0", "a serial device path (rtu)");
        num(base + "_baud", "19200", 1200, 921600, "bits per second (rtu), 8 data bits, 1 stop bit");
        str(base + "_parity", "none", "none|even|odd");
    }

    /** Shipped map names per key (anything else must be the path of a map file). */
    static final Map<String, List<String>> SHIPPED_MAPS = Map.of(
            "power.map", List.of("generic-dc-bidirectional", "sunspec"),
            "grid.meter_map", List.of("sunspec"),
            "isolation.map", List.of("generic-imd"));

    static {
        str("hal.backend", "sim", "sim|linux");
        num("cp.debounce_ms", "20", 1, 500, "A–D debounce");
        num("cp.fault_debounce_ms", "10", 0, 50, "E/F debounce (100 ms open bound)");
        num("cp.pilot_lost_ms", "50", 5, 80, "no CP sample for this long = E");
        num("cp.t_step_ef_ms", "4000", 4000, 60000, "ISO 15118-3 T_step_EF");
        num("cp.t_step_x1_ms", "3000", 3000, 60000, "IEC 61851-1 T_step_X1");
        num("cp.power_off_in_c1_ms", "6000", 0, 6000, "PWM off in C: force power off");
        str("cp.ventilation_available", "false", "true|false");
        num("power.min_voltage_v", "150", 0, 1500, "");
        num("power.max_voltage_v", "920", 0, 1500, "");
        num("power.max_charge_current_a", "125", 0, 1000, "");
        num("power.max_charge_power_w", "50000", 0, 1_000_000, "");
        num("power.max_discharge_current_a", "125", 0, 1000, "0 = not bidirectional");
        num("power.max_discharge_power_w", "50000", 0, 1_000_000, "0 = not bidirectional");
        num("power.current_ramp_a_per_s", "100", 0.1, 100_000, "");
        num("grid.nominal_voltage_v", "230", 50, 1000, "line-to-neutral RMS");
        num("grid.nominal_frequency_hz", "50", 50, 60, "50 or 60");
        num("grid.phases", "3", 1, 3, "1 or 3");
        num("grid.sample_period_ms", "10", 1, 1000, "");
        num("sim.efficiency", "0.96", 0.5, 1, "power stage efficiency");
        // The simulated car's battery defaults to the EV emulator's bench pack (2 kWh, 350-420 V, 100 A
        // charge, 50 A discharge): the two sides of a bench agree on the car without extra keys.
        num("sim.battery_capacity_wh", "2000", 1000, 500_000, "");
        num("sim.battery_initial_soc", "0.5", 0, 1, "0..1; each plug-in is a new car at this SOC");
        num("sim.battery_empty_v", "350", 10, 1500, "");
        num("sim.battery_full_v", "420", 10, 1500, "");
        num("sim.battery_internal_ohm", "0.05", 0, 10, "");
        num("sim.battery_max_charge_current_a", "100", 0, 1000, "");
        num("sim.battery_max_discharge_current_a", "50", 0, 1000, "");
        str("linux.pwm_chip_path", "/sys/class/pwm/pwmchip0", "a directory path");
        num("linux.pwm_channel", "0", 0, 63, "");
        num("linux.pwm_period_ns", "1000000", 980_392, 1_020_409, "1 kHz ±2 %");
        str("linux.adc_device_path", "/sys/bus/iio/devices/iio:device0", "a directory path");
        num("linux.adc_cp_high_channel", "0", 0, 63, "");
        num("linux.adc_cp_low_channel", "1", 0, 63, "");
        num("linux.adc_cp_gain", "10", -1000, 1000, "CP volts per ADC volt");
        num("linux.adc_cp_offset_v", "-15", -100, 100, "CP volts at 0 V ADC");
        str("linux.gpio_chip", "/dev/gpiochip0", "a character device path");
        num("linux.gpio_contactor_line", "-1", -1, 1023, "-1 = not wired");
        num("linux.gpio_mirror_line", "-1", -1, 1023, "-1 = not wired");
        str("linux.gpio_mirror_active_low", "false", "true|false");
        num("linux.gpio_estop_line", "-1", -1, 1023, "-1 = not wired");
        num("linux.contactor_supervision_ms", "100", 10, 1000, "mirror must follow within this");
        str("linux.sysfs_root", "/sys", "a directory path (hwmon and thermal sensors are found below it)");
        str("linux.temperature_sensors", "all", "all, or sensor names separated by commas ("
                + "hwmon '<chip>/<label>', thermal zone '<type>')");
        // linux backend: power stage, grid meter and insulation monitor on Modbus
        str("power.map", "generic-dc-bidirectional", "generic-dc-bidirectional, sunspec, or the path of a .map file");
        modbus("power.modbus", "1");
        num("power.poll_period_ms", "100", 10, 10000, "present values and fault code");
        str("grid.meter_map", "sunspec", "sunspec (meter model 201-204, else 701), or the path of a .map file");
        modbus("grid.meter_modbus", "2");
        str("isolation.map", "generic-imd", "generic-imd, or the path of a .map file");
        modbus("isolation.modbus", "3");
        num("isolation.poll_period_ms", "100", 10, 10000, "");
    }

    /** The whole-number keys, decided once from the names (not per key on every parse). */
    private static final java.util.Set<String> WHOLE_KEYS = java.util.Set.copyOf(
            KEYS.keySet().stream().filter(HalConfig::whole).toList());

    private static final List<String> OWNED = List.of("hal.", "cp.", "power.", "grid.", "sim.", "linux.", "isolation.");

    private final Map<String, String> values;

    private HalConfig(Map<String, String> values) {
        this.values = values;
    }

    /** All defaults. */
    public static HalConfig defaults() {
        return parse("");
    }

    public static HalConfig load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses and validates the HAL's keys of a text; throws {@link HalConfigException} listing every problem. */
    public static HalConfig parse(String text) {
        ConfigText t = ConfigText.parse(text);
        HalConfig c = from(t);
        t.checkUnknownKeys(OWNED.toArray(String[]::new));
        if (!t.errors().isEmpty()) {
            throw new HalConfigException(t.errors());
        }
        return c;
    }

    /** Keys whose values are whole numbers (ports, unit ids, channels, lines, counts). */
    private static boolean whole(String key) {
        return key.endsWith("_port") || key.endsWith("_unit") || key.endsWith("_baud") || key.endsWith("_channel")
                || key.endsWith("_line") || key.equals("grid.phases") || key.endsWith("_ns");
    }

    /**
     * Reads the HAL's keys from the service's configuration text (the one parser: errors are recorded in
     * {@code t}, naming the file, line and key). The caller checks {@code t.errors()} and unknown keys.
     */
    public static HalConfig from(ConfigText t) {
        Map<String, String> v = new TreeMap<>();
        int before = t.errors().size();
        for (Key k : KEYS.values()) {
            String value;
            if (k.kind().equals("number")) {
                if (WHOLE_KEYS.contains(k.name())) {
                    value = Long.toString(t.integer(k.name(), (long) Double.parseDouble(k.dflt()), (long) k.min(), (long) k.max(), k.help()));
                } else {
                    value = fmt(t.number(k.name(), Double.parseDouble(k.dflt()), k.min(), k.max(), k.help()));
                }
            } else if (k.help().contains("|")) {
                value = t.choice(k.name(), k.dflt(), k.help().split("\\|"));
            } else {
                value = t.string(k.name(), k.dflt());
                if (value.isEmpty()) {
                    t.error(k.name(), "empty; allowed " + k.help());
                }
            }
            v.put(k.name(), value);
        }
        if (t.errors().size() == before) {
            check(v, t::error);
        }
        return new HalConfig(Collections.unmodifiableMap(v));
    }

    private static void check(Map<String, String> v, java.util.function.BiConsumer<String, String> problems) {
        double min = Double.parseDouble(v.get("power.min_voltage_v"));
        double max = Double.parseDouble(v.get("power.max_voltage_v"));
        if (max < min) {
            problems.accept("power.max_voltage_v", "" + fmt(max) + " is below power.min_voltage_v " + fmt(min));
        }
        double hz = Double.parseDouble(v.get("grid.nominal_frequency_hz"));
        if (hz != 50 && hz != 60) {
            problems.accept("grid.nominal_frequency_hz", "" + fmt(hz) + " is not allowed; allowed: 50, 60");
        }
        double ph = Double.parseDouble(v.get("grid.phases"));
        if (ph != 1 && ph != 3) {
            problems.accept("grid.phases", "" + fmt(ph) + " is not allowed; allowed: 1, 3");
        }
        if (Double.parseDouble(v.get("sim.battery_full_v")) <= Double.parseDouble(v.get("sim.battery_empty_v"))) {
            problems.accept("sim.battery_full_v", "must be above sim.battery_empty_v");
        }
        if (v.get("hal.backend").equals("linux")) {
            checkLinux(v, problems);
        }
    }

    /** What the linux backend needs beyond the per-key ranges. */
    private static void checkLinux(Map<String, String> v, java.util.function.BiConsumer<String, String> problems) {
        List<String> lines = List.of("linux.gpio_contactor_line", "linux.gpio_mirror_line", "linux.gpio_estop_line");
        Map<Double, String> used = new TreeMap<>();
        for (String k : lines) {
            double line = Double.parseDouble(v.get(k));
            if (line < 0) {
                problems.accept(k, "-1 (not wired) is not allowed with hal.backend = linux; allowed 0..1023");
            } else if (used.containsKey(line)) {
                problems.accept(k, "line " + fmt(line) + " is already " + used.get(line)
                        + "; allowed: a line of its own");
            } else {
                used.put(line, k);
            }
        }
        int phases = (int) Double.parseDouble(v.get("grid.phases"));
        List<String> meterPoints = phases == 3 ? List.of("frequency_hz", "voltage_l1_v", "voltage_l2_v", "voltage_l3_v")
                : List.of("frequency_hz", "voltage_l1_v");
        checkMap(v, "power.map", List.of("enable"), problems);
        checkMap(v, "grid.meter_map", meterPoints, problems);
        checkMap(v, "isolation.map", List.of("command", "state", "resistance_ohm", "fault_code"), problems);
        if (v.get("linux.temperature_sensors").isBlank()) {
            problems.accept("linux.temperature_sensors", "empty; allowed: all, or sensor names separated by commas");
        }
    }

    private static void checkMap(Map<String, String> v, String key, List<String> needs, java.util.function.BiConsumer<String, String> problems) {
        String value = v.get(key);
        if (SHIPPED_MAPS.get(key).contains(value)) {
            return;
        }
        java.nio.file.Path file = java.nio.file.Path.of(value);
        if (!Files.isReadable(file)) {
            problems.accept(key, "'" + value + "' is neither a shipped map nor a readable map file; allowed: "
                    + String.join(", ", SHIPPED_MAPS.get(key)) + ", or the path of a .map file");
            return;
        }
        try {
            org.secc.hal.modbus.RegisterMap m = org.secc.hal.modbus.RegisterMap.load(file);
            List<String> missing = needs.stream().filter(p -> !m.has(p)).toList();
            boolean powerSetpoint = !key.equals("power.map") || m.has("current_setpoint_a") || m.has("power_setpoint_w");
            if (!missing.isEmpty() || !powerSetpoint) {
                problems.accept(key, "map file " + value + " lacks the points " + missing
                        + (powerSetpoint ? "" : " and one of current_setpoint_a, power_setpoint_w")
                        + "; allowed: a map that names them (see the shipped maps)");
            }
        } catch (IOException | IllegalArgumentException e) {
            problems.accept(key, "" + e.getMessage().replace('\n', ' '));
        }
    }

    private static String knownWithPrefix(String key) {
        String prefix = key.substring(0, key.indexOf('.') + 1);
        return String.join(", ", KEYS.keySet().stream().filter(k -> k.startsWith(prefix)).toList());
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    public String string(String key) {
        String s = values.get(key);
        if (s == null) {
            throw new IllegalArgumentException("no such hal key " + key);
        }
        return s;
    }

    public double number(String key) {
        return Double.parseDouble(string(key));
    }

    public int integer(String key) {
        return (int) number(key);
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(string(key));
    }

    public String backend() {
        return string("hal.backend");
    }

    public CpConfig cp() {
        return new CpConfig(ms("cp.debounce_ms"), ms("cp.fault_debounce_ms"), ms("cp.pilot_lost_ms"),
                ms("cp.t_step_ef_ms"), ms("cp.t_step_x1_ms"), ms("cp.power_off_in_c1_ms"),
                flag("cp.ventilation_available"));
    }

    public PowerCapabilities power() {
        return new PowerCapabilities(number("power.min_voltage_v"), number("power.max_voltage_v"),
                number("power.max_charge_current_a"), number("power.max_charge_power_w"),
                number("power.max_discharge_current_a"), number("power.max_discharge_power_w"),
                number("power.current_ramp_a_per_s"));
    }

    private Duration ms(String key) {
        return Duration.ofNanos(Math.round(number(key) * 1e6));
    }

    /** Documentation of every key: name, default, allowed values. */
    public static List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Key k : KEYS.values()) {
            String allowed = k.kind().equals("number") ? fmt(k.min()) + ".." + fmt(k.max()) : k.help();
            out.add(k.name() + " = " + k.dflt() + "    # " + allowed
                    + (k.kind().equals("number") && !k.help().isEmpty() ? "; " + k.help() : ""));
        }
        return out;
    }
}
