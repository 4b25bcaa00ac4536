package org.secc.ev.conformance;

/** A case's expectation did not hold; the message is the verdict's reason (expected versus observed). */
public final class CaseFailure extends RuntimeException {
    public CaseFailure(String reason) {
        super(reason, null, false, false);
    }
}
