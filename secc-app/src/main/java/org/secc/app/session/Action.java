package org.secc.app.session;

import java.time.Duration;

/** What the edge must do besides sending the response. */
public sealed interface Action {

    /** Close the TCP/TLS connection after the given delay (0 = right after the response). */
    record CloseConnection(Duration after) implements Action {}

    /** The session ended (power already off, contactors open via ChargeControl). */
    record SessionEnded(String reason) implements Action {}

    /**
     * The response waits for the charge controller (PowerDeliveryRes while the contactors close): the
     * edge calls {@link V2gSession#poll()} again within a few milliseconds, without holding anything
     * the session's timers or the safety paths need, until it returns the response.
     */
    record ResponsePending() implements Action {}

    /** The EV paused the session; the SessionID stays valid for a later OK_OldSessionJoined. */
    record SessionPaused(byte[] sessionId) implements Action {}

    /**
     * ISO 15118-2 AC with EIM: the EV was authorized but did not start the HLC charge (or left HLC
     * right after): the connector hands the charge to IEC 61851-1 basic charging at the nominal duty
     * cycle ([V2G2-853]; secc-app/README-din-iso2.md, "The pilot in -2 AC").
     */
    record NominalDuty(String why) implements Action {}
}
