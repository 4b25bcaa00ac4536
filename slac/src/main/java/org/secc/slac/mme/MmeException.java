package org.secc.slac.mme;

/** A frame that is not a well-formed management message this product understands. */
public final class MmeException extends Exception {
    private static final long serialVersionUID = 1L;

    public MmeException(String message) {
        super(message);
    }
}
