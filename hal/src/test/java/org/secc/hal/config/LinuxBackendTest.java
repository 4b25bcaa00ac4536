package org.secc.hal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.hal.cp.CpState;
import org.secc.hal.cp.CpThresholds;
import org.secc.hal.grid.GridSample;
import org.secc.hal.isolation.IsolationStatus;
import org.secc.hal.linux.FakeLines;
import org.secc.hal.linux.SysfsTemperaturesTest;
import org.secc.hal.modbus.LoopbackSlave;
import org.secc.hal.power.PowerTarget;

/**
 * {@code hal.backend = linux} end to end: sysfs PWM, IIO and hwmon/thermal trees in a temporary
 * directory, a SunSpec DER with a three-phase meter and an insulation monitor on j2mod's real TCP
 * slaves on loopback. GPIO character devices cannot be had here, so GPIO lines come from
 * {@link FakeLines} through the same {@code DigitalLines} seam the real {@code GpioLines} uses.
 */
class LinuxBackendTest {
    // SunSpec image: common (66) at 40004, meter 203 at 40072, 701 at 40179, 702 at 40334, 704 at 40386
    static final int METER = 40072;
    static final int DER_AC = 40179;
    static final int DER_CAP = 40334;
    static final int DER_CTL = 40386;

    @TempDir
    Path root;
    private LoopbackSlave der;
    private LoopbackSlave imd;
    private final FakeLines.Opener gpio = new FakeLines.Opener();

    @BeforeEach
    void start() throws Exception {
        der = LoopbackSlave.sunSpec(new int[][] {{1, 66}, {203, 105}, {701, 153}, {702, 50}, {704, 65}});
        der.set(METER + 6, 2301);
        der.set(METER + 7, 2299);
        der.set(METER + 8, 2305);
        der.set(METER + 13, -1);
        der.set(METER + 14, 4998);
        der.set(METER + 15, -2);
        der.set(DER_CAP + 8, 700); // can absorb 7 kW
        der.set(DER_CAP + 9, 500); // can deliver 5 kW
        der.set(DER_CAP + 43, 1); // W_SF
        imd = LoopbackSlave.zeros(0, 10);
        Path chip = Files.createDirectories(root.resolve("pwmchip0/pwm0"));
        for (String f : new String[] {"enable", "duty_cycle", "period", "polarity"}) {
            Files.writeString(chip.resolve(f), "");
        }
        Files.writeString(root.resolve("pwmchip0/export"), "");
        Path iio = Files.createDirectories(root.resolve("iio:device0"));
        Files.writeString(iio.resolve("in_voltage_scale"), "1.0");
        Files.writeString(iio.resolve("in_voltage0_raw"), "2400"); // 2.4 V -> +9 V (B)
        Files.writeString(iio.resolve("in_voltage1_raw"), "300");
        SysfsTemperaturesTest.tree(root.resolve("sys"));
    }

    @AfterEach
    void stop() {
        der.close();
        imd.close();
    }

    private String config() {
        return """
                hal.backend = linux
                linux.pwm_chip_path = %s
                linux.adc_device_path = %s
                linux.gpio_chip = /dev/gpiochip3
                linux.gpio_contactor_line = 5
                linux.gpio_mirror_line = 6
                linux.gpio_estop_line = 7
                linux.sysfs_root = %s
                linux.temperature_sensors = ntc_thermistor/connector_dc_plus, cpu-thermal
                power.map = sunspec
                power.modbus_port = %d
                power.max_charge_power_w = 11000
                power.max_discharge_power_w = 11000
                grid.meter_map = sunspec
                grid.meter_modbus_port = %d
                grid.meter_modbus_unit = 1
                grid.sample_period_ms = 5
                isolation.modbus_port = %d
                isolation.modbus_unit = 1
                """.formatted(root.resolve("pwmchip0"), root.resolve("iio:device0"), root.resolve("sys"), der.port(),
                der.port(), imd.port());
    }

    @Test
    void buildsEveryPartFromTheConfigAndReadsRealValues() {
        LinuxParts p = HalFactory.linux(HalConfig.parse(config()), gpio);
        p.pollOnce();
        GridSample g = p.gridMonitor().latest();
        assertEquals(49.98, g.frequencyHz(), 1e-9);
        assertEquals(230.1, g.voltageL1V(), 1e-9);
        assertEquals(229.9, g.voltageL2V(), 1e-9);
        assertEquals(230.5, g.voltageL3V(), 1e-9);
        assertEquals(7000, p.powerStage().capabilities().maxChargePowerW(), 1e-9, "derated by model 702");
        assertEquals(5000, p.powerStage().capabilities().maxDischargePowerW(), 1e-9);
        p.powerStage().setTarget(new PowerTarget(400, -20, 1e9));
        p.powerStage().enable();
        assertEquals(5000, der.reg32(DER_CTL + 22), "WSet: 5 kW injected (clamped by 702), WSet_SF 0");
        assertEquals(1, der.reg(DER_CTL + 20), "WSetEna");

        // control pilot: PWM written to the sysfs tree, CP level from IIO
        assertEquals(CpState.B, CpThresholds.classifyHigh(p.controlPilot().measure().highV()));
        p.controlPilot().setPwmDuty(5);
        assertEquals(-12, p.controlPilot().measure().lowV(), 1e-9);

        // insulation monitor
        p.isolationMonitor().startMeasurement();
        assertEquals(1, imd.reg(0));
        imd.set(1, 2);
        imd.set32(2, 2000);
        p.pollOnce();
        assertEquals(new IsolationStatus.Resistance(2_000_000), p.isolationMonitor().status());

        // temperatures: only the selected sensors
        assertEquals(java.util.Map.of("ntc_thermistor/connector_dc_plus", 41.25, "cpu-thermal", 55.0),
                p.temperatures().readC());

        // GPIO: lines requested on the configured chip and offsets, coil driven, e-stop loop read
        FakeLines coil = gpio.byConsumer("secc-contactor");
        assertEquals("/dev/gpiochip3", coil.chip);
        assertEquals(5, coil.offsets[0]);
        assertTrue(coil.output);
        assertEquals(6, gpio.byConsumer("secc-mirror").offsets[0]);
        FakeLines loop = gpio.byConsumer("secc-estop");
        assertEquals(7, loop.offsets[0]);
        p.contactors().close();
        assertEquals(1, coil.bits);
        loop.bits = 1;
        assertFalse(p.emergencyStop().pressed());
        loop.bits = 0;
        assertTrue(p.emergencyStop().pressed());
    }

    @Test
    void startedHalPollsByItselfAndCloseReleasesEverything() throws Exception {
        Hal hal = HalFactory.linux(HalConfig.parse(config()), gpio).start();
        BlockingQueue<GridSample> samples = new ArrayBlockingQueue<>(1000);
        hal.gridMonitor().addListener(samples::offer);
        GridSample s = samples.poll(5, TimeUnit.SECONDS);
        assertEquals(49.98, s.frequencyHz(), 1e-9, "sample from the poller thread");
        der.set(METER + 14, 5012);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        GridSample later = samples.poll(5, TimeUnit.SECONDS);
        while (later != null && Math.abs(later.frequencyHz() - 50.12) > 1e-9 && System.nanoTime() < deadline) {
            later = samples.poll(5, TimeUnit.SECONDS);
        }
        assertEquals(50.12, later.frequencyHz(), 1e-9, "the meter's new value arrives");
        assertTrue(hal.bench().isEmpty());
        hal.contactors().close();
        hal.close();
        assertEquals(0, gpio.byConsumer("secc-contactor").bits, "contactors opened at close");
        assertTrue(gpio.opened.stream().allMatch(l -> l.closed), "GPIO lines released");
    }

    @Test
    void linuxConfigProblemsNameKeyAndAllowedValues() {
        HalConfigException ranges = assertThrows(HalConfigException.class, () -> HalConfig.parse("""
                hal.backend = linux
                power.modbus = can
                isolation.modbus_unit = 300
                """));
        String r = String.join("\n", ranges.problems());
        assertTrue(r.contains("line 2: power.modbus: 'can' is not allowed; allowed tcp, rtu"), r);
        assertTrue(r.contains("line 3: isolation.modbus_unit: 300 is out of range; allowed 0 to 247"), r);
        assertEquals(2, ranges.problems().size(), r);
        HalConfigException e = assertThrows(HalConfigException.class, () -> HalConfig.parse("""
                hal.backend = linux
                linux.gpio_mirror_line = 4
                linux.gpio_estop_line = 4
                """));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("linux.gpio_contactor_line (default): -1 (not wired) is not allowed with hal.backend = linux; "
                + "allowed 0..1023"), all);
        assertTrue(all.contains("line 3: linux.gpio_estop_line: line 4 is already linux.gpio_mirror_line"), all);
        assertEquals(2, e.problems().size(), all);
        HalConfigException m = assertThrows(HalConfigException.class, () -> HalConfig.parse(with(config(),
                "power.map", "/nonexistent/module.map")));
        assertTrue(m.getMessage().contains("power.map: '/nonexistent/module.map' is neither a shipped map nor a "
                + "readable map file; allowed: generic-dc-bidirectional, sunspec, or the path of a .map file"),
                m.getMessage());
    }

    @Test
    void ownMapFilesAreCheckedForTheirPoints() throws IOException {
        Path bad = Files.writeString(root.resolve("meter.map"), "frequency_hz = 0, uint16, big, 0.01, r\n");
        HalConfigException e = assertThrows(HalConfigException.class,
                () -> HalConfig.parse(with(config(), "grid.meter_map", String.valueOf(bad))));
        assertTrue(e.getMessage().contains("grid.meter_map: map file " + bad
                + " lacks the points [voltage_l1_v, voltage_l2_v, voltage_l3_v]"), e.getMessage());
        Path good = Files.writeString(root.resolve("imd.map"), """
                command = 0, uint16, big, 1, rw
                state = 1, uint16, big, 1, r
                resistance_ohm = 2, uint32, big, 1000, r
                fault_code = 4, uint16, big, 1, r
                """);
        LinuxParts p = HalFactory.linux(HalConfig.parse(with(config(), "isolation.map", String.valueOf(good))), gpio);
        imd.set(1, 4);
        assertInstanceOf(IsolationStatus.SelfTestPassed.class, p.isolationMonitor().poll());
        p.resources().forEach(r -> {
            try {
                r.close();
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        });
    }

    @Test
    void unreachableDevicesAndMissingSysfsNameTheirKey() throws IOException {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        HalConfigException e = assertThrows(HalConfigException.class,
                () -> HalFactory.linux(HalConfig.parse(with(config(), "isolation.modbus_port", String.valueOf(free))), gpio));
        assertTrue(e.getMessage().contains("key 'isolation.modbus'") && e.getMessage().contains("connect"),
                e.getMessage());
        assertTrue(gpio.opened.stream().allMatch(l -> l.closed), "what was opened is released again");
        HalConfigException pwm = assertThrows(HalConfigException.class, () -> HalFactory.linux(
                HalConfig.parse(with(config(), "linux.pwm_chip_path", String.valueOf(root.resolve("nochip")))), gpio));
        assertTrue(pwm.getMessage().contains("key 'linux.pwm_chip_path"), pwm.getMessage());
        HalConfigException temp = assertThrows(HalConfigException.class, () -> HalFactory.linux(
                HalConfig.parse(with(config(), "linux.temperature_sensors", "fan/temp9")), gpio));
        assertTrue(temp.getMessage().contains("key 'linux.sysfs_root / linux.temperature_sensors'")
                && temp.getMessage().contains("fan/temp9"), temp.getMessage());
    }

    @Test
    void realGpioOnAMissingChipIsAClearError() {
        // HalFactory.build uses the real GpioLines: without the chip it must say which key is wrong
        HalConfigException e = assertThrows(HalConfigException.class,
                () -> HalFactory.build(HalConfig.parse(config().replace("/dev/gpiochip3", root.resolve("nogpio").toString()))));
        assertTrue(e.getMessage().contains("key 'linux.gpio_chip"), e.getMessage());
        assertTrue(e.getMessage().contains("nogpio"), e.getMessage());
    }

    /** The config with one key's value replaced (a key is set once: the parser refuses duplicates). */
    private static String with(String config, String key, String value) {
        StringBuilder b = new StringBuilder();
        for (String line : config.split("\n")) {
            if (!line.strip().startsWith(key + " ") && !line.strip().startsWith(key + "=")) {
                b.append(line).append('\n');
            }
        }
        return b.append(key).append(" = ").append(value).append('\n').toString();
    }
}
