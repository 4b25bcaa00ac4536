package org.secc.transport.tls;

import java.util.List;

/**
 * The TLS settings applied to every V2G socket (facts 6, ISO 15118-20 Tables 6–8). Tests build
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
