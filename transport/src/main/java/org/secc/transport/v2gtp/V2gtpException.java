package org.secc.transport.v2gtp;

/** A V2GTP header or frame that must be dropped (and its connection closed, facts 2.1). */
public final class V2gtpException extends Exception {

    /** What was wrong; servers log it and close. */
    public enum Reason {
        WRONG_VERSION, WRONG_INVERSE_VERSION, UNKNOWN_PAYLOAD_TYPE, UNEXPECTED_PAYLOAD_TYPE,
        PAYLOAD_TOO_LONG, TRUNCATED, WRONG_PAYLOAD_LENGTH, BAD_SDP_VALUE, END_OF_STREAM
    }

    private final Reason reason;

    public V2gtpException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return reason + ": " + super.getMessage();
    }
}
