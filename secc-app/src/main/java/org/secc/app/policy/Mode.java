package org.secc.app.policy;

/** What the charger does with the car's battery this control step. */
public enum Mode {
    CHARGE, DISCHARGE, IDLE,
    /**
     * No price and {@code no_price_mode = EV}: both directions stay open within every limit and the car's
     * own request picks the direction (target power NaN: the charge control follows the EV).
     */
    FOLLOW_EV,
    /** Emergency stop: nothing flows until it is reset. */
    STOPPED
}
