package org.secc.hal.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * One PWM channel through the Linux sysfs PWM interface: {@code <chip>/export}, then
 * {@code <chip>/pwmN/{period,duty_cycle,polarity,enable}} (nanoseconds). The chip directory is
 * configurable (normally {@code /sys/class/pwm/pwmchip0}) so tests use a temporary tree.
 */
public final class SysfsPwm {
    private static final Logger LOG = Logger.getLogger(SysfsPwm.class.getName());

    private final Path chip;
    private final int channel;
    private final long periodNanos;
    private final Path dir;

    /** Exports the channel if needed and sets period and normal polarity, output disabled. */
    public SysfsPwm(Path chip, int channel, long periodNanos) {
        this.chip = chip;
        this.channel = channel;
        this.periodNanos = periodNanos;
        this.dir = chip.resolve("pwm" + channel);
        if (!Files.isDirectory(dir)) {
            write(chip.resolve("export"), Integer.toString(channel));
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("PWM export of channel " + channel + " did not create " + dir);
            }
        }
        write(dir.resolve("enable"), "0");
        // duty must not exceed period, so shrink duty before changing the period
        write(dir.resolve("duty_cycle"), "0");
        write(dir.resolve("period"), Long.toString(periodNanos));
        write(dir.resolve("polarity"), "normal");
    }

    /** Sets the duty cycle in percent (0–100) and enables the output. */
    public void setDutyPercent(double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("duty must be 0..100 %, got " + percent);
        }
        long duty = Math.round(periodNanos * percent / 100.0);
        write(dir.resolve("duty_cycle"), Long.toString(duty));
        write(dir.resolve("enable"), "1");
    }

    /** Disables the output. */
    public void disable() {
        write(dir.resolve("enable"), "0");
    }

    public Path chip() {
        return chip;
    }

    public int channel() {
        return channel;
    }

    static void write(Path p, String value) {
        try {
            Files.writeString(p, value, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            LOG.severe("sysfs write " + p + " = " + value + " failed: " + e);
            throw new UncheckedIOException("cannot write " + value + " to " + p, e);
        }
    }
}
