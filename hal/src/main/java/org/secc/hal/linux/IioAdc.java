package org.secc.hal.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An Industrial I/O ADC channel: volts at the ADC pin = {@code in_voltageN_raw} ×
 * {@code in_voltageN_scale} (or the shared {@code in_voltage_scale}) / 1000, since IIO scales are in
 * millivolts per count. The device directory is configurable (normally
 * {@code /sys/bus/iio/devices/iio:device0}).
 */
public final class IioAdc {
    private final Path device;

    public IioAdc(Path device) {
        this.device = device;
    }

    /** Reads channel {@code n} in volts at the ADC input. */
    public double readVolts(int n) {
        double raw = number(device.resolve("in_voltage" + n + "_raw"));
        Path own = device.resolve("in_voltage" + n + "_scale");
        Path shared = device.resolve("in_voltage_scale");
        double scaleMv = number(Files.exists(own) ? own : shared);
        Path offset = device.resolve("in_voltage" + n + "_offset");
        double off = Files.exists(offset) ? number(offset) : 0;
        return (raw + off) * scaleMv / 1000.0;
    }

    private static double number(Path p) {
        String s;
        try {
            s = Files.readString(p, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("not a number in " + p + ": '" + s + "'", e);
        }
    }
}
