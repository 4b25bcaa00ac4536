package org.secc.exi.v2gtp;

/**
 * A V2GTP frame that must not be processed. The standard's answer to every reason is the same:
 * drop the frame and close the connection (facts sheet 2.1); the message says why in one line.
 */
public final class V2gtpException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a frame was refused. */
    public enum Reason {
        /** Byte 0 is not 0x01 or byte 1 is not its inverse 0xFE. */
        WRONG_VERSION,
        /** A reserved payload type. */
        UNKNOWN_PAYLOAD_TYPE,
        /** The header announces more payload than the configured maximum. */
        PAYLOAD_TOO_LONG,
        /** The buffer or stream ends before the announced payload does. */
        TRUNCATED,
        /** Bytes follow the announced payload in a buffer that should hold exactly one frame. */
        TRAILING_BYTES,
        /** A well-formed frame whose payload type this endpoint does not accept here. */
        UNEXPECTED_PAYLOAD_TYPE,
        /** A raw (SDP) payload of the wrong size or with an undefined value. */
        MALFORMED_PAYLOAD
    }

    private final Reason reason;

    public V2gtpException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
