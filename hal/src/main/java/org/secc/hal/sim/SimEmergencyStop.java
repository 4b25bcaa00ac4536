package org.secc.hal.sim;

import org.secc.hal.estop.EmergencyStop;

/** An emergency-stop button the test or the bench operator presses. */
public final class SimEmergencyStop implements EmergencyStop {
    private volatile boolean pressed;

    @Override
    public boolean pressed() {
        return pressed;
    }

    public void press() {
        pressed = true;
    }

    public void release() {
        pressed = false;
    }
}
