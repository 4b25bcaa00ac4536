package org.secc.exi;

/** A message that cannot be encoded: a value outside its XSD facets or a required part missing. */
public final class ExiEncodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExiEncodeException(String message) {
        super(message);
    }
}
