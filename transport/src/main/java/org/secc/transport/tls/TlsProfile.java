package org.secc.transport.tls;

import java.util.List;

/**
 * The TLS settings applied to every V2G socket (ISO 15118-20 Tables 6–8, secc-app/README-network.md). Tests build
 * deviating profiles to prove that the real one is enforced.
 */
public record TlsProfile(List<String> protocols, List<String> cipherSuites, List<String> namedGroups,
                         List<String> signatureSchemes) {

    /** TLS 1.3 only; suites [V2G20-2458]; groups [V2G20-1634/1637/2460]; schemes [V2G20-1667]; order is preference. */
    public static final TlsProfile ISO15118_20 = new TlsProfile(
            List.of("TLSv1.3"),
            List.of("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"),
            List.of("secp521r1", "x448"),
            List.of("ecdsa_secp521r1_sha512", "ed448"));

    /**
     * ISO 15118-2: TLS 1.2 ([V2G2-067]) with the suites of its Table 7 ([V2G2-602]:
     * TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 and TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256, RFC 5289) on
     * secp256r1 with ECDSA-SHA256 ([V2G2-006/007]). This profile is the ECDHE one, on Bouncy Castle
     * JSSE; Bouncy Castle JSSE has no static-ECDH key exchange, so the second suite is served by the
     * JDK's SunJSSE with {@link #ISO15118_2_STATIC_ECDH} to an EV that offers only it (the server looks
     * at the ClientHello first: {@link ClientHelloPeek}). The EV authenticates the charger only (no
     * client certificate in -2 EIM).
     */
    public static final TlsProfile ISO15118_2 = new TlsProfile(
            List.of("TLSv1.2"),
            List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            List.of("secp256r1"),
            List.of("ecdsa_secp256r1_sha256"));

    /**
     * ISO 15118-2's second suite ([V2G2-602]: TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256, RFC 5289), TLS 1.2, on a SunJSSE
     * socket from {@link Tls#staticEcdhContext} (groups and schemes as {@link #ISO15118_2}, for the record: the JDK 17
     * socket takes neither, the curve is the certificate's).
     */
    public static final TlsProfile ISO15118_2_STATIC_ECDH = ISO15118_2.withCipherSuites(Tls.STATIC_ECDH_SUITE);

    /**
     * The charger's V2G TLS server when it serves both: a -20 EV gets TLS 1.3 with the -20 profile, a
     * -2 EV TLS 1.2 with the -2 one ([V2G20-2359]: TLS 1.2 stays for -2). Which protocol the EV will
     * choose is only known after the handshake (SupportedAppProtocol), so both are offered; the
     * handshake then decides what SupportedAppProtocol may choose (-20 never over TLS 1.2,
     * [V2G20-2356]).
     */
    public static final TlsProfile ISO15118_20_AND_2 = ISO15118_20.and(ISO15118_2);

    /** This profile's entries first, then the other's (no duplicates). */
    public TlsProfile and(TlsProfile o) {
        return new TlsProfile(union(protocols, o.protocols), union(cipherSuites, o.cipherSuites), union(namedGroups, o.namedGroups),
                union(signatureSchemes, o.signatureSchemes));
    }

    private static List<String> union(List<String> a, List<String> b) {
        java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }

    public TlsProfile {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        namedGroups = List.copyOf(namedGroups);
        signatureSchemes = List.copyOf(signatureSchemes);
    }

    public TlsProfile withCipherSuites(String... s) {
        return new TlsProfile(protocols, List.of(s), namedGroups, signatureSchemes);
    }

    public TlsProfile withNamedGroups(String... g) {
        return new TlsProfile(protocols, cipherSuites, List.of(g), signatureSchemes);
    }

    public TlsProfile withProtocols(String... p) {
        return new TlsProfile(List.of(p), cipherSuites, namedGroups, signatureSchemes);
    }

    public TlsProfile withSignatureSchemes(String... s) {
        return new TlsProfile(protocols, cipherSuites, namedGroups, List.of(s));
    }
}
