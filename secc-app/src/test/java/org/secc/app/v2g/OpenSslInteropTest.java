package org.secc.app.v2g;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.secc.testsupport.Prerequisites.require;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secc.app.pki.TestPkiSupport;

/**
 * The TLS server against another implementation: OpenSSL's s_client (skipped when openssl is not
 * installed). OpenSSL offers x25519 first by default, so a successful handshake also exercises the
 * HelloRetryRequest to secp521r1.
 */
class OpenSslInteropTest {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private V2gServer server;

    @BeforeEach
    void start() throws Exception {
        require(Files.isExecutable(OPENSSL), "openssl not installed: interop check skipped");
        server = V2gServer.start(V2gServerConfig.tls(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TestPkiSupport.serverContext()), conn -> new V2gConnectionHandler() {
                    @Override
                    public List<org.secc.transport.v2gtp.V2gtpFrame> onFrame(org.secc.transport.v2gtp.V2gtpFrame in) {
                        return List.of(in);
                    }

                    @Override
                    public void onClosed(CloseReason reason) {
                    }
                });
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String sClient(String... extra) throws Exception {
        Path pki = TestPkiSupport.pki().dir();
        List<String> cmd = new ArrayList<>(List.of(OPENSSL.toString(), "s_client", "-connect", "127.0.0.1:" + server.port(),
                "-CAfile", pki.resolve("v2g-root.pem").toString(),
                "-cert", pki.resolve("vehicle.pem").toString(), "-key", pki.resolve("vehicle.key.pem").toString(),
                "-cert_chain", pki.resolve("vehicle-chain.pem").toString(), "-verify_return_error", "-brief"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close(); // EOF on stdin: s_client closes after the handshake
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void defaultOpenSslClientNegotiatesTheProfile() throws Exception {
        String out = sClient();
        assertTrue(out.contains("Protocol version: TLSv1.3"), out);
        assertTrue(out.contains("Ciphersuite: TLS_AES_256_GCM_SHA384"), out);
        assertTrue(out.contains("Verification: OK"), out);
        assertTrue(out.matches("(?s).*(Negotiated TLS1.3 group|Server Temp Key): (secp521r1|ECDH, (secp521r1|P-521)).*"), out);
    }

    @Test
    void serverGroupOrderWinsOverTheClientsX448KeyShare() throws Exception {
        // Table 7 order: secp521r1 before x448; the server answers an x448 key share with a HelloRetryRequest.
        String out = sClient("-groups", "x448:secp521r1");
        assertTrue(out.contains("Protocol version: TLSv1.3"), out);
        assertTrue(out.contains("Server Temp Key: ECDH, secp521r1"), out);
    }

    @Test
    void openSslClientOfferingOnlyX448IsServed() throws Exception {
        // x448 as the only group, OpenSSL's own signature_algorithms (with ecdsa_secp521r1_sha512): see X448OnlyEvTest
        String out = sClient("-groups", "X448");
        assertTrue(out.contains("Protocol version: TLSv1.3"), out);
        assertTrue(out.contains("Verification: OK"), out);
        assertTrue(out.contains("Server Temp Key: X448"), out);
    }

    @Test
    void openSslClientOfferingOnlyAes128OrX25519Fails() throws Exception {
        String aes128 = sClient("-ciphersuites", "TLS_AES_128_GCM_SHA256");
        assertTrue(!aes128.contains("Protocol version: TLSv1.3") || aes128.contains("alert"), aes128);
        String x25519 = sClient("-groups", "X25519");
        assertTrue(x25519.toLowerCase().contains("alert") || x25519.contains("error"), x25519);
        String tls12 = sClient("-tls1_2");
        assertTrue(tls12.toLowerCase().contains("alert") || tls12.contains("error"), tls12);
    }
}
