package org.secc.transport.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first record of real ClientHellos, sent by real TLS clients over a loopback socket (Bouncy Castle JSSE with the
 * -20 and -2 profiles, SunJSSE with the -2 static-ECDH profile), and bad input: the peek decides who serves the
 * connection, never throws on garbage, and never reads past one record.
 */
class ClientHelloPeekTest {

    @BeforeAll
    static void allow() {
        assertTrue(Tls.permitStaticEcdh(), "SunJSSE in this test JVM read jdk.tls.disabledAlgorithms before the static-ECDH suite was allowed");
    }

    /** The bytes a client sends first, read by the server side with {@link ClientHelloPeek#read}; the client is then cut off. */
    private static ClientHelloPeek firstRecord(SSLContext ctx, TlsProfile profile) throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
                try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort())) {
                    raw.setSoTimeout(10_000);
                    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "localhost", ss.getLocalPort(), true);
                    Tls.configure(s, profile, false, ClientAuth.NONE);
                    s.startHandshake();
                } catch (Exception e) {
                    // the server closes after the ClientHello: the handshake fails, as intended
                }
            });
            try (Socket peer = ss.accept()) {
                peer.setSoTimeout(10_000);
                ClientHelloPeek p = ClientHelloPeek.read(peer.getInputStream());
                peer.close();
                client.get();
                return p;
            }
        }
    }

    @Test
    void iso20ClientOffersTls13AndIsNotForStaticEcdh() throws Exception {
        ClientHelloPeek p = firstRecord(Tls.context(null, null, null), TlsProfile.ISO15118_20);
        assertTrue(p.helloParsed());
        assertTrue(p.offersTls13());
        assertFalse(p.wantsStaticEcdh());
    }

    @Test
    void iso2EcdheClientStaysOnBouncyCastle() throws Exception {
        ClientHelloPeek p = firstRecord(Tls.context(null, null, null), TlsProfile.ISO15118_2);
        assertTrue(p.helloParsed());
        assertFalse(p.offersTls13());
        assertTrue(p.offersEcdhe());
        assertFalse(p.offersStaticEcdh());
        assertFalse(p.wantsStaticEcdh());
    }

    @Test
    void staticEcdhOnlyClientGoesToSunJsse() throws Exception {
        ClientHelloPeek p = firstRecord(Tls.staticEcdhContext(null, null, null), TlsProfile.ISO15118_2_STATIC_ECDH);
        assertTrue(p.helloParsed());
        assertFalse(p.offersTls13());
        assertTrue(p.offersStaticEcdh());
        assertFalse(p.offersEcdhe());
        assertTrue(p.wantsStaticEcdh());
        // the bytes are handed on as read: header plus exactly the record's body
        int len = ((p.bytes()[3] & 0xFF) << 8) | (p.bytes()[4] & 0xFF);
        assertEquals(5 + len, p.bytes().length);
    }

    @Test
    void everyCutOrGarbledHelloIsHandedOnUnparsedWithoutAThrow() throws Exception {
        byte[] hello = firstRecord(Tls.staticEcdhContext(null, null, null), TlsProfile.ISO15118_2_STATIC_ECDH).bytes();
        for (int n = 0; n < hello.length; n++) {
            ClientHelloPeek p = ClientHelloPeek.parse(Arrays.copyOf(hello, n));
            assertFalse(p.wantsStaticEcdh(), "prefix " + n);
            assertEquals(n, p.bytes().length);
        }
        Random r = new Random(602);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = hello.clone();
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                b[5 + r.nextInt(b.length - 5)] = (byte) r.nextInt(256);
            }
            assertArrayEquals(b, ClientHelloPeek.parse(b).bytes());
        }
    }

    @Test
    void readStopsAtTheHeaderOfANonHandshakeOrOversizedRecord() throws Exception {
        byte[] http = "GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ClientHelloPeek p = ClientHelloPeek.read(new ByteArrayInputStream(http));
        assertEquals(5, p.bytes().length);
        assertFalse(p.helloParsed());
        // a header that claims 65535 bytes: nothing beyond the header is read or allocated
        byte[] big = {22, 3, 3, (byte) 0xFF, (byte) 0xFF, 1, 2, 3};
        ByteArrayInputStream in = new ByteArrayInputStream(big);
        p = ClientHelloPeek.read(in);
        assertEquals(5, p.bytes().length);
        assertEquals(3, in.available());
        assertThrows(EOFException.class, () -> ClientHelloPeek.read(new ByteArrayInputStream(new byte[0])));
        // a record cut by the peer's close: what came is handed on
        p = ClientHelloPeek.read(new ByteArrayInputStream(new byte[] {22, 3, 1, 0, 100, 1, 0}));
        assertEquals(7, p.bytes().length);
        assertFalse(p.helloParsed());
    }
}
