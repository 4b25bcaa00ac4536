package org.secc.ev.conformance;

/** The charger under test does not offer what a case needs (e.g. a service); the case is reported, not failed. */
public final class NotApplicable extends RuntimeException {
    public NotApplicable(String reason) {
        super(reason, null, false, false);
    }
}
