package org.secc.ev.scenario;

import org.secc.ev.link.V2gClientConnector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.secc.ev.link.EdgeClock;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Service;

/**
 * The emulator's real edge (TCP and TLS 1.3 sockets on loopback, V2GTP framing, real clock) against the
 * scripted SECC serving the same sockets. The end-to-end runs against the project's SECC belong in
 * secc-app once its session has landed.
 */
class SocketScenarioTest {
    private ServerSocket server;
    private Thread acceptor;
    private final ScriptedSecc secc = new ScriptedSecc(new FakeClock());

    private int start(ServerSocket ss) {
        server = ss;
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    if (s instanceof SSLSocket ssl) {
                        ssl.startHandshake();
                    }
                    secc.serve(s);
                } catch (java.io.IOException e) {
                    // closed by the test, or a client dropped the connection: serve the next one
                }
            }
        }, "scripted-secc");
        acceptor.setDaemon(true);
        acceptor.start();
        return ss.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(2000);
    }

    private ScenarioResult run(String name, int port, boolean tls) {
        try {
            return run(name, tls ? V2gClientConnector.tls("127.0.0.1", port) : V2gClientConnector.tcp("127.0.0.1", port));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ScenarioResult run(String name, org.secc.ev.link.Connector c) {
        var runner = new ScenarioRunner(c, EdgeClock.SYSTEM, s -> { });
        ScenarioResult r = runner.run(Scenarios.get(name), Service.DC_BPT, ControlMode.DYNAMIC);
        System.out.println(r.summary());
        return r;
    }

    @Test
    void stopByEvOverTcp() throws Exception {
        int port = start(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        ScenarioResult r = run("stop-by-ev", port, false);
        assertTrue(r.passed(), r.summary());
        assertTrue(r.socEnd() > r.socStart());
    }

    @Test
    void malformedExiThenACleanSessionOverTcp() throws Exception {
        int port = start(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        ScenarioResult r = run("fault-malformed-exi", port, false);
        assertTrue(r.passed(), r.summary());
        assertEquals(2, secc.connections);
    }

    @Test
    void tcpDropThenACleanSessionOverTcp() throws Exception {
        int port = start(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        ScenarioResult r = run("fault-tcp-drop", port, false);
        assertTrue(r.passed(), r.summary());
        assertEquals(2, secc.connections);
    }

    @Test
    void stopByEvOverTls13() throws Exception {
        SSLContext ctx = serverContext();
        SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ss.setEnabledProtocols(new String[] {"TLSv1.3"});
        int port = start(ss);
        ScenarioResult r = run("stop-by-ev", port, true);
        assertTrue(r.passed(), r.summary());
    }

    @Test
    void stopByEvThroughTheNetworkEdgeClientOverTls13WithTheIso20Profile() throws Exception {
        SSLContext ctx = serverContext();
        SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ss.setEnabledProtocols(new String[] {"TLSv1.3"});
        int port = start(ss);
        ScenarioResult r = run("stop-by-ev", org.secc.ev.link.V2gClientConnector.tls("127.0.0.1", port));
        assertTrue(r.passed(), r.summary());
    }

    @Test
    void silenceThroughTheNetworkEdgeClientOverTcp() throws Exception {
        int port = start(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        ScenarioResult r = run("fault-silence", org.secc.ev.link.V2gClientConnector.tcp("127.0.0.1", port));
        assertTrue(r.passed(), r.summary());
        assertEquals(2, secc.connections);
    }

    /** A throw-away ECDSA P-521 SECC certificate, generated per test run (nothing committed). */
    private static SSLContext serverContext() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp521r1"));
        KeyPair kp = g.generateKeyPair();
        X500Name name = new X500Name("CN=SECC test");
        long now = System.currentTimeMillis();
        var b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 60_000), new Date(now + 3_600_000), name,
                kp.getPublic());
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA512withECDSA").build(kp.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("secc", kp.getPrivate(), "x".toCharArray(), new X509Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
