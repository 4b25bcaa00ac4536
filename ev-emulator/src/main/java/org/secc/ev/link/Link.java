package org.secc.ev.link;

import java.io.IOException;

/** One connection to an SECC carrying V2GTP messages; one message per {@link #send}. */
public interface Link extends AutoCloseable {
    void send(int payloadType, byte[] payload) throws IOException;

    /** Waits up to {@code timeoutMs}; null on timeout; {@link java.io.EOFException} when the SECC closed. */
    Frame receive(long timeoutMs) throws IOException;

    @Override
    void close();
}
