package org.secc.ev.link;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * V2GTP framing (facts 2.1): version 0x01, inverse 0xFE, payload type, uint32 length. A small adapter of
 * the emulator's own until the network edge's frame reader/writer is merged.
 */
public final class V2gtp {
    public static final int HEADER = 8;
    /** Largest payload accepted; larger claims are refused without allocating. */
    public static final int MAX_PAYLOAD = 64 * 1024;

    private V2gtp() {
    }

    public static byte[] frame(int payloadType, byte[] payload) {
        byte[] b = new byte[HEADER + payload.length];
        b[0] = 0x01;
        b[1] = (byte) 0xFE;
        b[2] = (byte) (payloadType >> 8);
        b[3] = (byte) payloadType;
        int n = payload.length;
        b[4] = (byte) (n >>> 24);
        b[5] = (byte) (n >>> 16);
        b[6] = (byte) (n >>> 8);
        b[7] = (byte) n;
        System.arraycopy(payload, 0, b, HEADER, n);
        return b;
    }

    /** Writes one message with a single write call. */
    public static void write(OutputStream out, int payloadType, byte[] payload) throws IOException {
        out.write(frame(payloadType, payload));
        out.flush();
    }

    /** Reads one message; EOFException at a clean end of stream, IOException on a bad header. */
    public static Frame read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int first = d.read();
        if (first < 0) {
            throw new EOFException("peer closed");
        }
        byte[] h = new byte[HEADER];
        h[0] = (byte) first;
        d.readFully(h, 1, HEADER - 1);
        if (h[0] != 0x01 || h[1] != (byte) 0xFE) {
            throw new IOException(String.format("bad V2GTP version %02x/%02x", h[0], h[1]));
        }
        int type = ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
        long len = ((h[4] & 0xFFL) << 24) | ((h[5] & 0xFFL) << 16) | ((h[6] & 0xFFL) << 8) | (h[7] & 0xFFL);
        if (len > MAX_PAYLOAD) {
            throw new IOException("V2GTP payload length " + len + " exceeds " + MAX_PAYLOAD);
        }
        byte[] p = new byte[(int) len];
        d.readFully(p);
        return new Frame(type, p);
    }
}
