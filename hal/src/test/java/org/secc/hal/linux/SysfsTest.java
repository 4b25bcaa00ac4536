package org.secc.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.hal.cp.CpState;
import org.secc.hal.cp.CpThresholds;

class SysfsTest {
    @TempDir
    Path root;

    private Path chip() throws IOException {
        Path chip = root.resolve("pwmchip0");
        Files.createDirectories(chip.resolve("pwm0"));
        for (String f : new String[] {"export", "pwm0/enable", "pwm0/duty_cycle", "pwm0/period", "pwm0/polarity"}) {
            Files.writeString(chip.resolve(f), "");
        }
        return chip;
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p).trim();
    }

    @Test
    void pwmSetsPeriodPolarityDutyAndEnable() throws IOException {
        Path chip = chip();
        SysfsPwm pwm = new SysfsPwm(chip, 0, 1_000_000);
        assertEquals("1000000", read(chip.resolve("pwm0/period")));
        assertEquals("normal", read(chip.resolve("pwm0/polarity")));
        assertEquals("0", read(chip.resolve("pwm0/enable")));
        pwm.setDutyPercent(5);
        assertEquals("50000", read(chip.resolve("pwm0/duty_cycle")), "5 % of 1 ms = 50 µs");
        assertEquals("1", read(chip.resolve("pwm0/enable")));
        pwm.disable();
        assertEquals("0", read(chip.resolve("pwm0/enable")));
        assertThrows(IllegalArgumentException.class, () -> pwm.setDutyPercent(100.1));
    }

    @Test
    void exportsWhenChannelMissing() throws IOException {
        Path chip = root.resolve("pwmchip1");
        Files.createDirectories(chip);
        Files.writeString(chip.resolve("export"), "");
        // no kernel here: export does not create pwm3, which must be a clear error
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SysfsPwm(chip, 3, 1_000_000));
        assertTrue(e.getMessage().contains("pwm3"));
        assertEquals("3", read(chip.resolve("export")));
    }

    @Test
    void missingChipIsAClearError() {
        assertThrows(UncheckedIOException.class, () -> new SysfsPwm(root.resolve("nope"), 0, 1_000_000));
    }

    @Test
    void iioScalesRawCounts() throws IOException {
        Path dev = root.resolve("iio:device0");
        Files.createDirectories(dev);
        Files.writeString(dev.resolve("in_voltage0_raw"), "2048\n");
        Files.writeString(dev.resolve("in_voltage_scale"), "0.805664062\n");
        Files.writeString(dev.resolve("in_voltage1_raw"), "100\n");
        Files.writeString(dev.resolve("in_voltage1_scale"), "2.0\n");
        Files.writeString(dev.resolve("in_voltage1_offset"), "-50\n");
        IioAdc adc = new IioAdc(dev);
        assertEquals(1.65, adc.readVolts(0), 1e-3);
        assertEquals(0.1, adc.readVolts(1), 1e-9);
        Files.writeString(dev.resolve("in_voltage0_raw"), "junk");
        assertThrows(IllegalStateException.class, () -> adc.readVolts(0));
        assertThrows(UncheckedIOException.class, () -> adc.readVolts(7));
    }

    @Test
    void linuxControlPilotMapsAdcToCpVolts() throws IOException {
        Path chip = chip();
        Path dev = root.resolve("iio:device0");
        Files.createDirectories(dev);
        Files.writeString(dev.resolve("in_voltage_scale"), "1.0");
        // divider: CP volts = adc volts * 10 - 15 (an offset-and-scale front end, 0..3 V for -15..+15 V)
        Files.writeString(dev.resolve("in_voltage0_raw"), "2400"); // 2.4 V -> 9 V
        Files.writeString(dev.resolve("in_voltage1_raw"), "300"); // 0.3 V -> -12 V
        LinuxControlPilot cp = new LinuxControlPilot(new SysfsPwm(chip, 0, 1_000_000), new IioAdc(dev), 0, 1, 10, -15,
                () -> 42L);
        assertEquals("1000000", read(chip.resolve("pwm0/duty_cycle")), "X1 = 100 %");
        var m = cp.measure();
        assertEquals(9, m.highV(), 1e-9);
        assertTrue(Double.isNaN(m.lowV()), "no low phase in X1");
        assertEquals(CpState.B, CpThresholds.classifyHigh(m.highV()));
        cp.setPwmDuty(5);
        m = cp.measure();
        assertEquals(-12, m.lowV(), 1e-9);
        assertEquals(42L, m.monotonicNanos());
        cp.setF();
        assertEquals("0", read(chip.resolve("pwm0/enable")));
    }
}
