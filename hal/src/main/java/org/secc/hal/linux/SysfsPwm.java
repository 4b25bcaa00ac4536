package org.secc.hal.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * One PWM channel through the Linux sysfs interface ({@code /sys/class/pwm/pwmchipN/pwmM}): export,
 * period, duty cycle, polarity, enable. The root is configurable so that tests run against a
 * directory tree. Times are written in nanoseconds, as the kernel expects.
 */
public final class SysfsPwm implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SysfsPwm.class.getName());
    /** The control pilot runs at 1 kHz (IEC 61851-1; 980-1020 Hz accepted). */
    public static final long PILOT_PERIOD_NS = 1_000_000;

    private final Path chip;
    private final Path channel;
    private final int index;
    private long periodNs;
    private boolean enabled;

    private SysfsPwm(Path chip, int index) {
        this.chip = chip;
        this.index = index;
        this.channel = chip.resolve("pwm" + index);
    }

    /**
     * Opens channel {@code index} of {@code pwmchipN} under {@code root} (normally /sys/class/pwm),
     * exporting it when needed, and sets period and polarity.
     */
    public static SysfsPwm open(Path root, int chipNumber, int index, long periodNs, boolean inverted) throws IOException {
        Path chip = root.resolve("pwmchip" + chipNumber);
        if (!Files.isDirectory(chip)) {
            throw new IOException("no PWM chip " + chip + " (is the PWM overlay loaded? pwm.chip in the configuration)");
        }
        SysfsPwm pwm = new SysfsPwm(chip, index);
        if (!Files.isDirectory(pwm.channel)) {
            write(chip.resolve("export"), Integer.toString(index));
            if (!Files.isDirectory(pwm.channel)) {
                throw new IOException("exporting " + pwm.channel + " did not create it (channel " + index + " of " + chip + ")");
            }
        }
        // the kernel refuses a period below the current duty cycle: zero the duty first
        pwm.disable();
        write(pwm.channel.resolve("duty_cycle"), "0");
        pwm.setPeriod(periodNs);
        Path polarity = pwm.channel.resolve("polarity");
        if (Files.exists(polarity)) {
            write(polarity, inverted ? "inversed" : "normal");
        } else if (inverted) {
            throw new IOException(pwm.channel + " has no polarity control; wire the pilot driver non-inverting");
        }
        return pwm;
    }

    public void setPeriod(long ns) throws IOException {
        if (ns <= 0) {
            throw new IllegalArgumentException("period must be positive");
        }
        write(channel.resolve("period"), Long.toString(ns));
        periodNs = ns;
    }

    /** Duty cycle in percent of the period (0-100). */
    public void setDutyPercent(double percent) throws IOException {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("duty cycle must be 0-100 %, not " + percent);
        }
        long ns = Math.round(periodNs * percent / 100.0);
        write(channel.resolve("duty_cycle"), Long.toString(ns));
    }

    public void enable() throws IOException {
        write(channel.resolve("enable"), "1");
        enabled = true;
    }

    public void disable() throws IOException {
        write(channel.resolve("enable"), "0");
        enabled = false;
    }

    public boolean enabled() {
        return enabled;
    }

    public long periodNs() {
        return periodNs;
    }

    /** Reads back the duty cycle the kernel holds, in percent. */
    public double readDutyPercent() throws IOException {
        long ns = Long.parseLong(Files.readString(channel.resolve("duty_cycle")).trim());
        return periodNs == 0 ? 0 : ns * 100.0 / periodNs;
    }

    @Override
    public void close() {
        try {
            disable();
            write(chip.resolve("unexport"), Integer.toString(index));
        } catch (IOException e) {
            LOG.warning(() -> "could not release " + channel + ": " + e.getMessage());
        }
    }

    static void write(Path file, String value) throws IOException {
        try {
            Files.writeString(file, value, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IOException("writing '" + value + "' to " + file + " failed: " + e.getMessage()
                    + " (permissions: the service user needs write access, e.g. a udev rule for group gpio)", e);
        }
    }
}
