package org.secc.hal.linux;

import org.secc.hal.estop.EmergencyStop;

/**
 * Emergency stop on a GPIO input. The loop is normally closed: logical 1 = loop intact. A broken
 * wire therefore reads as pressed (fail-safe). Requested with edge detection where the chip offers
 * it ({@link GpioLines#withEdges}): {@link #awaitEdge} then blocks on the line's events.
 */
public final class GpioEmergencyStop implements EmergencyStop {
    private final DigitalLines line;

    public GpioEmergencyStop(DigitalLines line) {
        this.line = line;
    }

    @Override
    public boolean pressed() {
        try {
            return (line.read() & 1) == 0;
        } catch (RuntimeException e) {
            return true; // cannot read the loop: fail safe
        }
    }

    @Override
    public boolean awaitEdge(long timeoutNanos) {
        return line.awaitEdge(timeoutNanos);
    }

    @Override
    public boolean signalsEdges() {
        return line.signalsEdges();
    }
}
