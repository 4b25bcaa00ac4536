package org.secc.hal.contactor;

/** Something wrong with the contactors. Any of these ends with power off. */
public sealed interface ContactorFault {
    /** Commanded open but the mirror contact still reports closed after the allowed time: welded. */
    record Welded(long monotonicNanos) implements ContactorFault { }

    /** Commanded closed but the mirror contact never reported closed. */
    record FailedToClose(long monotonicNanos) implements ContactorFault { }

    /** Mirror contact changed without a command (broken wire, coil loss). */
    record FeedbackMismatch(long monotonicNanos, boolean commandedClosed, boolean mirrorClosed)
            implements ContactorFault { }
}
