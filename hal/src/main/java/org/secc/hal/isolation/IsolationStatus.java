package org.secc.hal.isolation;

/** What the insulation monitor reports. */
public sealed interface IsolationStatus {
    /** Not measuring. */
    record Idle() implements IsolationStatus { }

    /** Measuring but no valid value yet (settling). */
    record Measuring() implements IsolationStatus { }

    /** A valid resistance value, ohms (DC+ or DC− to PE, whichever is lower). */
    record Resistance(double ohms) implements IsolationStatus { }

    /** Self-test passed. */
    record SelfTestPassed() implements IsolationStatus { }

    /** The device itself is faulty (self-test failed, no answer). */
    record DeviceFault(String detail) implements IsolationStatus { }
}
