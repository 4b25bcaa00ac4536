package org.secc.app.bench;

/**
 * Control-pilot fault (state E) → contactor-open command: {@link SafetyLatency}'s {@code pilot-fault} path.
 *
 * <p>Args: [faults=300] [stage=modbus-slow|modbus-silent|sim] [hogs=0].
 */
public final class PilotFaultLatency {

    private PilotFaultLatency() {
    }

    public static void main(String[] args) throws Exception {
        SafetyLatency.run("pilot-fault", args);
    }
}
