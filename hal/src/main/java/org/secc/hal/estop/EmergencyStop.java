package org.secc.hal.estop;

/** The emergency-stop input (mushroom button, normally-closed loop). */
public interface EmergencyStop {
    /** True while the emergency stop is pressed or its loop is broken. */
    boolean pressed();
}
