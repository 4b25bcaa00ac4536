package org.secc.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sysfs PWM and IIO ADC drivers against directory trees laid out like the kernel's. */
class SysfsDriversTest {
    @TempDir
    Path root;

    private Path chipWithChannel(int chip, int ch, boolean polarity) throws IOException {
        Path c = Files.createDirectories(root.resolve("pwmchip" + chip));
        Files.writeString(c.resolve("export"), "");
        Files.writeString(c.resolve("unexport"), "");
        Path p = Files.createDirectories(c.resolve("pwm" + ch));
        for (String f : new String[] {"period", "duty_cycle", "enable"}) {
            Files.writeString(p.resolve(f), "0");
        }
        if (polarity) {
            Files.writeString(p.resolve("polarity"), "normal");
        }
        return p;
    }

    @Test
    void pilotPwmWritesNanosecondsInTheKernelOrder() throws IOException {
        Path ch = chipWithChannel(0, 1, true);
        try (SysfsPwm pwm = SysfsPwm.open(root, 0, 1, SysfsPwm.PILOT_PERIOD_NS, false)) {
            assertEquals("1000000", Files.readString(ch.resolve("period")));
            assertEquals("normal", Files.readString(ch.resolve("polarity")));
            pwm.setDutyPercent(5.0);
            assertEquals("50000", Files.readString(ch.resolve("duty_cycle")), "5 % is a 50 µs pulse");
            pwm.enable();
            assertEquals("1", Files.readString(ch.resolve("enable")));
            pwm.setDutyPercent(53.3);
            assertEquals(53.3, pwm.readDutyPercent(), 1e-9);
        }
        assertEquals("0", Files.readString(ch.resolve("enable")), "closing disables");
        assertEquals("1", Files.readString(root.resolve("pwmchip0/unexport")));
    }

    @Test
    void invertedPolarityAndItsAbsence() throws IOException {
        Path ch = chipWithChannel(1, 0, true);
        SysfsPwm.open(root, 1, 0, SysfsPwm.PILOT_PERIOD_NS, true);
        assertEquals("inversed", Files.readString(ch.resolve("polarity")));
        chipWithChannel(2, 0, false);
        IOException e = assertThrows(IOException.class, () -> SysfsPwm.open(root, 2, 0, SysfsPwm.PILOT_PERIOD_NS, true));
        assertTrue(e.getMessage().contains("no polarity control"));
    }

    @Test
    void missingChipOrChannelIsAClearError() throws IOException {
        IOException e = assertThrows(IOException.class, () -> SysfsPwm.open(root, 7, 0, SysfsPwm.PILOT_PERIOD_NS, false));
        assertTrue(e.getMessage().contains("no PWM chip"));
        Path c = Files.createDirectories(root.resolve("pwmchip3"));
        Files.writeString(c.resolve("export"), "");
        IOException x = assertThrows(IOException.class, () -> SysfsPwm.open(root, 3, 0, SysfsPwm.PILOT_PERIOD_NS, false));
        assertTrue(x.getMessage().contains("did not create it"), x.getMessage());
    }

    @Test
    void dutyOutsideZeroToHundredIsRefused() throws IOException {
        chipWithChannel(0, 0, true);
        SysfsPwm pwm = SysfsPwm.open(root, 0, 0, SysfsPwm.PILOT_PERIOD_NS, false);
        assertThrows(IllegalArgumentException.class, () -> pwm.setDutyPercent(100.1));
        assertThrows(IllegalArgumentException.class, () -> pwm.setDutyPercent(-0.1));
    }

    @Test
    void adcScalesRawToPilotVolts() throws IOException {
        Path dev = Files.createDirectories(root.resolve("iio:device0"));
        Files.writeString(dev.resolve("in_voltage2_raw"), "3000\n");
        Files.writeString(dev.resolve("in_voltage_scale"), "0.805664062\n"); // 3.3 V / 4096
        // a front end mapping −12..+12 V to 0..3.3 V: gain 24/3.3, offset −12 V
        IioAdcChannel adc = IioAdcChannel.open(dev, 2, 24 / 3.3, -12.0);
        assertEquals(3000 * 0.805664062 / 1000 * 24 / 3.3 - 12.0, adc.readVolts(), 1e-9);
        Files.writeString(dev.resolve("in_voltage2_scale"), "1.0");
        assertEquals(3000 / 1000.0 * 24 / 3.3 - 12.0, IioAdcChannel.open(dev, 2, 24 / 3.3, -12.0).readVolts(), 1e-9, "per-channel scale wins");
    }

    @Test
    void adcErrorsNameTheFile() throws IOException {
        Path dev = Files.createDirectories(root.resolve("iio:device1"));
        assertTrue(assertThrows(IOException.class, () -> IioAdcChannel.open(dev, 0, 1, 0)).getMessage().contains("in_voltage0_raw"));
        Files.writeString(dev.resolve("in_voltage0_raw"), "12");
        assertTrue(assertThrows(IOException.class, () -> IioAdcChannel.open(dev, 0, 1, 0)).getMessage().contains("no scale"));
        Files.writeString(dev.resolve("in_voltage_scale"), "abc");
        assertTrue(assertThrows(IOException.class, () -> IioAdcChannel.open(dev, 0, 1, 0)).getMessage().contains("unreadable ADC scale"));
        Files.writeString(dev.resolve("in_voltage_scale"), "1");
        Files.writeString(dev.resolve("in_voltage0_raw"), "x");
        IioAdcChannel adc = IioAdcChannel.open(dev, 0, 1, 0);
        assertTrue(assertThrows(IOException.class, adc::readRaw).getMessage().contains("unreadable ADC value"));
    }
}
