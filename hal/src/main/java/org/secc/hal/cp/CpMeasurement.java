package org.secc.hal.cp;

/**
 * One CP measurement.
 *
 * @param monotonicNanos when it was taken (monotonic clock)
 * @param highV          level during the high phase of the PWM (or the DC level in X1), volts
 * @param lowV           level during the low phase of the PWM, volts; {@link Double#NaN} when no PWM
 *                       is running (nothing to measure). About −12 V when the EV's diode is present.
 */
public record CpMeasurement(long monotonicNanos, double highV, double lowV) { }
