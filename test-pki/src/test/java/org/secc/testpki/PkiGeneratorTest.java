package org.secc.testpki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PkiGeneratorTest {
    private static TestPki pki;

    /** One PKI per test JVM into target/test-pki (never committed). */
    private static synchronized TestPki pki() throws Exception {
        if (pki == null) {
            pki = new PkiGenerator().generate(java.nio.file.Path.of("target", "test-pki"), PkiGenerator.DEFAULT_PASSWORD.toCharArray());
        }
        return pki;
    }

    private static List<X509Certificate> chain(KeyStore ks, String alias) throws Exception {
        return Arrays.stream(ks.getCertificateChain(alias)).map(c -> (X509Certificate) c).toList();
    }

    private static void assertValidates(List<X509Certificate> chain, X509Certificate root) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), params);
    }

    @Test
    void seccChainIsP521Sha512AndValidatesToV2gRoot() throws Exception {
        TestPki pki = pki();
        List<X509Certificate> c = chain(pki.seccKeys(), "secc");
        assertEquals(3, c.size(), "leaf, CPO Sub-CA 2, CPO Sub-CA 1 (root not sent)");
        X509Certificate root = (X509Certificate) pki.v2gRootTrust().getCertificate("v2g-root");
        assertValidates(c, root);
        for (X509Certificate x : c) {
            assertEquals("SHA512WITHECDSA", x.getSigAlgName().toUpperCase());
            assertEquals(521, ((ECPublicKey) x.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        }
        X509Certificate leaf = c.get(0);
        assertEquals(-1, leaf.getBasicConstraints(), "leaf is no CA");
        assertTrue(leaf.getKeyUsage()[0], "digitalSignature");
        assertFalse(leaf.getKeyUsage()[5], "no keyCertSign on the leaf");
        assertTrue(leaf.getSubjectX500Principal().getName().contains("CN=" + PkiGenerator.DEFAULT_SECC_CN.replace("*", "\\*"))
                || leaf.getSubjectX500Principal().getName().contains(PkiGenerator.DEFAULT_SECC_CN), leaf.getSubjectX500Principal().getName());
        assertEquals(0, c.get(1).getBasicConstraints(), "Sub-CA 2 path length 0");
        assertEquals(1, c.get(2).getBasicConstraints(), "Sub-CA 1 path length 1");
        assertTrue(c.get(1).getKeyUsage()[5], "keyCertSign on CAs");
        assertTrue(leaf.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")));
    }

    @Test
    void vehicleChainValidatesToOemRootOnly() throws Exception {
        TestPki pki = pki();
        List<X509Certificate> c = chain(pki.vehicleKeys(), "vehicle");
        assertEquals(3, c.size());
        assertValidates(c, (X509Certificate) pki.oemRootTrust().getCertificate("oem-root"));
        X509Certificate v2gRoot = (X509Certificate) pki.v2gRootTrust().getCertificate("v2g-root");
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> assertValidates(c, v2gRoot));
    }

    /** Trust stores open without a password (no MAC, certificates in clear); key stores need it for the key. */
    @Test
    void trustStoresOpenWithoutAPasswordKeyStoresNot() throws Exception {
        TestPki pki = pki();
        for (String f : List.of("oem-root-trust.p12", "v2g-root-trust.p12")) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(pki.dir().resolve(f))) {
                ks.load(in, null);
            }
            assertEquals(1, ks.size(), f);
            assertTrue(ks.isCertificateEntry(ks.aliases().nextElement()), f);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(pki.dir().resolve("secc.p12"))) {
            keys.load(in, null);
        }
        String alias = keys.aliases().nextElement();
        // without the password the certificates (in clear) are there, the key is not to be had
        assertEquals(3, keys.getCertificateChain(alias).length);
        org.junit.jupiter.api.Assertions.assertThrows(java.security.UnrecoverableKeyException.class, () -> keys.getKey(alias, "wrong".toCharArray()));
    }

    @Test
    void pemFilesAreWritten() throws Exception {
        TestPki pki = pki();
        for (String f : List.of("v2g-root.pem", "cpo-sub-ca-1.pem", "cpo-sub-ca-2.pem", "secc-leaf.pem", "secc-chain.pem",
                "secc-leaf.key.pem", "oem-root.pem", "oem-sub-ca-1.pem", "oem-sub-ca-2.pem", "vehicle.pem", "vehicle.key.pem")) {
            String s = Files.readString(pki.dir().resolve(f));
            assertTrue(s.startsWith("-----BEGIN "), f);
        }
        assertEquals(3, Files.readString(pki.dir().resolve("secc-chain.pem")).split("BEGIN CERTIFICATE").length - 1);
    }

    @Test
    void cliSubcommandWritesPki() throws Exception {
        java.nio.file.Path out = java.nio.file.Path.of("target", "cli-pki");
        int rc = new picocli.CommandLine(new PkiCommand()).execute("--out", out.toString(), "--password", "pw");
        assertEquals(0, rc);
        KeyStore ks = new TestPki(out, "pw".toCharArray()).seccKeys();
        assertEquals(3, ks.getCertificateChain("secc").length);
    }
}
