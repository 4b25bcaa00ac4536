package org.secc.hal.cp;

/**
 * The EVSE side of the IEC 61851-1 control pilot: a ±12 V source behind 1 kΩ that is either held
 * at a constant level (X1, or −12 V for state F) or switched at 1 kHz with a duty cycle (X2), and an
 * ADC that measures the CP line. Implementations only drive and measure; the meaning of the levels
 * lives in {@link CpStateMachine}.
 */
public interface ControlPilot {

    /** Starts (or changes) the 1 kHz PWM (state X2). @param dutyPercent 0 &lt; duty &lt; 100 */
    void setPwmDuty(double dutyPercent);

    /** Constant +12 V on the CP, oscillator off (state X1). */
    void setX1();

    /** Constant −12 V on the CP (state F: EVSE not available). */
    void setF();

    /** Pilot source off entirely (0 V driven, used for E/F pulses on boards that cannot drive −12 V). */
    void off();

    /** What the pilot is being driven with now. */
    PilotOutput output();

    /** The latest measurement of the CP line (high and low level of the PWM, or the DC level in X1). */
    CpMeasurement measure();
}
