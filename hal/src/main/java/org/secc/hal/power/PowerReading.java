package org.secc.hal.power;

/**
 * Present values at the output of the power stage (EV side). Current and power signed: + charge,
 * − discharge. {@code gridPowerW} is the power at the grid side (+ drawn from the grid), so the
 * difference to {@code powerW} is the conversion loss.
 */
public record PowerReading(long monotonicNanos, boolean enabled, double voltageV, double currentA,
                           double powerW, double gridPowerW) { }
