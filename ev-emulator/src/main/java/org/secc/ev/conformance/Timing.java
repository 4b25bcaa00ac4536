package org.secc.ev.conformance;

/** One measured response time: request name, milliseconds from the request written to the response read, and its limit. */
public record Timing(String request, long ms, long limitMs) {
    public boolean late() {
        return ms > limitMs;
    }
}
