package org.secc.transport.v2gtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads V2GTP frames from a byte stream (TCP or TLS). The header is checked before any payload
 * buffer is allocated, so a header claiming more than the maximum costs nothing ([no allocation of
 * what the wire claims]). Not thread-safe: one reader per connection.
 */
public final class V2gtpFrameReader {
    private final InputStream in;
    private final V2gtpCodec codec;
    private final byte[] header = new byte[V2gtpHeader.LENGTH];

    public V2gtpFrameReader(InputStream in, int maxPayload) {
        this.in = in;
        this.codec = new V2gtpCodec(maxPayload);
    }

    public V2gtpFrameReader(InputStream in, V2gtpCodec codec) {
        this.in = in;
        this.codec = codec;
    }

    /**
     * Blocks for the next frame. A clean end of stream before the first header byte gives
     * {@link V2gtpException.Reason#END_OF_STREAM}; an end inside a frame gives TRUNCATED.
     * Socket timeouts surface as {@link java.net.SocketTimeoutException} from the stream.
     */
    public V2gtpFrame read() throws IOException, V2gtpException {
        int first = in.read();
        if (first < 0) {
            throw new V2gtpException(V2gtpException.Reason.END_OF_STREAM, "connection closed by peer");
        }
        header[0] = (byte) first;
        readFully(header, 1, V2gtpHeader.LENGTH - 1, "header");
        V2gtpHeader h = codec.parseHeader(header, 0);
        byte[] payload = new byte[(int) h.payloadLength()];
        readFully(payload, 0, payload.length, "payload");
        return new V2gtpFrame(h.payloadType(), payload);
    }

    private void readFully(byte[] b, int off, int len, String what) throws IOException, V2gtpException {
        int done = 0;
        while (done < len) {
            int n;
            try {
                n = in.read(b, off + done, len - done);
            } catch (EOFException e) {
                n = -1;
            }
            if (n < 0) {
                throw new V2gtpException(V2gtpException.Reason.TRUNCATED,
                        "stream ended after " + done + " of " + len + " " + what + " bytes");
            }
            done += n;
        }
    }
}
