package org.secc.exi.v2gtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads V2GTP frames from a stream (TCP or TLS). The header is checked before anything is
 * allocated, and the payload buffer is never larger than the configured maximum, whatever the
 * length field claims.
 */
public final class V2gtpReader {
    private final InputStream in;
    private final long maxPayloadLength;
    private final byte[] header = new byte[V2gtpHeader.LENGTH];

    public V2gtpReader(InputStream in, long maxPayloadLength) {
        if (maxPayloadLength < 0) {
            throw new IllegalArgumentException("maximum payload length is negative");
        }
        this.in = in;
        this.maxPayloadLength = maxPayloadLength;
    }

    /**
     * The next frame, or {@code null} at a clean end of stream (between frames).
     *
     * @throws V2gtpException a header to refuse, or a stream that ends inside a frame
     * @throws IOException    the stream failed (including a read timeout)
     */
    public V2gtpFrame read() throws IOException, V2gtpException {
        int n = readFully(header, 0, header.length);
        if (n == 0) {
            return null;
        }
        if (n < header.length) {
            throw new V2gtpException(V2gtpException.Reason.TRUNCATED, "stream ended after " + n + " header bytes");
        }
        V2gtpHeader h = V2gtpHeader.parse(header, 0, header.length, maxPayloadLength);
        byte[] payload = new byte[(int) h.payloadLength()];
        int got = readFully(payload, 0, payload.length);
        if (got < payload.length) {
            throw new V2gtpException(V2gtpException.Reason.TRUNCATED,
                    "stream ended after " + got + " of " + payload.length + " payload bytes");
        }
        return new V2gtpFrame(h.payloadType(), payload);
    }

    private int readFully(byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int r;
            try {
                r = in.read(b, off + total, len - total);
            } catch (EOFException e) {
                r = -1;
            }
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }
}
