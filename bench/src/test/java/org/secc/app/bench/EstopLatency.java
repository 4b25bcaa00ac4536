package org.secc.app.bench;

/**
 * Emergency stop → contactor-open command: {@link SafetyLatency}'s {@code estop} path.
 *
 * <p>Args: [presses=300] [stage=modbus-slow|modbus-silent|sim] [hogs=0].
 */
public final class EstopLatency {

    private EstopLatency() {
    }

    public static void main(String[] args) throws Exception {
        SafetyLatency.run("estop", args);
    }
}
