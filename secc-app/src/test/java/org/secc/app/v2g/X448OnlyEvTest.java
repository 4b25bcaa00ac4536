package org.secc.app.v2g;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.secc.testpki.PkiGenerator;
import org.secc.transport.tls.ClientAuth;
import org.secc.transport.tls.Tls;
import org.secc.transport.tls.TlsProfile;
import org.secc.transport.v2gtp.V2gClient;
import org.secc.transport.v2gtp.V2gtpFrame;

/**
 * An EV whose TLS 1.3 supported groups hold x448 only ([V2G20-1634/1637/2460]: the SECC supports secp521r1 and x448),
 * against the charger's -20 server, with each certificate family ([V2G20-2674] ECDSA P-521, [V2G20-2319] Ed448). Real
 * sockets on loopback with a byte-recording relay between EV and charger, so that the groups, key shares and
 * signature_algorithms are checked on the wire, not taken from either implementation's word.
 *
 * <p>Finding (secc-app/README-network.md, "x448-only EVs"): the charger serves such an EV. The {@code missing_extension}
 * alert reported for it comes from a Bouncy Castle JSSE <em>client</em> configured with x448 as its only group and
 * ecdsa_secp521r1_sha512 as its only signature scheme: Bouncy Castle offers an ECDSA scheme bound to a curve only when
 * that curve is among its own named groups, so its ClientHello carries no signature_algorithms at all, and a TLS 1.3
 * server must then abort with missing_extension (RFC 8446 4.2.3, 9.2). RFC 8446 binds the curve of a TLS 1.3 ECDSA
 * scheme in the scheme itself; supported_groups is for the key exchange only, and the JDK's SunJSSE and OpenSSL send
 * ecdsa_secp521r1_sha512 with x448 as the only group.
 */
class X448OnlyEvTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final int X448 = 0x001E;
    private static final int X25519 = 0x001D;
    private static final int SECP521R1 = 0x0019;
    private static final int ECDSA_P521_SHA512 = 0x0603;
    private static final int ED448 = 0x0808;
    private static final int ECDSA_P256_SHA256 = 0x0403;
    private static final int EXT_SUPPORTED_GROUPS = 10;
    private static final int EXT_SIGNATURE_ALGORITHMS = 13;
    private static final int EXT_KEY_SHARE = 51;
    /** RFC 8446 4.1.3: the random of a HelloRetryRequest (SHA-256 of "HelloRetryRequest"). */
    private static final byte[] HRR_RANDOM = HEX.parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    private static final char[] PW = "pw".toCharArray();
    /** The -20 certificate families: ECDSA P-521 ([V2G20-2674]) and Ed448 ([V2G20-2319]). */
    private static final List<PkiGenerator.KeyType> FAMILIES = List.of(PkiGenerator.KeyType.EC_P521, PkiGenerator.KeyType.ED448);

    private V2gServer server;
    private Relay relay;

    @AfterEach
    void stop() throws IOException {
        if (relay != null) {
            relay.close();
            relay = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static final java.util.Map<PkiGenerator.KeyType, Path> PKIS = new java.util.EnumMap<>(PkiGenerator.KeyType.class);

    /** One PKI of each family per test JVM, in target/ (never committed). */
    /**
     * A P-521 (or P-256) store is read by the JDK and its keys signed with by the JDK (Bouncy Castle's JCA provider,
     * costly to build at start-up, is not needed); an Ed448 store by Bouncy Castle, whose TLS signer needs its own
     * key objects (README "Start-up time").
     */
    @Test
    void ecStoresAreReadByTheJdkEd448StoresByBouncyCastle() throws Exception {
        for (PkiGenerator.KeyType t : List.of(PkiGenerator.KeyType.EC_P521, PkiGenerator.KeyType.EC_P256)) {
            java.security.KeyStore ks = Tls.loadPkcs12(pki(t).resolve("secc.p12"), PW);
            assertEquals("SUN", ks.getProvider().getName(), t.name());
        }
        java.security.KeyStore ed = Tls.loadPkcs12(pki(PkiGenerator.KeyType.ED448).resolve("secc.p12"), PW);
        assertEquals("BC", ed.getProvider().getName());
        String alias = null;
        for (String a : java.util.Collections.list(ed.aliases())) {
            alias = ed.isKeyEntry(a) ? a : alias;
        }
        assertEquals("Ed448", ed.getKey(alias, PW).getAlgorithm());
    }

    private static synchronized Path pki(PkiGenerator.KeyType type) throws Exception {
        Path dir = PKIS.get(type);
        if (dir == null) {
            dir = Path.of("target", "test-pki-x448-" + type.name().toLowerCase(java.util.Locale.ROOT));
            new PkiGenerator(java.time.Instant.now(), "DE*SEC*E0001*1", "WSECCVEHICLE00001", type).generate(dir, PW);
            PKIS.put(type, dir);
        }
        return dir;
    }

    /** The charger's -20 TLS server (profile {@link TlsProfile#ISO15118_20}, client certificate required), echoing frames. */
    private void startCharger(Path dir) throws Exception {
        SSLContext srv = Tls.fromPkcs12(dir.resolve("secc.p12"), dir.resolve("oem-root-trust.p12"), PW);
        startCharger(V2gServerConfig.tls(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), srv).withClientAuth(ClientAuth.NEED));
    }

    /**
     * As `secc run` when the -2 chain is there too (SeccService): the -20 chain ({@code dir}) and the
     * -2 one (secp256r1), profile {@link TlsProfile#ISO15118_20_AND_2}, the first record read before a TLS stack sees it.
     */
    private void startChargerServingIso2Too(Path dir) throws Exception {
        java.security.KeyStore iso2 = Tls.loadPkcs12(pki(PkiGenerator.KeyType.EC_P256).resolve("secc.p12"), PW);
        List<java.security.KeyStore> both = List.of(Tls.loadPkcs12(dir.resolve("secc.p12"), PW), iso2);
        SSLContext srv = Tls.contextForChains(both, PW, Tls.loadPkcs12(dir.resolve("oem-root-trust.p12"), PW));
        startCharger(V2gServerConfig.tls(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), srv).withClientAuth(ClientAuth.NEED)
                .withProfile(TlsProfile.ISO15118_20_AND_2)
                // as SeccService: allowed first (SunJSSE reads the property once, Iso2TlsTest needs it in this JVM too)
                .withStaticEcdh(Tls.permitStaticEcdh() ? Tls.staticEcdhContext(iso2, PW, null) : null));
    }

    private void startCharger(V2gServerConfig config) throws Exception {
        server = V2gServer.start(config, conn -> new V2gConnectionHandler() {
                    @Override
                    public List<V2gtpFrame> onFrame(V2gtpFrame in) {
                        return List.of(in);
                    }

                    @Override
                    public void onClosed(CloseReason reason) {
                    }
                });
        relay = new Relay(server.port());
    }

    /** The -20 SECC leaf as {@link JdkEvClient} reports it (the JDK names Ed448 keys EdDSA). */
    private static String leaf(PkiGenerator.KeyType type) {
        return type == PkiGenerator.KeyType.ED448 ? "EdDSA Ed448" : "EC SHA512withECDSA";
    }

    /** Runs {@link JdkEvClient} in a JVM of its own with {@code jdk.tls.namedGroups} = groups; its output line. */
    private String jdkEv(Path dir, String groups) throws Exception {
        Process p = new ProcessBuilder(List.of(System.getProperty("java.home") + "/bin/java", "-Djdk.tls.namedGroups=" + groups,
                "-XX:TieredStopAtLevel=1", // a short-lived client: start-up over peak speed
                "-cp", System.getProperty("java.class.path"), JdkEvClient.class.getName(),
                InetAddress.getLoopbackAddress().getHostAddress(), Integer.toString(relay.port()), dir.toAbsolutePath().toString(),
                new String(PW))).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "EV JVM did not end");
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void jdkEvOfferingOnlyX448IsServedWithEitherCertificateFamily() throws Exception {
        for (PkiGenerator.KeyType type : FAMILIES) {
            Path dir = pki(type);
            startCharger(dir);
            String out = jdkEv(dir, "x448");
            assertTrue(out.contains("OK TLS_AES_256_GCM_SHA384 " + leaf(type)), type + ": " + out);

            Hello ch = relay.clientHellos().get(0);
            assertEquals(List.of(X448), ch.groups(), "supported_groups: x448 only");
            assertEquals(List.of(X448), ch.keyShareGroups(), "key_share: x448");
            assertTrue(ch.signatureSchemes().containsAll(List.of(ECDSA_P521_SHA512, ED448)), "a complete signature_algorithms");
            List<Hello> sh = relay.serverHellos();
            assertEquals(1, sh.size(), "no HelloRetryRequest: the EV's x448 share is taken");
            assertFalse(sh.get(0).retry());
            assertEquals(List.of(X448), sh.get(0).keyShareGroups(), "the charger's key share: x448");
            stop();
        }
    }

    /** With the -2 chain beside it the charger still answers a -20 EV with the -20 chain, on x448. */
    @Test
    void chargerServingIso2TooServesAnX448OnlyEvWithTheIso20Chain() throws Exception {
        for (PkiGenerator.KeyType type : FAMILIES) {
            Path dir = pki(type);
            startChargerServingIso2Too(dir);
            String out = jdkEv(dir, "x448");
            assertTrue(out.contains("OK TLS_AES_256_GCM_SHA384 " + leaf(type)), type + ": " + out + " (not the -2 chain's SHA256withECDSA)");
            assertEquals(List.of(X448), relay.serverHellos().get(0).keyShareGroups());
            stop();
        }
    }

    /** The same with OpenSSL as the EV (its signature_algorithms, too, start with ecdsa_secp256r1_sha256), x448 only. */
    @Test
    void openSslEvAgainstAChargerServingIso2TooGetsTheIso20Chain() throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        org.secc.testsupport.Prerequisites.require(java.nio.file.Files.isExecutable(openssl), "openssl not installed: check skipped");
        Path dir = pki(PkiGenerator.KeyType.EC_P521);
        startChargerServingIso2Too(dir);
        Process p = new ProcessBuilder(openssl.toString(), "s_client", "-connect", "127.0.0.1:" + relay.port(),
                "-CAfile", dir.resolve("v2g-root.pem").toString(), "-cert", dir.resolve("vehicle.pem").toString(),
                "-key", dir.resolve("vehicle.key.pem").toString(), "-cert_chain", dir.resolve("vehicle-chain.pem").toString(),
                "-verify_return_error", "-brief", "-groups", "X448").redirectErrorStream(true).start();
        try {
            p.getOutputStream().close(); // EOF on stdin: s_client closes after the handshake
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertTrue(out.contains("Protocol version: TLSv1.3"), out);
            assertTrue(out.contains("Verification: OK"), "the -20 chain, to the V2G root: " + out);
            assertTrue(out.contains("Server Temp Key: X448"), out);
            assertEquals(ECDSA_P256_SHA256, relay.clientHellos().get(0).signatureSchemes().get(0), "OpenSSL lists P-256 first");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void x448InSupportedGroupsWithAnotherKeyShareGetsAHelloRetryRequestForX448() throws Exception {
        for (PkiGenerator.KeyType type : FAMILIES) {
            Path dir = pki(type);
            startCharger(dir);
            // SunJSSE sends a key share for its first group only: x25519, which the -20 profile does not allow
            String out = jdkEv(dir, "x25519,x448");
            assertTrue(out.startsWith("OK TLS_AES_256_GCM_SHA384"), type + ": " + out);

            List<Hello> ch = relay.clientHellos();
            assertEquals(List.of(X25519, X448), ch.get(0).groups());
            assertEquals(List.of(X25519), ch.get(0).keyShareGroups());
            List<Hello> sh = relay.serverHellos();
            assertEquals(2, sh.size(), type + ": HelloRetryRequest, then ServerHello");
            assertTrue(sh.get(0).retry());
            assertEquals(List.of(X448), sh.get(0).keyShareGroups(), "HelloRetryRequest asks for x448");
            assertEquals(2, ch.size(), "second ClientHello");
            assertEquals(List.of(X448), ch.get(1).keyShareGroups());
            assertFalse(sh.get(1).retry());
            assertEquals(List.of(X448), sh.get(1).keyShareGroups());
            stop();
        }
    }

    /**
     * The reported alert, and its cause: a Bouncy Castle JSSE client with x448 as its only group leaves the ECDSA scheme
     * out of signature_algorithms (with no other scheme the extension is absent, and the charger answers
     * missing_extension as RFC 8446 9.2 says; with ed448 beside it only ed448 is offered, which a P-521 charger cannot
     * sign with: handshake_failure). Offering secp521r1 as a group too, even behind x448, puts the scheme back.
     */
    @Test
    void bouncyCastleClientWithX448AsItsOnlyGroupOmitsTheEcdsaScheme() throws Exception {
        Path dir = pki(PkiGenerator.KeyType.EC_P521);
        startCharger(dir);
        SSLContext ev = Tls.fromPkcs12(dir.resolve("vehicle.p12"), dir.resolve("v2g-root-trust.p12"), PW);
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.port());
        Duration t = Duration.ofSeconds(10);

        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> V2gClient.connectTls(at, ev,
                TlsProfile.ISO15118_20.withNamedGroups("x448").withSignatureSchemes("ecdsa_secp521r1_sha512"), t, 65536).close());
        assertTrue(String.valueOf(e).contains("missing_extension"), String.valueOf(e));
        Hello ch = relay.clientHellos().get(0);
        assertEquals(List.of(X448), ch.groups());
        assertFalse(ch.extensions().contains(EXT_SIGNATURE_ALGORITHMS), "no signature_algorithms sent: " + ch.extensions());

        relay.reset();
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> V2gClient.connectTls(at, ev,
                TlsProfile.ISO15118_20.withNamedGroups("x448"), t, 65536).close());
        assertEquals(List.of(ED448), relay.clientHellos().get(0).signatureSchemes(), "ecdsa_secp521r1_sha512 dropped");

        relay.reset();
        try (V2gClient c = V2gClient.connectTls(at, ev, TlsProfile.ISO15118_20.withNamedGroups("x448", "secp521r1"), t, 65536)) {
            assertEquals(new V2gtpFrame(0x8001, HEX.parseHex("80400040")), c.request(new V2gtpFrame(0x8001, HEX.parseHex("80400040"))));
        }
        Hello ch2 = relay.clientHellos().get(0);
        assertTrue(ch2.signatureSchemes().contains(ECDSA_P521_SHA512));
        assertEquals(List.of(X448), ch2.keyShareGroups(), "Bouncy Castle sends its share for its first group");
        assertEquals(List.of(SECP521R1), relay.serverHellos().get(0).keyShareGroups(), "Table 7 order: secp521r1 first");
    }

    /** A hello's extensions as far as this test looks at them. */
    record Hello(boolean retry, List<Integer> extensions, List<Integer> groups, List<Integer> keyShareGroups,
                 List<Integer> signatureSchemes) {

        /** Parses a ClientHello (type 1) or ServerHello (type 2) handshake message body, header included. */
        static Hello parse(byte[] msg) {
            ByteBuffer b = ByteBuffer.wrap(msg);
            boolean client = b.get() == 1;
            b.position(4 + 2); // header, legacy_version
            byte[] random = new byte[32];
            b.get(random);
            skip(b, b.get() & 0xFF); // session id
            if (client) {
                skip(b, b.getShort() & 0xFFFF); // cipher suites
                skip(b, b.get() & 0xFF); // compression methods
            } else {
                skip(b, 3); // cipher suite, compression method
            }
            int end = (b.getShort() & 0xFFFF) + b.position();
            List<Integer> exts = new ArrayList<>();
            List<Integer> groups = new ArrayList<>();
            List<Integer> shares = new ArrayList<>();
            List<Integer> schemes = new ArrayList<>();
            while (b.position() < end) {
                int type = b.getShort() & 0xFFFF;
                int len = b.getShort() & 0xFFFF;
                ByteBuffer d = b.slice(b.position(), len);
                skip(b, len);
                exts.add(type);
                if (type == EXT_SUPPORTED_GROUPS) {
                    shorts(d, d.getShort() & 0xFFFF, groups);
                } else if (type == EXT_SIGNATURE_ALGORITHMS) {
                    shorts(d, d.getShort() & 0xFFFF, schemes);
                } else if (type == EXT_KEY_SHARE && client) {
                    d.getShort(); // list length
                    while (d.hasRemaining()) {
                        shares.add(d.getShort() & 0xFFFF);
                        skip(d, d.getShort() & 0xFFFF);
                    }
                } else if (type == EXT_KEY_SHARE) {
                    shares.add(d.getShort() & 0xFFFF); // ServerHello: one entry; HelloRetryRequest: the group alone
                }
            }
            return new Hello(!client && java.util.Arrays.equals(random, HRR_RANDOM), exts, groups, shares, schemes);
        }

        private static void skip(ByteBuffer b, int n) {
            b.position(b.position() + n);
        }

        private static void shorts(ByteBuffer d, int len, List<Integer> out) {
            for (int i = 0; i < len / 2; i++) {
                out.add(d.getShort() & 0xFFFF);
            }
        }
    }

    /** A TCP relay on loopback that forwards one connection at a time to the charger and keeps every byte. */
    static final class Relay implements AutoCloseable {
        private final ServerSocket listen;
        private final int target;
        private final ByteArrayOutputStream up = new ByteArrayOutputStream();
        private final ByteArrayOutputStream down = new ByteArrayOutputStream();
        private final List<Socket> open = new ArrayList<>();
        private final Thread acceptor;

        Relay(int target) throws IOException {
            this.target = target;
            listen = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::acceptLoop, "x448-relay");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listen.getLocalPort();
        }

        private void acceptLoop() {
            while (!listen.isClosed()) {
                try {
                    Socket ev = listen.accept();
                    Socket charger = new Socket(InetAddress.getLoopbackAddress(), target);
                    synchronized (open) {
                        open.add(ev);
                        open.add(charger);
                    }
                    pump(ev, charger, up);
                    pump(charger, ev, down);
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (InputStream in = from.getInputStream()) {
                    OutputStream out = to.getOutputStream();
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        synchronized (record) {
                            record.write(buf, 0, n);
                        }
                        out.write(buf, 0, n);
                    }
                    to.shutdownOutput();
                } catch (IOException e) {
                    closeQuietly(to);
                }
            }, "x448-relay-pump");
            t.setDaemon(true);
            t.start();
        }

        synchronized void reset() {
            synchronized (up) {
                up.reset();
            }
            synchronized (down) {
                down.reset();
            }
        }

        List<Hello> clientHellos() {
            return hellos(up);
        }

        List<Hello> serverHellos() {
            return hellos(down);
        }

        /** The plaintext handshake records (type 22) of one direction, one message each (both stacks send them so). */
        private static List<Hello> hellos(ByteArrayOutputStream record) {
            byte[] all;
            synchronized (record) {
                all = record.toByteArray();
            }
            List<Hello> out = new ArrayList<>();
            ByteBuffer b = ByteBuffer.wrap(all);
            while (b.remaining() >= 5) {
                int type = b.get() & 0xFF;
                b.getShort();
                int len = b.getShort() & 0xFFFF;
                if (b.remaining() < len) {
                    break;
                }
                byte[] body = new byte[len];
                b.get(body);
                if (type == 22 && (body[0] == 1 || body[0] == 2)) {
                    out.add(Hello.parse(body));
                }
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            listen.close();
            synchronized (open) {
                open.forEach(Relay::closeQuietly);
            }
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException e) {
                // closing
            }
        }
    }
}
