package org.secc.ocpp;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.secc.ocpp.security.StationTls;

/**
 * A generated test PKI for the security profiles: a CSMS CA, the CSMS server certificate (CN and SAN for
 * 127.0.0.1/localhost), station certificates (CN = serial number, O = operator; A00.FR.404/405), all ECDSA P-256.
 */
final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    record Issued(KeyPair keys, X509CertificateHolder cert) {
        void write(Path certFile, Path keyFile) throws Exception {
            Files.writeString(certFile, StationTls.pem("CERTIFICATE", cert.getEncoded()));
            if (keyFile != null) Files.writeString(keyFile, StationTls.pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        }
    }

    static KeyPair ecKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static Issued ca(String cn) throws Exception {
        KeyPair k = ecKeys();
        X500Name name = new X500Name("CN=" + cn + ",O=Test CSO");
        var b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(Instant.now().minus(Duration.ofDays(1))),
                Date.from(Instant.now().plus(Duration.ofDays(30))), name, k.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(k, b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(k.getPrivate())));
    }

    static Issued leaf(Issued ca, String subject, boolean server, Instant notBefore, Instant notAfter) throws Exception {
        KeyPair k = ecKeys();
        return new Issued(k, sign(ca, new X500Name(subject), k.getPublic(), server, notBefore, notAfter));
    }

    static X509CertificateHolder sign(Issued ca, X500Name subject, java.security.PublicKey key, boolean server, Instant notBefore, Instant notAfter) throws Exception {
        var b = new JcaX509v3CertificateBuilder(ca.cert().getSubject(), BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore),
                Date.from(notAfter), subject, key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        if (server) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        PrivateKey caKey = ca.keys().getPrivate();
        return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey));
    }

    static Issued valid(Issued ca, String subject, boolean server) throws Exception {
        return leaf(ca, subject, server, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(10)));
    }
}
