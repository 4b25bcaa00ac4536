package org.secc.app.v2g;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.secc.app.pki.TestPkiSupport;
import org.secc.transport.tls.ClientAuth;
import org.secc.transport.tls.TlsProfile;
import org.secc.transport.v2gtp.V2gClient;
import org.secc.transport.v2gtp.V2gtpFrame;

/** Real sockets on loopback, real TLS 1.3 handshakes with the generated PKI. */
class V2gServerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Duration T = Duration.ofSeconds(10);
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final BlockingQueue<CloseReason> closed = new LinkedBlockingQueue<>();
    private final BlockingQueue<V2gConnection> connections = new LinkedBlockingQueue<>();
    private V2gServer server;

    /** Echoes every frame back with the same payload type. */
    private V2gConnectionHandler.Factory echo() {
        return conn -> {
            connections.add(conn);
            return new V2gConnectionHandler() {
                @Override
                public List<V2gtpFrame> onFrame(V2gtpFrame in) {
                    return List.of(in);
                }

                @Override
                public void onClosed(CloseReason reason) {
                    closed.add(reason);
                }
            };
        };
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private InetSocketAddress addr() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
    }

    private CloseReason nextClose() throws InterruptedException {
        CloseReason r = closed.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no close reported");
        }
        return r;
    }

    private static V2gtpFrame sap() {
        return new V2gtpFrame(0x8001, HEX.parseHex("80400040"));
    }

    private V2gClient tls(SSLContext ctx, TlsProfile p) throws IOException {
        return V2gClient.connectTls(addr(), ctx, p, T, 65536);
    }

    /** Reads until the server closes; true if it did (EOF or reset) within the timeout. */
    private static boolean closedByServer(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    private static List<Thread> threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).toList();
    }

    private static Thread awaitOneNamed(String name) throws InterruptedException {
        long until = System.nanoTime() + T.toNanos();
        while (threadsNamed(name).size() != 1 && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        List<Thread> l = threadsNamed(name);
        assertEquals(1, l.size(), "one thread named " + name + ": " + l);
        return l.get(0);
    }

    /**
     * A new connection is served by the thread that accepted it (no thread start, no hand-over before its first
     * request is read); a successor started ahead accepts the next; close ends both.
     */
    @Test
    void theThreadThatAcceptsAConnectionServesItAndASuccessorWaitsAlready() throws Exception {
        BlockingQueue<Thread> served = new LinkedBlockingQueue<>();
        server = V2gServer.start(V2gServerConfig.tcp(ANY_LOOPBACK), conn -> {
            served.add(Thread.currentThread());
            return echo().open(conn);
        });
        String accepting = "v2g-accept-" + server.port();
        Thread acceptor = awaitOneNamed(accepting);
        Thread next = awaitOneNamed("v2g-accept-next-" + server.port());
        for (int i = 1; i <= 3; i++) {
            try (V2gClient c = V2gClient.connectTcp(addr(), T, 65536)) {
                assertEquals(sap(), c.request(sap()));
            }
            assertEquals(CloseReason.Kind.PEER_CLOSED, nextClose().kind());
            Thread t = served.poll(10, TimeUnit.SECONDS);
            assertEquals(acceptor, t, "connection " + i + " served by the thread that accepted it");
            assertEquals("v2g-conn-" + i, t.getName());
            Thread now = awaitOneNamed(accepting);
            assertEquals(next, now, "the successor started ahead accepts the next connection");
            acceptor = now;
            next = awaitOneNamed("v2g-accept-next-" + server.port());
        }
        server.close();
        acceptor.join(5000);
        next.join(5000);
        assertFalse(acceptor.isAlive(), "the accepting thread ends with the server");
        assertFalse(next.isAlive(), "its successor too");
    }

    @Test
    void tcpEchoAndPeerClose() throws Exception {
        server = V2gServer.start(V2gServerConfig.tcp(ANY_LOOPBACK), echo());
        try (V2gClient c = V2gClient.connectTcp(addr(), T, 65536)) {
            assertEquals(sap(), c.request(sap()));
            V2gtpFrame big = new V2gtpFrame(0x8004, new byte[6000]);
            assertEquals(big, c.request(big));
            assertTrue(c.tlsSession().isEmpty());
        }
        assertEquals(CloseReason.Kind.PEER_CLOSED, nextClose().kind());
    }

    @Test
    void tls13HandshakeNegotiatesTheProfileAndRequestsClientCertificate() throws Exception {
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, TestPkiSupport.serverContext()), echo());
        try (V2gClient c = tls(TestPkiSupport.clientContext(), TlsProfile.ISO15118_20)) {
            assertEquals(sap(), c.request(sap()));
            SSLSession s = c.tlsSession().orElseThrow();
            assertEquals("TLSv1.3", s.getProtocol());
            assertEquals("TLS_AES_256_GCM_SHA384", s.getCipherSuite(), "server order: AES-256-GCM first");
            assertEquals(3, s.getPeerCertificates().length, "SECC leaf + CPO Sub-CA 2 + Sub-CA 1");
            SSLSession serverSide = connections.poll(5, TimeUnit.SECONDS).tlsSession().orElseThrow();
            assertEquals(3, serverSide.getPeerCertificates().length, "vehicle chain sent in answer to CertificateRequest");
            assertTrue(((java.security.cert.X509Certificate) serverSide.getPeerCertificates()[0])
                    .getSubjectX500Principal().getName().contains("WSECCVEHICLE00001"));
        }
    }

    @Test
    void contextsFromPkcs12FilesAsWrittenBySeccPki() throws Exception {
        java.nio.file.Path dir = TestPkiSupport.pki().dir();
        char[] pw = TestPkiSupport.pki().password();
        SSLContext srv = org.secc.transport.tls.Tls.fromPkcs12(dir.resolve("secc.p12"), dir.resolve("oem-root-trust.p12"), pw);
        SSLContext cli = org.secc.transport.tls.Tls.fromPkcs12(dir.resolve("vehicle.p12"), dir.resolve("v2g-root-trust.p12"), pw);
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, srv).withClientAuth(ClientAuth.NEED), echo());
        try (V2gClient c = tls(cli, TlsProfile.ISO15118_20)) {
            assertEquals(sap(), c.request(sap()));
        }
    }

    /** Ed448 certificates ([V2G20-2319]) let an x448-only, ed448-only client in. */
    @Test
    void ed448PkiWithX448OnlyClient() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "test-pki-ed448");
        char[] pw = "pw".toCharArray();
        new org.secc.testpki.PkiGenerator(java.time.Instant.now(), "DE*SEC*E0001*1", "WSECCVEHICLE00001",
                org.secc.testpki.PkiGenerator.KeyType.ED448).generate(dir, pw);
        SSLContext srv = org.secc.transport.tls.Tls.fromPkcs12(dir.resolve("secc.p12"), dir.resolve("oem-root-trust.p12"), pw);
        SSLContext cli = org.secc.transport.tls.Tls.fromPkcs12(dir.resolve("vehicle.p12"), dir.resolve("v2g-root-trust.p12"), pw);
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, srv).withClientAuth(ClientAuth.NEED), echo());
        try (V2gClient c = tls(cli, TlsProfile.ISO15118_20.withNamedGroups("x448").withSignatureSchemes("ed448"))) {
            assertEquals(sap(), c.request(sap()));
            java.security.PublicKey peer = c.tlsSession().orElseThrow().getPeerCertificates()[0].getPublicKey();
            // the JDK's key object says "EdDSA" with the curve in its parameters, Bouncy Castle's says "Ed448"
            assertEquals("Ed448", peer instanceof java.security.interfaces.EdECKey ed ? ed.getParams().getName() : peer.getAlgorithm());
        }
    }

    @Test
    void chachaIsAcceptedWhenTheClientOffersOnlyIt() throws Exception {
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, TestPkiSupport.serverContext()), echo());
        try (V2gClient c = tls(TestPkiSupport.clientContext(),
                TlsProfile.ISO15118_20.withCipherSuites("TLS_CHACHA20_POLY1305_SHA256"))) {
            assertEquals("TLS_CHACHA20_POLY1305_SHA256", c.tlsSession().orElseThrow().getCipherSuite());
            assertEquals(sap(), c.request(sap()));
        }
    }

    @Test
    void clientPreferringX448IsServed() throws Exception {
        // A Bouncy Castle client offers ecdsa_secp521r1_sha512 only with secp521r1 among its groups
        // (X448OnlyEvTest: x448-only EVs on other stacks are served); x448 first works, and the
        // server's Table 7 order then selects secp521r1 (see OpenSslInteropTest for the group on the wire).
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, TestPkiSupport.serverContext()), echo());
        try (V2gClient c = tls(TestPkiSupport.clientContext(), TlsProfile.ISO15118_20.withNamedGroups("x448", "secp521r1"))) {
            assertEquals(sap(), c.request(sap()));
        }
    }

    @Test
    void aes128SuiteIsRefused() throws Exception {
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, TestPkiSupport.serverContext()), echo());
        assertThrows(IOException.class, () -> tls(TestPkiSupport.clientContext(),
                TlsProfile.ISO15118_20.withCipherSuites("TLS_AES_128_GCM_SHA256")).close());
        // next connection still served
        try (V2gClient c = tls(TestPkiSupport.clientContext(), TlsProfile.ISO15118_20)) {
            assertEquals(sap(), c.request(sap()));
        }
    }

    @Test
    void x25519AndP256AreRefused() throws Exception {
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, TestPkiSupport.serverContext()), echo());
        assertThrows(IOException.class, () -> tls(TestPkiSupport.clientContext(),
                TlsProfile.ISO15118_20.withNamedGroups("x25519")).close());
        assertThrows(IOException.class, () -> tls(TestPkiSupport.clientContext(),
                TlsProfile.ISO15118_20.withNamedGroups("secp256r1")).close());
    }

    @Test
    void tls12IsRefused() throws Exception {
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, TestPkiSupport.serverContext()), echo());
        assertThrows(IOException.class, () -> tls(TestPkiSupport.clientContext(),
                new TlsProfile(List.of("TLSv1.2"), List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
                        List.of("secp521r1"), List.of("ecdsa_secp521r1_sha512"))).close());
    }

    @Test
    void signatureSchemeOutsideTheProfileIsRefused() throws Exception {
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, TestPkiSupport.serverContext()), echo());
        assertThrows(IOException.class, () -> tls(TestPkiSupport.clientContext(),
                TlsProfile.ISO15118_20.withSignatureSchemes("ecdsa_secp256r1_sha256")).close());
    }

    @Test
    void clientWithoutCertificateIsAcceptedUnlessRequired() throws Exception {
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, TestPkiSupport.serverContext()), echo());
        try (V2gClient c = tls(TestPkiSupport.anonymousClientContext(), TlsProfile.ISO15118_20)) {
            assertEquals(sap(), c.request(sap()));
        }
        assertEquals(CloseReason.Kind.PEER_CLOSED, nextClose().kind());
        server.close();
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, TestPkiSupport.serverContext())
                .withClientAuth(ClientAuth.NEED), echo());
        // TLS 1.3: the client may finish before the server's alert; the failure shows on first use at the latest.
        assertThrows(Exception.class, () -> {
            try (V2gClient c = tls(TestPkiSupport.anonymousClientContext(), TlsProfile.ISO15118_20)) {
                c.request(sap());
            }
        });
        assertEquals(CloseReason.Kind.HANDSHAKE_FAILED, nextCloseOrHandshake());
    }

    private CloseReason.Kind nextCloseOrHandshake() throws InterruptedException {
        // Handshake failures happen before a handler exists: no onClosed. Poll briefly for none.
        CloseReason r = closed.poll(200, TimeUnit.MILLISECONDS);
        return r == null ? CloseReason.Kind.HANDSHAKE_FAILED : r.kind();
    }

    @Test
    void untrustedServerIsRefusedByClient() throws Exception {
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, TestPkiSupport.serverContext()), echo());
        SSLContext trustsOnlyOem = org.secc.transport.tls.Tls.context(null, null, TestPkiSupport.pki().oemRootTrust());
        assertThrows(IOException.class, () -> tls(trustsOnlyOem, TlsProfile.ISO15118_20).close());
    }

    @Test
    void badHeadersCloseOnlyThatConnection() throws Exception {
        server = V2gServer.start(V2gServerConfig.tcp(ANY_LOOPBACK).withMaxPayload(1024), echo());
        String[] bad = {
            "02fe800100000004", // version
            "01ff800100000004", // inverse
            "01fe800700000004", // reserved type
            "01fe8002ffffffff", // length over maximum (never allocated)
            "01fe800200000401", // 1025 > 1024
            "474554202f20485454502f312e310d0a", // garbage: "GET / HTTP/1.1"
        };
        for (String b : bad) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                s.getOutputStream().write(HEX.parseHex(b));
                assertTrue(closedByServer(s), b);
            }
            CloseReason r = nextClose();
            assertEquals(CloseReason.Kind.BAD_FRAME, r.kind(), b + " -> " + r);
        }
        try (V2gClient c = V2gClient.connectTcp(addr(), T, 65536)) {
            assertEquals(sap(), c.request(sap()));
        }
    }

    @Test
    void truncatedFrameThenCloseIsBadFrame() throws Exception {
        server = V2gServer.start(V2gServerConfig.tcp(ANY_LOOPBACK), echo());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.getOutputStream().write(HEX.parseHex("01fe80010000000480"));
            s.shutdownOutput();
            assertTrue(closedByServer(s));
        }
        assertEquals(CloseReason.Kind.BAD_FRAME, nextClose().kind());
    }

    @Test
    void garbageOverTlsClosesAndServerKeepsServing() throws Exception {
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, TestPkiSupport.serverContext()), echo());
        try (V2gClient c = tls(TestPkiSupport.clientContext(), TlsProfile.ISO15118_20)) {
            c.sendRaw(HEX.parseHex("deadbeefdeadbeef"));
            assertThrows(Exception.class, c::receive);
        }
        assertEquals(CloseReason.Kind.BAD_FRAME, nextClose().kind());
        // plain bytes on the TLS port: handshake failure, then still serving
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.getOutputStream().write(HEX.parseHex("01fe800100000004804000400000000000"));
            assertTrue(closedByServer(s));
        }
        try (V2gClient c = tls(TestPkiSupport.clientContext(), TlsProfile.ISO15118_20)) {
            assertEquals(sap(), c.request(sap()));
        }
    }

    @Test
    void readTimeoutClosesTheConnection() throws Exception {
        server = V2gServer.start(V2gServerConfig.tcp(ANY_LOOPBACK).withReadTimeout(Duration.ofMillis(150)), echo());
        try (V2gClient c = V2gClient.connectTcp(addr(), T, 65536)) {
            assertEquals(sap(), c.request(sap()));
            // say nothing: the server must close after its read timeout
            assertThrows(Exception.class, c::receive);
        }
        CloseReason r = nextClose();
        assertEquals(CloseReason.Kind.READ_TIMEOUT, r.kind());
    }

    @Test
    void halfAFrameThenSilenceTimesOut() throws Exception {
        server = V2gServer.start(V2gServerConfig.tcp(ANY_LOOPBACK).withFirstFrameTimeout(Duration.ofMillis(150)), echo());
        try (V2gClient c = V2gClient.connectTcp(addr(), T, 65536)) {
            c.sendRaw(HEX.parseHex("01fe8001000000"));
            assertThrows(Exception.class, c::receive);
        }
        assertEquals(CloseReason.Kind.READ_TIMEOUT, nextClose().kind());
    }

    @Test
    void silentTlsHandshakeTimesOut() throws Exception {
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, TestPkiSupport.serverContext())
                .withHandshakeTimeout(Duration.ofMillis(1000)), echo()); // room for the real handshake below on a busy machine
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            assertTrue(closedByServer(s)); // we never send a ClientHello
        }
        try (V2gClient c = tls(TestPkiSupport.clientContext(), TlsProfile.ISO15118_20)) {
            assertEquals(sap(), c.request(sap()));
        }
    }

    @Test
    void secondConnectionIsRefusedWhileOneIsActive() throws Exception {
        server = V2gServer.start(V2gServerConfig.tcp(ANY_LOOPBACK), echo());
        try (V2gClient first = V2gClient.connectTcp(addr(), T, 65536)) {
            assertEquals(sap(), first.request(sap()));
            try (Socket second = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                // refused once its SupportedAppProtocolReq is in and the slot stays taken past the reconnect grace
                second.getOutputStream().write(sap().toBytes());
                assertTrue(closedByServer(second));
            }
            assertEquals(CloseReason.Kind.REFUSED, nextClose().kind());
            assertEquals(sap(), first.request(sap()), "first session unaffected");
        }
        assertEquals(CloseReason.Kind.PEER_CLOSED, nextClose().kind());
        // after the first ends, a new one is served (wait for the server to release the slot)
        while (server.hasActiveConnection()) {
            Thread.onSpinWait();
        }
        try (V2gClient c = V2gClient.connectTcp(addr(), T, 65536)) {
            assertEquals(sap(), c.request(sap()));
        }
    }

    /**
     * The EV that reconnects at once (the next car, a resume) while the old connection still holds the slot
     * waits within the reconnect grace and is served when the old one ends, not refused.
     */
    @Test
    void aConnectionWaitingForTheSlotIsServedWhenTheOldOneEnds() throws Exception {
        server = V2gServer.start(V2gServerConfig.tcp(ANY_LOOPBACK), echo());
        V2gClient first = V2gClient.connectTcp(addr(), T, 65536);
        assertEquals(sap(), first.request(sap()));
        assertNotNull(connections.poll(5, TimeUnit.SECONDS));
        try (V2gClient second = V2gClient.connectTcp(addr(), T, 65536)) {
            V2gConnection waiting = connections.poll(5, TimeUnit.SECONDS); // its handler exists: it is past accept
            assertNotNull(waiting);
            second.send(sap());
            // its first frame is in once it left the pending set: it now waits for the slot
            while (server.pendingConnections() > 0) {
                Thread.onSpinWait();
            }
            assertTrue(waiting.isOpen(), "still waiting, not refused");
            first.close();
            assertEquals(sap(), second.receive(), "served once the first connection released the slot");
            assertEquals(CloseReason.Kind.PEER_CLOSED, nextClose().kind());
            assertEquals(sap(), second.request(sap()));
        }
    }

    @Test
    void handlerCanSendUnsolicitedAndClose() throws Exception {
        server = V2gServer.start(V2gServerConfig.tcp(ANY_LOOPBACK), echo());
        try (V2gClient c = V2gClient.connectTcp(addr(), T, 65536)) {
            V2gConnection conn = connections.poll(5, TimeUnit.SECONDS);
            V2gtpFrame note = new V2gtpFrame(0x8002, new byte[] {0x01});
            conn.send(note);
            assertEquals(note, c.receive());
            conn.close("session stopped");
            assertThrows(Exception.class, c::receive);
            assertFalse(conn.isOpen());
        }
        CloseReason r = nextClose();
        assertEquals(CloseReason.Kind.HANDLER_CLOSED, r.kind());
        assertEquals("session stopped", r.detail());
    }

    @Test
    void handlerExceptionClosesAndServerKeepsServing() throws Exception {
        server = V2gServer.start(V2gServerConfig.tcp(ANY_LOOPBACK), conn -> new V2gConnectionHandler() {
            @Override
            public List<V2gtpFrame> onFrame(V2gtpFrame in) {
                if (in.payload().length == 0) {
                    throw new IllegalStateException("boom");
                }
                return List.of(in);
            }

            @Override
            public void onClosed(CloseReason reason) {
                closed.add(reason);
            }
        });
        try (V2gClient c = V2gClient.connectTcp(addr(), T, 65536)) {
            c.send(new V2gtpFrame(0x8002, new byte[0]));
            assertThrows(Exception.class, c::receive);
        }
        assertEquals(CloseReason.Kind.HANDLER_FAILED, nextClose().kind());
        try (V2gClient c = V2gClient.connectTcp(addr(), T, 65536)) {
            assertEquals(sap(), c.request(sap()));
        }
    }

    @Test
    void serverStopReportsServerStopped() throws Exception {
        server = V2gServer.start(V2gServerConfig.tcp(ANY_LOOPBACK), echo());
        try (V2gClient c = V2gClient.connectTcp(addr(), T, 65536)) {
            assertEquals(sap(), c.request(sap()));
            server.close();
            assertEquals(CloseReason.Kind.SERVER_STOPPED, nextClose().kind());
        }
    }

    /** Reads until the server closes; the milliseconds that took, or -1 if it had not closed after {@code maxMs}. */
    private static long msUntilClosed(Socket s, long maxMs) throws IOException {
        long t0 = System.nanoTime();
        s.setSoTimeout((int) maxMs);
        try {
            while (s.getInputStream().read() >= 0) {
                // drain
            }
        } catch (java.net.SocketTimeoutException e) {
            return -1;
        } catch (java.net.SocketException e) {
            // reset: closed
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void firstFrameDeadlineIsForTheWholeFrameNotPerRead() throws Exception {
        // a per-read timeout of 60 s would keep this peer forever: one byte every 100 ms
        server = V2gServer.start(V2gServerConfig.tcp(ANY_LOOPBACK).withFirstFrameTimeout(Duration.ofMillis(500)), echo());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            byte[] frame = HEX.parseHex("01fe8001000000400000000000000000000000000000000000000000000000000000000000000000000000");
            Thread writer = new Thread(() -> {
                try {
                    for (byte b : frame) {
                        s.getOutputStream().write(b);
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the server: expected
                }
            });
            writer.start();
            long ms = msUntilClosed(s, 8_000);
            writer.interrupt();
            writer.join();
            assertTrue(ms >= 0 && ms < 4_000, "closed after " + ms + " ms");
        }
        CloseReason r = nextClose();
        assertEquals(CloseReason.Kind.READ_TIMEOUT, r.kind());
        assertTrue(r.detail().contains("SupportedAppProtocolReq"), r.detail());
    }

    @Test
    void laterFramesHaveAWholeFrameDeadlineToo() throws Exception {
        server = V2gServer.start(V2gServerConfig.tcp(ANY_LOOPBACK).withReadTimeout(Duration.ofMillis(500)), echo());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.getOutputStream().write(sap().toBytes());
            s.getInputStream().readNBytes(sap().toBytes().length);
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 60; i++) {
                        s.getOutputStream().write(i == 0 ? 0x01 : i == 1 ? 0xfe : 0);
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the server: expected
                }
            });
            writer.start();
            long ms = msUntilClosed(s, 8_000);
            writer.interrupt();
            writer.join();
            assertTrue(ms >= 0 && ms < 4_000, "closed after " + ms + " ms");
        }
        assertEquals(CloseReason.Kind.READ_TIMEOUT, nextClose().kind());
    }

    @Test
    void tricklingTlsClientHelloIsCutAtTheHandshakeDeadline() throws Exception {
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, TestPkiSupport.serverContext())
                .withHandshakeTimeout(Duration.ofMillis(2_500)), echo());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            // a handshake record header announcing 512 bytes, then one byte every 100 ms (10 s if nothing cut it); the
            // deadline leaves a real P-521 handshake on a loaded 2-core host its time (the legitimate client below)
            s.getOutputStream().write(HEX.parseHex("1603010200"));
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        s.getOutputStream().write(i == 0 ? 0x01 : 0);
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the server: expected
                }
            });
            writer.start();
            long ms = msUntilClosed(s, 9_000);
            writer.interrupt();
            writer.join();
            assertTrue(ms >= 0 && ms < 6_000, "closed after " + ms + " ms");
        }
        try (V2gClient c = tls(TestPkiSupport.clientContext(), TlsProfile.ISO15118_20)) {
            assertEquals(sap(), c.request(sap()));
        }
    }

    @Test
    void idleConnectionsMakeRoomForANewEv() throws Exception {
        server = V2gServer.start(V2gServerConfig.tcp(ANY_LOOPBACK).withMaxPending(4), echo());
        List<Socket> idle = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                idle.add(new Socket(InetAddress.getLoopbackAddress(), server.port()));
            }
            try (V2gClient c = V2gClient.connectTcp(addr(), T, 65536)) {
                assertEquals(sap(), c.request(sap()), "the EV that completes its first frame gets the session");
                assertTrue(server.hasActiveConnection());
                assertTrue(server.pendingConnections() <= 4, "pending " + server.pendingConnections());
            }
            // the oldest idle ones were closed to make room, each with its own reason
            assertTrue(closedByServer(idle.get(0)));
            CloseReason r = nextClose();
            assertEquals(CloseReason.Kind.REFUSED, r.kind(), r.toString());
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void handshakeFailureDescriptionIsNeverNull() {
        assertEquals("IllegalStateException", V2gServer.describe(new IllegalStateException()));
        assertEquals("IOException <- no cipher suites in common",
                V2gServer.describe(new IOException(null, new java.io.EOFException("no cipher suites in common"))));
        assertEquals("handshake failed", V2gServer.describe(new IOException("handshake failed", new IOException("inner"))));
    }

    @Test
    void ipv6LiteralSniIsIgnoredNotInternalError() throws Exception {
        server = V2gServer.start(V2gServerConfig.tls(ANY_LOOPBACK, TestPkiSupport.serverContext()), echo());
        for (String sni : new String[] {"fe80::1", "fe80::1%eth1", "[::1]", "secc.example"}) {
            try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), server.port());
                    javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) TestPkiSupport.clientContext().getSocketFactory()
                            .createSocket(raw, "localhost", server.port(), true)) {
                ssl.setUseClientMode(true);
                org.secc.transport.tls.Tls.configure(ssl, TlsProfile.ISO15118_20, false, ClientAuth.NONE);
                org.bouncycastle.jsse.BCSSLSocket bc = (org.bouncycastle.jsse.BCSSLSocket) ssl;
                org.bouncycastle.jsse.BCSSLParameters p = bc.getParameters();
                // what an EVCC puts in server_name for a link-local SECC: not a host name
                p.setServerNames(List.of(new org.bouncycastle.jsse.BCSNIServerName(0, sni.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
                }));
                bc.setParameters(p);
                ssl.startHandshake();
                assertEquals("TLSv1.3", ssl.getSession().getProtocol(), sni);
                ssl.getOutputStream().write(sap().toBytes());
                assertEquals(HEX.formatHex(sap().toBytes()), HEX.formatHex(ssl.getInputStream().readNBytes(sap().toBytes().length)), sni);
            }
            assertEquals(CloseReason.Kind.PEER_CLOSED, nextClose().kind(), sni);
        }
    }
}
