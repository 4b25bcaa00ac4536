package org.secc.hal.contactor;

/**
 * @param commandedClosed what the controller asked for
 * @param mirrorClosed    what the mirror (auxiliary) contacts report: true = main contact closed
 */
public record ContactorState(boolean commandedClosed, boolean mirrorClosed) {
    /** Feedback agrees with the command. */
    public boolean consistent() {
        return commandedClosed == mirrorClosed;
    }
}
