package org.secc.app.v2g;

/** Why a V2GTP connection ended; the session maps every kind to power off and contactors open. */
public record CloseReason(Kind kind, String detail) {
    public enum Kind {
        /** The EV closed the connection. */
        PEER_CLOSED,
        /** No complete frame (or no SupportedAppProtocolReq) within its deadline. */
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
        /**
         * Closed before its session began: another session kept the connector, or the oldest waiting connection made
         * room for a new one (bounded pending connections).
         */
        REFUSED,
        /** The server was stopped. */
        SERVER_STOPPED
    }

    @Override
    public String toString() {
        return kind + (detail == null || detail.isEmpty() ? "" : ": " + detail);
    }
}
