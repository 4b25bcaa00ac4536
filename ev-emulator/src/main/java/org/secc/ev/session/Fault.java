package org.secc.ev.session;

/**
 * Faults the client can inject. The first two are protocol faults decided in the session; the others are
 * transport faults performed by the edge when the session reaches the charge loop (or at once for
 * MALFORMED_EXI, which replaces the SessionSetupReq payload).
 */
public enum Fault {
    NONE,
    /** After SessionSetupRes, send PowerDeliveryReq(Start); expect FAILED_SequenceError, then close. */
    WRONG_SEQUENCE,
    /** AuthorizationSetupReq with a wrong SessionID; expect FAILED_UnknownSession. */
    UNKNOWN_SESSION,
    /** Garbage EXI behind a valid V2GTP header instead of SessionSetupReq; expect the SECC to close. */
    MALFORMED_EXI,
    /** Stop sending in the charge loop; expect the SECC to close within its sequence timeout. */
    SILENCE,
    /** Drop the TCP connection in the charge loop. */
    TCP_DROP
}
