package org.secc.ev.conformance.cases;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509KeyManager;
import org.secc.ev.conformance.CaseContext;
import org.secc.ev.conformance.NotApplicable;
import org.secc.ev.conformance.Walk.Stage;
import org.secc.ev.session.ControlMode;
import org.secc.transport.tls.TlsProfile;
import org.secc.transport.v2gtp.V2gClient;

/** TLS for -20 (facts sheet 6): version, cipher suites, groups, the SECC's key, and the certificate request. */
final class TlsCases {
    private TlsCases() {
    }

    static void needTls(CaseContext ctx) {
        if (!ctx.target().tls()) {
            throw new NotApplicable("the run is over TCP (--tls not given)");
        }
    }

    /** Every common signature scheme and group: a probe varies one parameter and leaves the others open. */
    static final String[] ANY_SIGNATURE = {"ecdsa_secp521r1_sha512", "ed448", "ecdsa_secp384r1_sha384", "ecdsa_secp256r1_sha256", "ed25519",
        "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pkcs1_sha256"};
    static final String[] ANY_GROUP = {"secp521r1", "x448", "secp384r1", "secp256r1", "x25519"};

    static TlsProfile open() {
        return TlsProfile.ISO15118_20.withSignatureSchemes(ANY_SIGNATURE).withNamedGroups(ANY_GROUP);
    }

    /** Opens with {@code profile}; the charger must refuse the handshake. */
    static void refused(CaseContext ctx, TlsProfile profile, String what) {
        needTls(ctx);
        try (V2gClient c = ctx.target().openTls(profile, null)) {
            SSLSession s = c.tlsSession().orElseThrow();
            ctx.adopt(c);
            throw new org.secc.ev.conformance.CaseFailure("the charger accepted " + what + ": " + s.getProtocol() + " " + s.getCipherSuite());
        } catch (java.io.IOException expected) {
            ctx.note("refused as required: " + expected.getMessage());
        }
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> l = new ArrayList<>();
        l.add(ConformanceCase.of("TLS-01", "TLS 1.3 with a -20 cipher suite and an ECDSA P-521 server key")
                .req("[V2G20-1264]", "[V2G20-2458]", "[V2G20-2674]", "[V2G20-2675]")
                .pre("--tls")
                .stimulus("a TLS handshake with the -20 client profile, then a valid prefix to AuthorizationSetup")
                .expect("TLSv1.3, TLS_AES_256_GCM_SHA384 or TLS_CHACHA20_POLY1305_SHA256, a server leaf key on secp521r1 (or Ed448)")
                .timing("each response within 2 s")
                .body(ctx -> {
                    needTls(ctx);
                    org.secc.ev.conformance.Walk w;
                    try {
                        w = ctx.walkDc(ControlMode.DYNAMIC);
                    } catch (java.io.IOException e) {
                        throw new org.secc.ev.conformance.CaseFailure("the TLS handshake with the -20 profile (TLS 1.3; TLS_AES_256_GCM_SHA384, "
                                + "TLS_CHACHA20_POLY1305_SHA256; secp521r1, x448; ecdsa_secp521r1_sha512, ed448) failed: " + e.getMessage());
                    }
                    SSLSession s = w.conversation().client().tlsSession().orElseThrow();
                    ctx.checkEquals("TLSv1.3", s.getProtocol(), "TLS version");
                    ctx.check(List.of("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256").contains(s.getCipherSuite()),
                            "cipher suite " + s.getCipherSuite());
                    X509Certificate leaf = (X509Certificate) s.getPeerCertificates()[0];
                    if (leaf.getPublicKey() instanceof ECPublicKey ec) {
                        ctx.checkEquals(521, ec.getParams().getCurve().getField().getFieldSize(), "server key curve size (bits)");
                    } else {
                        ctx.check(leaf.getPublicKey().getAlgorithm().toLowerCase().contains("ed448"), "server key " + leaf.getPublicKey().getAlgorithm());
                    }
                    w.to(Stage.AUTHORIZATION_SETUP);
                }));
        l.add(ConformanceCase.of("TLS-02", "A client offering only TLS 1.2 is refused")
                .req("[V2G20-2356]", "[V2G20-1237]")
                .pre("--tls")
                .stimulus("a ClientHello with TLS 1.2 only (ECDHE-ECDSA AES-GCM suites, every common group and signature scheme)")
                .expect("the handshake fails")
                .timing("-")
                .body(ctx -> refused(ctx, open().withProtocols("TLSv1.2").withCipherSuites(
                        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), "TLS 1.2")));
        l.add(ConformanceCase.of("TLS-03", "A client offering only TLS_AES_128_GCM_SHA256 is refused")
                .req("[V2G20-2458]")
                .pre("--tls")
                .stimulus("a TLS 1.3 ClientHello with TLS_AES_128_GCM_SHA256 only (every common group and signature scheme)")
                .expect("the handshake fails")
                .timing("-")
                .body(ctx -> refused(ctx, open().withCipherSuites("TLS_AES_128_GCM_SHA256"), "TLS_AES_128_GCM_SHA256")));
        l.add(ConformanceCase.of("TLS-04", "A client offering only x25519 and secp256r1 is refused")
                .req("[V2G20-1634]", "[V2G20-2460]")
                .pre("--tls")
                .stimulus("a TLS 1.3 ClientHello with the groups x25519 and secp256r1 only (every common signature scheme)")
                .expect("the handshake fails")
                .timing("-")
                .body(ctx -> refused(ctx, open().withNamedGroups("x25519", "secp256r1"), "x25519/secp256r1")));
        l.add(ConformanceCase.of("TLS-05", "The charger requests a client certificate")
                .req("[V2G20-2400]")
                .pre("--tls")
                .stimulus("a TLS 1.3 handshake whose key manager records whether the server asked for a certificate (it offers none)")
                .expect("a CertificateRequest in the handshake")
                .timing("-")
                .body(ctx -> {
                    needTls(ctx);
                    AtomicBoolean asked = new AtomicBoolean();
                    try (V2gClient c = ctx.target().openTls(TlsProfile.ISO15118_20, new AskedKeys(asked))) {
                        ctx.adopt(c);
                    } catch (java.io.IOException e) {
                        ctx.note("handshake without a client certificate failed: " + e.getMessage());
                    }
                    ctx.check(asked.get(), "the charger did not send a CertificateRequest");
                }));
        return l;
    }

    /** A client key manager without keys that notes whether the server requested a client certificate. */
    static final class AskedKeys implements X509KeyManager {
        private final AtomicBoolean asked;

        AskedKeys(AtomicBoolean asked) {
            this.asked = asked;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            asked.set(true);
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            asked.set(true);
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return null;
        }
    }
}
