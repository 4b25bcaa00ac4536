package org.secc.hal.linux;

/**
 * A requested set of digital lines, values as bit masks (bit i = i-th line). {@link GpioLines} is
 * the Linux GPIO character-device implementation; the contactor and emergency-stop drivers only
 * see this interface.
 */
public interface DigitalLines extends AutoCloseable {
    /** Logical values of all lines. */
    long read();

    /** Writes the logical values of the lines selected by {@code mask}. */
    void write(long bits, long mask);

    @Override
    void close();

    /** Opens lines of one chip; {@link GpioLines#GpioLines} on a board. */
    @FunctionalInterface
    interface Opener {
        DigitalLines open(String chip, int[] offsets, boolean output, boolean activeLow, String consumer);
    }
}
