package org.secc.hal.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One channel of a Linux IIO ADC ({@code /sys/bus/iio/devices/iio:deviceN/in_voltageM_raw} × scale),
 * scaled to the voltage at the control-pilot wire through the board's divider: {@code volts =
 * (raw × scale_mV / 1000) × gain + offset}. The root is configurable so that tests run against a
 * directory tree.
 */
public final class IioAdcChannel {
    private final Path raw;
    private final double scaleMv;
    private final double gain;
    private final double offsetV;

    private IioAdcChannel(Path raw, double scaleMv, double gain, double offsetV) {
        this.raw = raw;
        this.scaleMv = scaleMv;
        this.gain = gain;
        this.offsetV = offsetV;
    }

    /**
     * @param gain    volts on the wire per volt at the ADC pin (the divider and level shifter of the board)
     * @param offsetV volts on the wire at an ADC reading of 0 (a bipolar front end reads −12 V as 0)
     */
    public static IioAdcChannel open(Path deviceDir, int channel, double gain, double offsetV) throws IOException {
        Path raw = deviceDir.resolve("in_voltage" + channel + "_raw");
        if (!Files.isReadable(raw)) {
            throw new IOException("no ADC channel " + raw + " (adc.device / adc.channel in the configuration)");
        }
        Path scale = deviceDir.resolve("in_voltage" + channel + "_scale");
        if (!Files.exists(scale)) {
            scale = deviceDir.resolve("in_voltage_scale"); // shared scale of all channels
        }
        double s;
        try {
            s = Double.parseDouble(Files.readString(scale).trim());
        } catch (NoSuchFileException e) {
            throw new IOException("no scale for " + raw + " (in_voltage" + channel + "_scale or in_voltage_scale)");
        } catch (NumberFormatException e) {
            throw new IOException("unreadable ADC scale in " + scale + ": " + e.getMessage());
        }
        if (!(s > 0)) {
            throw new IOException("ADC scale in " + scale + " must be positive");
        }
        return new IioAdcChannel(raw, s, gain, offsetV);
    }

    public int readRaw() throws IOException {
        String text = Files.readString(raw).trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IOException("unreadable ADC value '" + text + "' in " + raw);
        }
    }

    /** Volts on the pilot wire. */
    public double readVolts() throws IOException {
        return readRaw() * scaleMv / 1000.0 * gain + offsetV;
    }
}
