package org.secc.hal.power;

/** Faults of a power stage. */
public sealed interface PowerFault {
    record OverTemperature(double temperatureC) implements PowerFault { }

    record OverVoltage(double voltageV) implements PowerFault { }

    record OverCurrent(double currentA) implements PowerFault { }

    /** The device stopped answering (e.g. Modbus timeout). */
    record CommunicationLost(String detail) implements PowerFault { }

    /** A fault code reported by the device itself. */
    record DeviceFault(int code, String detail) implements PowerFault { }
}
