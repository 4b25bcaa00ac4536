package org.secc.app.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secc.transport.sdp.SdpClient;
import org.secc.transport.v2gtp.SdpRequest;
import org.secc.transport.v2gtp.SdpResponse;
import org.secc.transport.v2gtp.SdpSecurity;
import org.secc.transport.v2gtp.SdpTransport;

/** SDP over real UDP sockets on ::1. */
class SdpTest {
    private static final HexFormat HEX = HexFormat.of();
    private Inet6Address loopback;
    private Inet6Address announced;
    private final AtomicReference<SdpOffer> offer = new AtomicReference<>();
    private SdpServer server;

    @BeforeEach
    void start() throws Exception {
        loopback = (Inet6Address) InetAddress.getByName("::1");
        announced = (Inet6Address) InetAddress.getByName("fe80::2");
        offer.set(new SdpOffer(announced, OptionalInt.of(50001), OptionalInt.of(50000)));
        server = SdpServer.startUnicast(new InetSocketAddress(loopback, 0), offer::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SdpClient.Config cfg(SdpSecurity sec, int maxRequests) {
        return new SdpClient.Config(new InetSocketAddress(loopback, server.port()), null, sec, Duration.ofMillis(250), maxRequests);
    }

    @Test
    void responderRules() {
        SdpRequest tls = new SdpRequest(SdpSecurity.TLS, SdpTransport.TCP);
        SdpRequest tcp = new SdpRequest(SdpSecurity.NO_TLS, SdpTransport.TCP);
        SdpOffer both = new SdpOffer(announced, OptionalInt.of(1), OptionalInt.of(2));
        SdpOffer tlsOnly = new SdpOffer(announced, OptionalInt.of(1), OptionalInt.empty());
        SdpOffer tcpOnly = new SdpOffer(announced, OptionalInt.empty(), OptionalInt.of(2));
        SdpOffer none = new SdpOffer(announced, OptionalInt.empty(), OptionalInt.empty());
        assertEquals(Optional.of(new SdpResponse(announced, 1, SdpSecurity.TLS, SdpTransport.TCP)), SdpResponder.answer(tls, both));
        assertEquals(Optional.of(new SdpResponse(announced, 2, SdpSecurity.NO_TLS, SdpTransport.TCP)), SdpResponder.answer(tcp, both));
        assertEquals(Optional.of(new SdpResponse(announced, 2, SdpSecurity.NO_TLS, SdpTransport.TCP)), SdpResponder.answer(tls, tcpOnly));
        assertEquals(Optional.empty(), SdpResponder.answer(tcp, tlsOnly), "no-TLS asked, only TLS up: no answer");
        assertEquals(Optional.empty(), SdpResponder.answer(tls, none));
        assertEquals(Optional.of(new SdpResponse(announced, 1, SdpSecurity.TLS, SdpTransport.TCP)),
                SdpResponder.answer(new SdpRequest(SdpSecurity.TLS, SdpTransport.UDP), both), "answered with TCP");
    }

    @Test
    void tlsRequestGetsTlsPortAtFirstRequest() throws Exception {
        SdpClient.Result r = SdpClient.discover(cfg(SdpSecurity.TLS, 3)).orElseThrow();
        assertEquals(1, r.requestsSent());
        assertEquals(announced, r.response().address());
        assertEquals(50001, r.response().port());
        assertEquals(SdpSecurity.TLS, r.response().security());
        assertEquals(SdpTransport.TCP, r.response().transport());
    }

    @Test
    void sdpExchangeGoesToThePcapTap() throws Exception {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        server.withTap(new org.secc.app.pcap.V2gPcapTap(new org.secc.transport.pcap.PcapWriter(bos, java.time.Clock.systemUTC())));
        SdpClient.discover(cfg(SdpSecurity.TLS, 3)).orElseThrow();
        var pkts = org.secc.app.pcap.PcapWriterTest.parse(bos.toByteArray());
        assertEquals(2, pkts.size());
        assertEquals(17, pkts.get(0).proto());
        assertEquals(server.port(), pkts.get(0).dport());
        assertEquals(10, pkts.get(0).payload().length);
        assertEquals(28, pkts.get(1).payload().length);
        assertEquals(server.port(), pkts.get(1).sport());
    }

    @Test
    void tlsRequestFallsBackToTcpWhenTlsIsDown() throws Exception {
        offer.set(new SdpOffer(announced, OptionalInt.empty(), OptionalInt.of(50000)));
        SdpClient.Result r = SdpClient.discover(cfg(SdpSecurity.TLS, 3)).orElseThrow();
        assertEquals(SdpSecurity.NO_TLS, r.response().security());
        assertEquals(50000, r.response().port());
    }

    @Test
    void noServerUpMeansNoAnswerAndClientGivesUpAfterMaxRequests() throws Exception {
        offer.set(new SdpOffer(announced, OptionalInt.empty(), OptionalInt.empty()));
        SdpClient.Config c = new SdpClient.Config(new InetSocketAddress(loopback, server.port()), null,
                SdpSecurity.TLS, Duration.ofMillis(30), 3);
        assertTrue(SdpClient.discover(c).isEmpty());
    }

    @Test
    void malformedRequestsAreNotAnsweredAndServingContinues() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            s.setSoTimeout(300);
            InetSocketAddress to = new InetSocketAddress(loopback, server.port());
            for (String bad : new String[] {"", "01fe", "02fe9000000000020000", "01fe900000000002ff00",
                    "01fe90000000000300000000", "01fe80010000000200 00".replace(" ", ""), "01fe9001000000020000"}) {
                byte[] b = HEX.parseHex(bad);
                s.send(new DatagramPacket(b, b.length, to));
            }
            byte[] ok = new SdpRequest(SdpSecurity.NO_TLS, SdpTransport.TCP).toFrameBytes();
            s.send(new DatagramPacket(ok, ok.length, to));
            byte[] buf = new byte[100];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            s.receive(in); // the only answer is the valid request's
            assertEquals(28, in.getLength());
            assertEquals(50000, SdpResponse.decode(buf, in.getLength()).port());
            in.setLength(buf.length);
            org.junit.jupiter.api.Assertions.assertThrows(SocketTimeoutException.class, () -> s.receive(in));
        }
        assertEquals(7, server.rejectedCount());
        assertEquals(1, server.answeredCount());
    }

    /**
     * A server closed while it prepares an answer stops without a warning: the failed send is the
     * close, not a network fault, and a warning there would be noise on every shutdown under load.
     */
    @Test
    void closingWhileAnAnswerIsInFlightLogsNoWarning() throws Exception {
        java.util.List<java.util.logging.LogRecord> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(SdpServer.class.getName());
        log.addHandler(h);
        AtomicReference<SdpServer> racing = new AtomicReference<>();
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        Thread closer = new Thread(() -> racing.get().close(), "sdp-closer");
        try {
            racing.set(SdpServer.startUnicast(new InetSocketAddress(loopback, 0), () -> {
                // Runs on the server thread between receive and send: close the server from outside
                // and hand back the offer only once the socket is gone.
                asked.countDown();
                closer.start();
                while (!racing.get().socketClosed()) {
                    Thread.onSpinWait();
                }
                return new SdpOffer(announced, OptionalInt.of(50001), OptionalInt.empty());
            }));
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
                byte[] req = new SdpRequest(SdpSecurity.TLS, SdpTransport.TCP).toFrameBytes();
                s.send(new DatagramPacket(req, req.length, new InetSocketAddress(loopback, racing.get().port())));
                assertTrue(asked.await(10, java.util.concurrent.TimeUnit.SECONDS), "the request reached the server");
                closer.join(10_000);
            }
        } finally {
            log.removeHandler(h);
        }
        assertTrue(!closer.isAlive(), "close() returned");
        assertEquals(0, racing.get().answeredCount());
        assertEquals(java.util.List.of(), warnings.stream().map(java.util.logging.LogRecord::getMessage).toList());
    }

    /** A server that ignores the first two requests: the client must repeat and succeed with the third. */
    @Test
    void clientRepeatsUntilAnswered() throws Exception {
        try (DatagramSocket fake = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            Thread t = new Thread(() -> {
                try {
                    byte[] buf = new byte[100];
                    for (int i = 1; i <= 3; i++) {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        fake.receive(p);
                        SdpRequest.decode(buf, p.getLength());
                        if (i == 3) {
                            byte[] r = new SdpResponse(announced, 4242, SdpSecurity.TLS, SdpTransport.TCP).toFrameBytes();
                            fake.send(new DatagramPacket(r, r.length, p.getSocketAddress()));
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            SdpClient.Result r = SdpClient.discover(new SdpClient.Config(
                    new InetSocketAddress(loopback, fake.getLocalPort()), null, SdpSecurity.TLS, Duration.ofMillis(40), 50)).orElseThrow();
            assertEquals(3, r.requestsSent());
            assertEquals(4242, r.response().port());
            t.join(5000);
        }
    }

    @Test
    void linkLocalAddressOfAnInterface() throws Exception {
        // Loopback has no link-local address; any interface that has one must report a fe80:: address.
        for (var nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            SdpServer.linkLocalAddress(nif).ifPresent(a -> assertTrue(a.isLinkLocalAddress()));
        }
        assertTrue(SdpServer.linkLocalAddress(java.net.NetworkInterface.getByName("lo")).isEmpty());
    }

    @Test
    void answerGoesToTheRequesterScopedToTheServersInterface() throws Exception {
        var lo = java.net.NetworkInterface.getByName("lo");
        // a link-local source without a scope is scoped to the interface the server listens on
        var unscoped = new InetSocketAddress(Inet6Address.getByAddress(null, InetAddress.getByName("fe80::e7").getAddress(), 0), 49153);
        InetSocketAddress to = SdpServer.scopedTo(unscoped, lo);
        assertEquals(lo.getIndex(), ((Inet6Address) to.getAddress()).getScopeId());
        assertEquals(49153, to.getPort());
        assertTrue(java.util.Arrays.equals(unscoped.getAddress().getAddress(), to.getAddress().getAddress()));
        // a scoped one, a global one, and any source of a server bound to one address stay as they are
        var scoped = new InetSocketAddress(Inet6Address.getByAddress(null, InetAddress.getByName("fe80::e7").getAddress(), 7), 49153);
        // (InetAddress.equals ignores the scope: the scope ids are compared on their own)
        assertEquals(scoped, SdpServer.scopedTo(scoped, lo));
        assertEquals(7, ((Inet6Address) SdpServer.scopedTo(scoped, lo).getAddress()).getScopeId());
        var global = new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 49153);
        assertEquals(global, SdpServer.scopedTo(global, lo));
        assertEquals(0, ((Inet6Address) SdpServer.scopedTo(global, lo).getAddress()).getScopeId());
        assertEquals(unscoped, SdpServer.scopedTo(unscoped, null));
        assertEquals(0, ((Inet6Address) SdpServer.scopedTo(unscoped, null).getAddress()).getScopeId());
    }
}
