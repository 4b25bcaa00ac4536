package org.secc.hal.grid;

import java.util.function.Consumer;

/**
 * Measures the grid at the point of connection and feeds {@link GridSample}s to the safety
 * supervisor.
 */
public interface GridMonitor {

    /** The most recent sample, or null before the first measurement. */
    GridSample latest();

    /**
     * Registers a listener that receives every sample, in order, on the thread that produces them
     * (the sim's step() caller, or the driver's polling thread). Listeners must not block.
     */
    void addListener(Consumer<GridSample> listener);

    /** Nominal line-to-neutral voltage, volts (e.g. 230 or 120). */
    double nominalVoltageV();

    /** Nominal frequency, hertz (50 or 60). */
    double nominalFrequencyHz();
}
