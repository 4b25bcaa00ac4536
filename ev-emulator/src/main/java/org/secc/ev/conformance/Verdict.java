package org.secc.ev.conformance;

/** The outcome of one case. Only FAIL and ERROR make the run fail. */
public enum Verdict {
    /** Every expectation held. */
    PASS,
    /** An expectation did not hold (wrong code, late, wrong sequence, not closed, ...). */
    FAIL,
    /** The case could not be run (connection refused, TLS setup, an exception in the suite). */
    ERROR,
    /** The charger does not offer what the case needs (it says so in its answers). */
    NOT_APPLICABLE
}
