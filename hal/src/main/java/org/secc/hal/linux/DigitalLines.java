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

    /**
     * Blocks until an edge on these inputs or until {@code timeoutNanos} passed; true when an edge
     * woke it (its events are consumed: read the values next). Lines requested without edge
     * detection have no events: they wait out the time and return false (the caller polls).
     */
    default boolean awaitEdge(long timeoutNanos) {
        java.util.concurrent.locks.LockSupport.parkNanos(timeoutNanos);
        return false;
    }

    /** Whether {@link #awaitEdge} is woken by edges (false: it only waits out the time). */
    default boolean signalsEdges() {
        return false;
    }

    @Override
    void close();

    /** Opens lines of one chip; {@link GpioLines#OPENER} on a board. */
    @FunctionalInterface
    interface Opener {
        DigitalLines open(String chip, int[] offsets, boolean output, boolean activeLow, String consumer);

        /**
         * Inputs with edge detection (both edges) where the chip offers it, else plain inputs (then
         * {@link DigitalLines#awaitEdge} only waits out its time).
         */
        default DigitalLines openInputWithEdges(String chip, int[] offsets, boolean activeLow, String consumer) {
            return open(chip, offsets, false, activeLow, consumer);
        }
    }
}
