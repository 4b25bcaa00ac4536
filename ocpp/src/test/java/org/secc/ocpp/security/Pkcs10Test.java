package org.secc.ocpp.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

/** The station's PKCS#10 requests, read back and checked by an independent implementation (Bouncy Castle). */
class Pkcs10Test {

    private static KeyPair keys(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    @Test
    void requestsReadBackWithSubjectKeyAndValidSignature() throws Exception {
        String[][] kinds = {{"secp256r1", "SHA256withECDSA"}, {"secp384r1", "SHA384withECDSA"}, {"secp521r1", "SHA512withECDSA"}};
        for (String[] kind : kinds) {
            KeyPair kp = keys(kind[0]);
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(Pkcs10.request("CS001", "Test CSO", kp, kind[1]));
            assertEquals("CN=CS001,O=Test CSO", csr.getSubject().toString(), kind[0]);
            assertArrayEquals(kp.getPublic().getEncoded(), csr.getSubjectPublicKeyInfo().getEncoded(), kind[0]);
            assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(kp.getPublic())), kind[0]);
            // the part that is signed is byte for byte what Bouncy Castle's builder signs for the same subject and key
            PKCS10CertificationRequest bc = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=CS001,O=Test CSO"), kp.getPublic())
                    .build(new JcaContentSignerBuilder(kind[1]).build(kp.getPrivate()));
            assertArrayEquals(bc.toASN1Structure().getCertificationRequestInfo().getEncoded(),
                    csr.toASN1Structure().getCertificationRequestInfo().getEncoded(), kind[0]);
            assertEquals(bc.getSignatureAlgorithm(), csr.getSignatureAlgorithm(), kind[0]);
            // a request signed by another key does not verify
            assertFalse(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(keys(kind[0]).getPublic())), kind[0]);
        }
    }

    @Test
    void longSubjectsUseLongFormLengthsAndNonAsciiStaysUtf8() throws Exception {
        KeyPair kp = keys("secp521r1");
        String cn = "S".repeat(300);
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(Pkcs10.request(cn, "Opérateur €", kp, "SHA512withECDSA"));
        assertEquals("CN=" + cn + ",O=Opérateur €", csr.getSubject().toString());
        assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(kp.getPublic())));
    }

    @Test
    void unknownSignatureAlgorithmIsRefused() throws Exception {
        assertThrows(GeneralSecurityException.class, () -> Pkcs10.request("CS001", "Test CSO", keys("secp256r1"), "SHA1withRSA"));
    }
}
