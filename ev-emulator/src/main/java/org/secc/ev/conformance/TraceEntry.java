package org.secc.ev.conformance;

/**
 * One event on a case's wire: a message sent or received (decoded to JSON where it decodes), raw bytes
 * sent, a connection opened or closed, or a note of the suite.
 *
 * @param tMs         milliseconds since the case started
 * @param direction   {@code ">"} EV to charger, {@code "<"} charger to EV, {@code "*"} connection event or note
 * @param connection  1-based number of the case's connection
 * @param name        message name, or what happened
 * @param detail      decoded message (JSON), hex of raw bytes, or the reason
 */
public record TraceEntry(long tMs, String direction, int connection, String name, String detail) {
    public String line() {
        return String.format("%7d ms  #%d %s %s%s", tMs, connection, direction, name, detail.isEmpty() ? "" : "  " + detail);
    }
}
