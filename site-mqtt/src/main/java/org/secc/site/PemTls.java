package org.secc.site;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context for MQTTS from the PEM files brokers are usually set up with: the broker's CA
 * certificate(s), and for client-certificate authentication the client's certificate chain and its
 * PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}, EC or RSA).
 */
final class PemTls {
    private PemTls() {
    }

    static SSLContext context(Path ca, Path cert, Path key) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (Certificate c : certificates(ca)) {
            trust.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (cert != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] none = new char[0];
            ks.setKeyEntry("client", privateKey(key), none, certificates(cert).toArray(Certificate[]::new));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, none);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        byte[] b = Files.readAllBytes(pem);
        List<Certificate> out = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(b)));
        if (out.isEmpty()) {
            throw new GeneralSecurityException(pem + ": no certificate");
        }
        return out;
    }

    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String s = Files.readString(pem, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        int a = s.indexOf(begin);
        int z = s.indexOf("-----END PRIVATE KEY-----");
        if (a < 0 || z < a) {
            throw new GeneralSecurityException(pem + ": not a PKCS#8 PEM key (convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
        }
        byte[] der = Base64.getMimeDecoder().decode(s.substring(a + begin.length(), z));
        GeneralSecurityException last = null;
        for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException(pem + ": unsupported key: " + last.getMessage());
    }
}
