package org.secc.transport.tls;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The first TLS record of a connection, read before any TLS implementation sees it, to decide which one serves the
 * connection: Bouncy Castle JSSE serves TLS 1.3 (ISO 15118-20) and the -2 ECDHE suite, the JDK's SunJSSE the -2
 * static-ECDH suite that Bouncy Castle JSSE lacks ([V2G2-602]; {@link Tls#staticEcdhContext}). The bytes read are
 * handed on unchanged ({@link #bytes()}) with {@code SSLSocketFactory.createSocket(Socket, InputStream, boolean)}.
 *
 * <p>Sans-I/O parsing ({@link #parse}); reading takes at most one record: 5 header bytes and at most 2^14 + 2048
 * bytes of body (RFC 5246 6.2.3, the largest legal record), never what a header claims beyond that. The caller's
 * handshake deadline bounds the wait (a peer that sends nothing is closed by it).
 */
public record ClientHelloPeek(byte[] bytes, boolean helloParsed, boolean offersTls13, boolean offersStaticEcdh,
                              boolean offersEcdhe) {

    /** TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256 (RFC 5289). */
    public static final int STATIC_ECDH_SUITE = 0xC025;
    /** TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 (RFC 5289). */
    public static final int ECDHE_SUITE = 0xC023;
    private static final int MAX_RECORD_BODY = (1 << 14) + 2048;

    /** A -2 EV that can only do static ECDH: no TLS 1.3, the static-ECDH suite, not the ECDHE one. */
    public boolean wantsStaticEcdh() {
        return helloParsed && !offersTls13 && offersStaticEcdh && !offersEcdhe;
    }

    /**
     * Reads the first record from {@code in}: the bytes consumed are always in the result (a record that is not a
     * ClientHello, or a cut one, is handed on as it is for the TLS implementation to reject with its own alert).
     */
    public static ClientHelloPeek read(InputStream in) throws IOException {
        byte[] head = in.readNBytes(5);
        if (head.length < 5 || (head[0] & 0xFF) != 22) {
            if (head.length == 0) {
                throw new EOFException("connection closed before a ClientHello");
            }
            return new ClientHelloPeek(head, false, false, false, false);
        }
        int len = ((head[3] & 0xFF) << 8) | (head[4] & 0xFF);
        if (len > MAX_RECORD_BODY) {
            return new ClientHelloPeek(head, false, false, false, false);
        }
        byte[] all = Arrays.copyOf(head, 5 + len);
        int got = in.readNBytes(all, 5, len);
        return parse(got == len ? all : Arrays.copyOf(all, 5 + got));
    }

    /** Parses one record (header and body) as far as it goes; never throws on bad input. */
    public static ClientHelloPeek parse(byte[] rec) {
        boolean tls13 = false;
        boolean ecdh = false;
        boolean ecdhe = false;
        try {
            Cursor c = new Cursor(rec, 5, rec.length);
            if (rec.length < 5 || (rec[0] & 0xFF) != 22 || c.u8() != 1) {
                return new ClientHelloPeek(rec, false, false, false, false);
            }
            int hsLen = c.u24();
            if (c.remaining() < hsLen) {
                // cut, or spread over several records (legal, unusual): not looked into; Bouncy Castle serves it
                return new ClientHelloPeek(rec, false, false, false, false);
            }
            c = new Cursor(rec, c.pos, c.pos + hsLen);
            c.skip(2 + 32); // legacy_version, random
            c.skip(c.u8()); // session id
            int suitesLen = c.u16();
            Cursor suites = c.sub(suitesLen);
            while (suites.remaining() >= 2) {
                int s = suites.u16();
                ecdh |= s == STATIC_ECDH_SUITE;
                ecdhe |= s == ECDHE_SUITE;
            }
            c.skip(c.u8()); // compression methods
            if (c.remaining() >= 2) {
                Cursor ext = c.sub(c.u16());
                while (ext.remaining() >= 4) {
                    int type = ext.u16();
                    Cursor body = ext.sub(ext.u16());
                    if (type == 0x002B) { // supported_versions (RFC 8446 4.2.1)
                        Cursor v = body.sub(body.u8());
                        while (v.remaining() >= 2) {
                            tls13 |= v.u16() == 0x0304;
                        }
                    }
                }
            }
            return new ClientHelloPeek(rec, true, tls13, ecdh, ecdhe);
        } catch (IndexOutOfBoundsException e) {
            // a cut or malformed ClientHello: handed on whole, the TLS implementation answers it with an alert
            return new ClientHelloPeek(rec, false, false, false, false);
        }
    }

    private static final class Cursor {
        private final byte[] b;
        private int pos;
        private final int end;

        Cursor(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        int remaining() {
            return end - pos;
        }

        int u8() {
            if (pos >= end) {
                throw new IndexOutOfBoundsException();
            }
            return b[pos++] & 0xFF;
        }

        int u16() {
            return (u8() << 8) | u8();
        }

        int u24() {
            return (u8() << 16) | u16();
        }

        void skip(int n) {
            if (n > remaining()) {
                throw new IndexOutOfBoundsException();
            }
            pos += n;
        }

        Cursor sub(int n) {
            if (n > remaining()) {
                throw new IndexOutOfBoundsException();
            }
            Cursor s = new Cursor(b, pos, pos + n);
            pos += n;
            return s;
        }
    }
}
