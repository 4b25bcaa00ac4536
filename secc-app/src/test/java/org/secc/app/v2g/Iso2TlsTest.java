package org.secc.app.v2g;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.pki.TestPkiSupport;
import org.secc.testpki.PkiGenerator;
import org.secc.testpki.TestPki;
import org.secc.transport.tls.Tls;
import org.secc.transport.tls.TlsProfile;
import org.secc.transport.v2gtp.V2gClient;
import org.secc.transport.v2gtp.V2gtpFrame;

/**
 * ISO 15118-2 over TLS 1.2 on the charger's V2G server, real handshakes on loopback: the server
 * holds the -20 key (secp521r1) and the -2 key (secp256r1, [V2G2-006/007]) and offers both profiles;
 * a -2 EV gets TLS 1.2 with a [V2G2-602] suite on secp256r1 and the -2 chain, a -20 EV still gets
 * TLS 1.3 with the -20 profile and chain, and a TLS 1.2 EV without the -2 suites is refused. The
 * static-ECDH suite of [V2G2-602] is served by SunJSSE to an EV that offers only it (the server reads
 * the ClientHello first), every other EV by Bouncy Castle JSSE.
 */
class Iso2TlsTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static final V2gtpFrame SAP = new V2gtpFrame(0x8001, HexFormat.of().parseHex("80400040"));

    @TempDir
    static Path dir;
    static TestPki iso2Pki;
    private V2gServer server;

    @BeforeAll
    static void pki() throws Exception {
        assertTrue(Tls.permitStaticEcdh(), "SunJSSE in this test JVM read jdk.tls.disabledAlgorithms before the static-ECDH suite was allowed");
        iso2Pki = new PkiGenerator(Instant.now(), PkiGenerator.DEFAULT_SECC_CN, PkiGenerator.DEFAULT_VEHICLE_CN, PkiGenerator.KeyType.EC_P256)
                .generate(dir.resolve("iso2-pki"), PkiGenerator.DEFAULT_PASSWORD.toCharArray());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Both SECC chains, as `secc run` reads them from the two PKI directories. */
    static List<KeyStore> bothKeys() throws Exception {
        return List.of(TestPkiSupport.pki().seccKeys(), iso2Pki.seccKeys());
    }

    /** As `secc run` with both chains: Bouncy Castle JSSE for -20 and -2's ECDHE suite, SunJSSE for the static-ECDH one. */
    private InetSocketAddress start() throws Exception {
        return start(Tls.staticEcdhContext(iso2Pki.seccKeys(), iso2Pki.password(), null));
    }

    private InetSocketAddress start(javax.net.ssl.SSLContext staticEcdh) throws Exception {
        var ctx = Tls.contextForChains(bothKeys(), TestPkiSupport.pki().password(), TestPkiSupport.pki().oemRootTrust());
        server = V2gServer.start(V2gServerConfig.tls(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ctx)
                .withProfile(TlsProfile.ISO15118_20_AND_2).withStaticEcdh(staticEcdh), conn -> new V2gConnectionHandler() {
                    @Override
                    public List<V2gtpFrame> onFrame(V2gtpFrame in) {
                        return List.of(in);
                    }

                    @Override
                    public void onClosed(CloseReason reason) {
                    }
                });
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
    }

    @Test
    void iso2EvGetsTls12WithTheTable7SuiteOnSecp256r1() throws Exception {
        InetSocketAddress addr = start();
        try (V2gClient c = V2gClient.connectTls(addr, Tls.context(null, null, iso2Pki.v2gRootTrust()), TlsProfile.ISO15118_2, T, 65536)) {
            assertEquals(SAP, c.request(SAP));
            SSLSession s = c.tlsSession().orElseThrow();
            assertEquals("TLSv1.2", s.getProtocol());
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", s.getCipherSuite(), "[V2G2-602], the server's order");
            X509Certificate leaf = (X509Certificate) s.getPeerCertificates()[0];
            assertEquals("SHA256WITHECDSA", leaf.getSigAlgName().toUpperCase(java.util.Locale.ROOT));
            assertTrue(leaf.getPublicKey().toString().contains("256") || ((java.security.interfaces.ECPublicKey) leaf.getPublicKey())
                    .getParams().getCurve().getField().getFieldSize() == 256, "the -2 chain (secp256r1)");
        }
    }

    /**
     * [V2G2-602]'s second suite: an EV that offers only TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256 gets it (SunJSSE), with
     * the -2 chain verified by the EV against the V2G root (the SECC leaf has keyAgreement, which static ECDH needs).
     */
    @Test
    void anEvOfferingOnlyTheStaticEcdhSuiteGetsIt() throws Exception {
        InetSocketAddress addr = start();
        try (V2gClient c = V2gClient.connectTls(addr, Tls.staticEcdhContext(null, null, iso2Pki.v2gRootTrust()), TlsProfile.ISO15118_2_STATIC_ECDH,
                T, 65536)) {
            assertEquals(SAP, c.request(SAP));
            SSLSession s = c.tlsSession().orElseThrow();
            assertEquals("TLSv1.2", s.getProtocol());
            assertEquals(Tls.STATIC_ECDH_SUITE, s.getCipherSuite());
            X509Certificate leaf = (X509Certificate) s.getPeerCertificates()[0];
            assertEquals("SHA256WITHECDSA", leaf.getSigAlgName().toUpperCase(java.util.Locale.ROOT), "the -2 chain (secp256r1)");
            assertTrue(leaf.getKeyUsage()[4], "keyAgreement");
        }
    }

    /** An EV that offers both -2 suites (a SunJSSE client here) is served by Bouncy Castle JSSE in the server's order: ECDHE. */
    @Test
    void anEvOfferingBothSuitesGetsEcdhe() throws Exception {
        InetSocketAddress addr = start();
        javax.net.ssl.SSLContext sunJsse = Tls.staticEcdhContext(null, null, iso2Pki.v2gRootTrust());
        java.net.Socket raw = new java.net.Socket();
        raw.connect(addr, (int) T.toMillis());
        raw.setSoTimeout((int) T.toMillis());
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) sunJsse.getSocketFactory().createSocket(raw, addr.getHostString(), addr.getPort(),
                true)) {
            javax.net.ssl.SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {"TLSv1.2"});
            p.setCipherSuites(new String[] {Tls.STATIC_ECDH_SUITE, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
            s.setSSLParameters(p);
            s.startHandshake();
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", s.getSession().getCipherSuite());
        }
    }

    /** Without the SunJSSE context (a JVM that cannot negotiate static ECDH) an EV offering only that suite is refused in the handshake. */
    @Test
    void withoutTheStaticEcdhContextAnEcdhOnlyEvIsRefused() throws Exception {
        InetSocketAddress addr = start(null);
        assertThrows(java.io.IOException.class, () -> V2gClient.connectTls(addr, Tls.staticEcdhContext(null, null, iso2Pki.v2gRootTrust()),
                TlsProfile.ISO15118_2_STATIC_ECDH, T, 65536).request(SAP));
    }

    /** Bouncy Castle JSSE sockets cannot take the static-ECDH profile; SunJSSE sockets take nothing else (fails loudly, never silently). */
    @Test
    void eachTlsStackTakesOnlyItsProfiles() throws Exception {
        javax.net.ssl.SSLSocket sun = (javax.net.ssl.SSLSocket) Tls.staticEcdhContext(null, null, null).getSocketFactory().createSocket();
        assertThrows(IllegalArgumentException.class, () -> Tls.configure(sun, TlsProfile.ISO15118_2, false,
                org.secc.transport.tls.ClientAuth.NONE));
        javax.net.ssl.SSLSocket bc = (javax.net.ssl.SSLSocket) Tls.context(null, null, null).getSocketFactory().createSocket();
        assertThrows(IllegalArgumentException.class, () -> Tls.configure(bc, TlsProfile.ISO15118_2_STATIC_ECDH, false,
                org.secc.transport.tls.ClientAuth.NONE));
        sun.close();
        bc.close();
    }

    @Test
    void iso20EvStillGetsTls13WithItsProfile() throws Exception {
        InetSocketAddress addr = start();
        try (V2gClient c = V2gClient.connectTls(addr, TestPkiSupport.clientContext(), TlsProfile.ISO15118_20, T, 65536)) {
            assertEquals(SAP, c.request(SAP));
            SSLSession s = c.tlsSession().orElseThrow();
            assertEquals("TLSv1.3", s.getProtocol());
            assertEquals("TLS_AES_256_GCM_SHA384", s.getCipherSuite());
            X509Certificate leaf = (X509Certificate) s.getPeerCertificates()[0];
            assertEquals("SHA512WITHECDSA", leaf.getSigAlgName().toUpperCase(java.util.Locale.ROOT), "the -20 chain (secp521r1)");
        }
    }

    @Test
    void tls12WithoutTheIso2SuitesIsRefused() throws Exception {
        InetSocketAddress addr = start();
        TlsProfile gcm = TlsProfile.ISO15118_2.withCipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThrows(java.io.IOException.class,
                () -> V2gClient.connectTls(addr, Tls.context(null, null, iso2Pki.v2gRootTrust()), gcm, T, 65536).request(SAP));
    }
}
