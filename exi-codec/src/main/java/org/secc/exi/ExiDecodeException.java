package org.secc.exi;

/**
 * The one exception any malformed, truncated or unsupported EXI input ends in. It names where the
 * decoder stood: the bit offset into the stream and the element path.
 */
public final class ExiDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long bitOffset;
    private final String reason;
    private String path = "";

    public ExiDecodeException(long bitOffset, String reason) {
        super(reason, null, false, false);
        this.bitOffset = bitOffset;
        this.reason = reason;
    }

    /** Prepends an element to the path while the exception travels up through the decoder. */
    public ExiDecodeException within(String element) {
        path = "/" + element + path;
        return this;
    }

    public long bitOffset() {
        return bitOffset;
    }

    public String path() {
        return path.isEmpty() ? "/" : path;
    }

    public String reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return "malformed EXI at byte " + (bitOffset >>> 3) + " bit " + (bitOffset & 7) + " in " + path() + ": " + reason;
    }
}
