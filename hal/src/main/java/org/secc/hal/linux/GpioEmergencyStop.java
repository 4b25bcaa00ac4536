package org.secc.hal.linux;

import org.secc.hal.estop.EmergencyStop;

/**
 * Emergency stop on a GPIO input. The loop is normally closed: logical 1 = loop intact. A broken
 * wire therefore reads as pressed (fail-safe).
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
}
