package org.secc.app.v2g;

/** Why a V2GTP connection ended; the session maps every kind to power off and contactors open. */
public record CloseReason(Kind kind, String detail) {
    public enum Kind {
        /** The EV closed the connection. */
        PEER_CLOSED,
        /** No complete frame within the configured read timeout. */
        READ_TIMEOUT,
        /** Wrong version/inverse, unknown type, too long or truncated frame (V2GTP header rules: drop and close, secc-app/README-network.md). */
        BAD_FRAME,
        /** TLS handshake failed or timed out. */
        HANDSHAKE_FAILED,
        /** Socket error. */
        IO_ERROR,
        /** The handler asked to close. */
        HANDLER_CLOSED,
        /** The handler threw; treated as a fault. */
        HANDLER_FAILED,
        /** The server was stopped. */
        SERVER_STOPPED
    }

    @Override
    public String toString() {
        return kind + (detail == null || detail.isEmpty() ? "" : ": " + detail);
    }
}
