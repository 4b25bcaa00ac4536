package org.secc.transport.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * TLS 1.3 contexts on Bouncy Castle JSSE, used by the SECC server and the EV emulator alike. The
 * providers are registered once (not inserted first: the rest of the JVM keeps its defaults); every
 * context is requested from them by name.
 */
public final class Tls {
    /** Bouncy Castle JSSE logs every alert with a stack trace at INFO; our servers log one line per failure. */
    private static final java.util.logging.Logger BC_JSSE_LOG = java.util.logging.Logger.getLogger("org.bouncycastle.jsse");
    private static final Provider BCJSSE;

    static {
        if (BC_JSSE_LOG.getLevel() == null) {
            BC_JSSE_LOG.setLevel(java.util.logging.Level.WARNING);
        }
        // Bouncy Castle's TLS on the JDK's own cryptography (SunEC: ECDSA P-521/P-256, X448, Ed448; SunJCE: AES-GCM,
        // ChaCha20-Poly1305, HMAC): Bouncy Castle's JCA provider is not installed, because constructing it builds every
        // named elliptic curve it knows (binary ones included) for one attribute, the largest single cost of a TLS
        // start (README "Start-up time").
        if (Security.getProvider(ChaChaPoly1305Provider.NAME) == null) {
            Security.addProvider(new ChaChaPoly1305Provider());
        }
        Provider jsse = Security.getProvider("BCJSSE");
        if (jsse == null) {
            jsse = new BouncyCastleJsseProvider();
            Security.addProvider(jsse);
        }
        BCJSSE = jsse;
    }

    private Tls() {
    }

    public static Provider jsseProvider() {
        return BCJSSE;
    }

    /**
     * An SSLContext with the given key material (may be null for a client without certificate) and
     * trust anchors (null: trust nothing, i.e. any certificate the peer sends fails).
     */
    public static SSLContext context(KeyStore keys, char[] keyPassword, KeyStore trust) throws GeneralSecurityException {
        return contextForChains(keys == null ? java.util.List.of() : java.util.List.of(keys), keyPassword, trust);
    }

    /** As {@link #context(KeyStore, char[], KeyStore)} with the keys of several stores (none: no certificate). */
    public static SSLContext contextForChains(java.util.List<KeyStore> keys, char[] keyPassword, KeyStore trust) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", BCJSSE);
        tmf.init(trust == null ? emptyStore() : trust);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3", BCJSSE);
        ctx.init(keys.isEmpty() ? null : ignoringSni(keyManagers(keys, keyPassword)), tmf.getTrustManagers(), new SecureRandom());
        return ctx;
    }

    /**
     * Bouncy Castle JSSE's key managers over one or more key stores (a charger serving ISO 15118-2 too holds the -20 and
     * the -2 chain in two stores; the key manager picks the chain the handshake can use).
     */
    public static javax.net.ssl.KeyManager[] keyManagers(java.util.List<KeyStore> keys, char[] keyPassword) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", BCJSSE);
        if (keys.size() == 1) {
            kmf.init(keys.get(0), keyPassword);
        } else {
            java.util.List<KeyStore.Builder> builders = new java.util.ArrayList<>();
            for (KeyStore k : keys) {
                builders.add(KeyStore.Builder.newInstance(k, new KeyStore.PasswordProtection(keyPassword)));
            }
            try {
                kmf.init(new javax.net.ssl.KeyStoreBuilderParameters(builders));
            } catch (java.security.InvalidAlgorithmParameterException e) {
                throw new GeneralSecurityException(e.getMessage(), e);
            }
        }
        return kmf.getKeyManagers();
    }

    /**
     * The two primitives of TLS_CHACHA20_POLY1305_SHA256 ([V2G20-2458]) under the names Bouncy Castle's TLS looks up,
     * from Bouncy Castle's implementations: the JDK offers only the combined AEAD cipher.
     */
    static final class ChaChaPoly1305Provider extends Provider {
        private static final long serialVersionUID = 1L;
        static final String NAME = "SECC-ChaCha20-Poly1305";

        ChaChaPoly1305Provider() {
            super(NAME, "1.0", "ChaCha20 (RFC 7539) and Poly1305 for TLS_CHACHA20_POLY1305_SHA256");
            put("Cipher.ChaCha7539", "org.bouncycastle.jcajce.provider.symmetric.ChaCha$Base7539");
            put("Mac.Poly1305", "org.bouncycastle.jcajce.provider.symmetric.Poly1305$Mac");
        }
    }

    /**
     * The key managers with the server's certificate chosen without the client's server_name (SNI): a V2G charger has
     * one certificate per role, and Bouncy Castle's key manager turns an SNI that is not a host name (an IPv6 literal,
     * which EVCCs send for a link-local SECC) into internal_error. The SNI is ignored, never an error.
     */
    static javax.net.ssl.KeyManager[] ignoringSni(javax.net.ssl.KeyManager[] kms) {
        javax.net.ssl.KeyManager[] out = kms.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof javax.net.ssl.X509ExtendedKeyManager x) {
                out[i] = new SniBlindKeyManager(x);
            }
        }
        return out;
    }

    /** Delegates everything; the server alias is chosen with no socket or engine, so no SNI is looked at. */
    private static final class SniBlindKeyManager extends javax.net.ssl.X509ExtendedKeyManager {
        private final javax.net.ssl.X509ExtendedKeyManager d;

        SniBlindKeyManager(javax.net.ssl.X509ExtendedKeyManager d) {
            this.d = d;
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return d.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return d.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
            return d.chooseEngineClientAlias(keyType, issuers, engine);
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return d.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return choose(keyType, issuers, d.chooseServerAlias(keyType, issuers, null),
                    socket instanceof SSLSocket s ? s.getHandshakeSession() : null);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
            return choose(keyType, issuers, d.chooseEngineServerAlias(keyType, issuers, null),
                    engine == null ? null : engine.getHandshakeSession());
        }

        /**
         * Under TLS 1.3 (ISO 15118-20) only a -20 SECC certificate: ECDSA secp521r1 ([V2G20-2674]) or Ed448
         * ([V2G20-2319]); under TLS 1.2 (ISO 15118-2) the -2 chain (secp256r1, [V2G2-602]) when the charger holds one.
         * A charger serving both holds both chains; Bouncy Castle picks the first key that fits the key type (under TLS
         * 1.3 in the order of the client's signature_algorithms, which a JDK client starts with ecdsa_secp256r1_sha256),
         * so its choice is checked here and, when it is the other standard's, the next fitting alias is taken. Under TLS
         * 1.3 with none, null: Bouncy Castle asks for the client's next scheme.
         */
        private String choose(String keyType, java.security.Principal[] issuers, String first, javax.net.ssl.SSLSession handshake) {
            if (first == null || handshake == null) {
                return first;
            }
            boolean tls13 = "TLSv1.3".equals(handshake.getProtocol());
            if (fits(first, tls13)) {
                return first;
            }
            String[] all = d.getServerAliases(keyType, issuers);
            if (all != null) {
                for (String a : all) {
                    if (fits(a, tls13)) {
                        return a;
                    }
                }
            }
            return tls13 ? null : first;
        }

        private boolean fits(String alias, boolean tls13) {
            java.security.cert.X509Certificate[] chain = d.getCertificateChain(alias);
            return chain != null && chain.length > 0 && iso20Key(chain[0].getPublicKey()) == tls13;
        }

        /** An ISO 15118-20 TLS key: EC on secp521r1 ([V2G20-2674/2675]) or Ed448 ([V2G20-2319]). */
        private static boolean iso20Key(java.security.PublicKey k) {
            if (k instanceof java.security.interfaces.ECPublicKey ec) {
                return ec.getParams().getCurve().getField().getFieldSize() == 521;
            }
            if (k instanceof java.security.interfaces.EdECKey ed) {
                return "Ed448".equalsIgnoreCase(ed.getParams().getName());
            }
            // Bouncy Castle's own Ed448 key class may name itself so rather than implement EdECKey
            return "Ed448".equalsIgnoreCase(k.getAlgorithm());
        }

        @Override
        public java.security.cert.X509Certificate[] getCertificateChain(String alias) {
            return d.getCertificateChain(alias);
        }

        @Override
        public java.security.PrivateKey getPrivateKey(String alias) {
            return d.getPrivateKey(alias);
        }
    }

    /**
     * A context from PKCS#12 files (as written by {@code secc-bench pki}): {@code keyStore} may be null
     * (EV without certificate); all stores share one password.
     */
    public static SSLContext fromPkcs12(java.nio.file.Path keyStore, java.nio.file.Path trustStore, char[] password)
            throws java.io.IOException, GeneralSecurityException {
        return context(keyStore == null ? null : loadPkcs12(keyStore, password), password,
                trustStore == null ? null : loadPkcs12(trustStore, password));
    }

    public static KeyStore loadPkcs12(java.nio.file.Path file, char[] password) throws java.io.IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            ks.load(in, password);
        }
        if (!holdsEd448(ks)) {
            return ks;
        }
        // Ed448 ([V2G20-2319]): the JDK's key and certificate objects name their algorithm "EdDSA", Bouncy Castle's TLS
        // selects and signs by "Ed448"; its own PKCS#12 gives its own objects. Its JCA provider is built only then.
        KeyStore bc = KeyStore.getInstance("PKCS12", BouncyCastleJca.PROVIDER);
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            bc.load(in, password);
        }
        return bc;
    }

    /** A key entry whose certificate is Ed448 (trust anchors are only verified against, which the JDK's objects do). */
    private static boolean holdsEd448(KeyStore ks) throws KeyStoreException {
        for (String alias : java.util.Collections.list(ks.aliases())) {
            java.security.cert.Certificate c = ks.isKeyEntry(alias) ? ks.getCertificate(alias) : null;
            if (c != null && c.getPublicKey() instanceof java.security.interfaces.EdECKey ed && "Ed448".equalsIgnoreCase(ed.getParams().getName())) {
                return true;
            }
        }
        return false;
    }

    /** Bouncy Castle's JCA provider, constructed (and registered after the JDK's) at the first use only. */
    private static final class BouncyCastleJca {
        static final Provider PROVIDER;

        static {
            Provider p = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
            if (p == null) {
                p = new BouncyCastleProvider();
                Security.addProvider(p);
            }
            PROVIDER = p;
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            return ks;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256, the second suite of ISO 15118-2 Table 7 ([V2G2-602], RFC 5289). */
    public static final String STATIC_ECDH_SUITE = "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256";
    private static final String DISABLED_PROPERTY = "jdk.tls.disabledAlgorithms";

    /**
     * Lets the JDK's SunJSSE negotiate static ECDH in this process, and says whether it now can.
     *
     * <p>Bouncy Castle JSSE no longer implements static-ECDH key exchange, so the [V2G2-602] suite
     * TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256 is served by SunJSSE, which has it but disables it through the security
     * property {@code jdk.tls.disabledAlgorithms} (the token "ECDH" in the JRE's java.security: static ECDH has no
     * forward secrecy). This removes that one token, for this process only (the file in the JRE is not
     * touched), and only where ISO 15118-2 over TLS is served or an EV emulator asks for the suite. That is
     * acceptable here: the charger is a dedicated process whose only TLS 1.2 peers are -2 EVs, for which the standard
     * prescribes the suite; TLS 1.3 (ISO 15118-20, OCPP) has no static-ECDH suites, so it is unaffected; ECDHE suites
     * are a different token; and every other entry of the property stays.
     *
     * <p>SunJSSE reads the property once, when it first builds its algorithm constraints (its first context, e.g. an
     * HTTP client's). Called after that, the change has no effect: the result is then false, and callers say so in
     * one log line instead of offering a suite that cannot be negotiated.
     */
    public static synchronized boolean permitStaticEcdh() {
        String p = Security.getProperty(DISABLED_PROPERTY);
        if (p != null) {
            java.util.List<String> kept = new java.util.ArrayList<>();
            boolean removed = false;
            for (String t : p.split(",")) {
                String x = t.trim();
                if (x.equalsIgnoreCase("ECDH")) {
                    removed = true;
                } else if (!x.isEmpty()) {
                    kept.add(x);
                }
            }
            if (removed) {
                Security.setProperty(DISABLED_PROPERTY, String.join(", ", kept));
            }
        }
        return staticEcdhNegotiable();
    }

    /** Whether SunJSSE in this process can negotiate {@link #STATIC_ECDH_SUITE} (see {@link #permitStaticEcdh()}). */
    public static boolean staticEcdhNegotiable() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLSv1.2", "SunJSSE");
            ctx.init(null, null, null);
            return java.util.Arrays.asList(ctx.getSupportedSSLParameters().getCipherSuites()).contains(STATIC_ECDH_SUITE);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * A TLS 1.2 context on the JDK's SunJSSE for the static-ECDH suite of ISO 15118-2 ({@link #permitStaticEcdh()}).
     * Server: {@code keys} holds the -2 SECC chain (secp256r1; the leaf's key usage includes keyAgreement, as static
     * ECDH needs for the server's certificate key, RFC 4492 2.1), no client certificate is asked for (-2 EIM). Client
     * (the EV emulator): {@code keys} null, {@code trust} the V2G root.
     */
    public static SSLContext staticEcdhContext(KeyStore keys, char[] keyPassword, KeyStore trust) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509", "SunJSSE");
        kmf.init(keys, keyPassword);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", "SunJSSE");
        tmf.init(trust == null ? emptyStore() : trust);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", "SunJSSE");
        ctx.init(keys == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return ctx;
    }

    /**
     * Applies the profile to a socket before its handshake. A Bouncy Castle JSSE socket takes every profile but the
     * static-ECDH one; a SunJSSE socket (from {@link #staticEcdhContext}) only
     * {@link TlsProfile#ISO15118_2_STATIC_ECDH}, whose protocol and suite JDK 17's SSLParameters can set (it has no
     * named groups or signature schemes; static ECDH needs neither: the curve is the SECC certificate's, secp256r1).
     * Anything else fails loudly.
     */
    public static void configure(SSLSocket socket, TlsProfile profile, boolean server, ClientAuth auth) {
        if (!(socket instanceof BCSSLSocket bcs)) {
            if (!profile.equals(TlsProfile.ISO15118_2_STATIC_ECDH)) {
                throw new IllegalArgumentException("not a Bouncy Castle JSSE socket: " + socket.getClass());
            }
            javax.net.ssl.SSLParameters p = socket.getSSLParameters();
            p.setProtocols(profile.protocols().toArray(String[]::new));
            p.setCipherSuites(profile.cipherSuites().toArray(String[]::new));
            if (server) {
                p.setNeedClientAuth(auth == ClientAuth.NEED);
                p.setWantClientAuth(auth == ClientAuth.WANT);
            }
            socket.setSSLParameters(p);
            return;
        }
        if (profile.cipherSuites().contains(STATIC_ECDH_SUITE)) {
            // Bouncy Castle JSSE would ignore the suite silently and offer nothing usable
            throw new IllegalArgumentException("Bouncy Castle JSSE has no static ECDH: use a socket from Tls.staticEcdhContext");
        }
        BCSSLParameters p = bcs.getParameters();
        p.setProtocols(profile.protocols().toArray(String[]::new));
        p.setCipherSuites(profile.cipherSuites().toArray(String[]::new));
        p.setNamedGroups(profile.namedGroups().toArray(String[]::new));
        p.setSignatureSchemes(profile.signatureSchemes().toArray(String[]::new));
        p.setUseCipherSuitesOrder(true); // the server's order (Table 6) decides
        p.setUseNamedGroupsOrder(true);
        if (server) {
            p.setNeedClientAuth(auth == ClientAuth.NEED);
            if (auth == ClientAuth.WANT) {
                p.setWantClientAuth(true);
            }
        }
        bcs.setParameters(p);
    }
}
