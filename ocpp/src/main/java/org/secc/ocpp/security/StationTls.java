package org.secc.ocpp.security;

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
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for security profiles 2 and 3 (A00): the CSMS is checked against the configured CA and its host name
 * (A00.FR.308–311, done by the JDK's HTTP client), TLS 1.2 or 1.3 only (A00.FR.313); with profile 3 the
 * station presents its ChargingStationCertificate (A00.FR.401). Keys and certificates are PEM files.
 */
public final class StationTls {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private StationTls() {}

    /**
     * @param csmsCa       PEM file with the CA certificate(s) the CSMS certificate must chain to
     * @param stationChain PEM chain of the station certificate (leaf first), or null (profile 2)
     * @param stationKey   PEM PKCS#8 private key of the station certificate, or null
     */
    public static SSLContext context(Path csmsCa, Path stationChain, Path stationKey) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate c : certificates(Files.readString(csmsCa))) trust.setCertificateEntry("ca" + i++, c);
            if (i == 0) throw new IllegalArgumentException(csmsCa + " holds no certificate");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (stationChain != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                List<X509Certificate> chain = certificates(Files.readString(stationChain));
                if (chain.isEmpty()) throw new IllegalArgumentException(stationChain + " holds no certificate");
                keys.setKeyEntry("station", privateKey(Files.readString(stationKey)), new char[0], chain.toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, new char[0]);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS material for the CSMS connection: " + e.getMessage(), e);
        }
    }

    /**
     * The context for each connect: the station certificate the CSMS signed last (A02) if there is one, else
     * the configured one. Read at every connect, so a reconnect uses a new certificate (A02.FR.10).
     */
    public static java.util.function.Supplier<SSLContext> supplier(Path csmsCa, Path stationChain, Path stationKey, CertificateStore store) {
        return () -> {
            if (store != null && store.has(CertificateStore.Kind.ChargingStationCertificate)) {
                return context(csmsCa, store.chainFile(CertificateStore.Kind.ChargingStationCertificate),
                        store.keyFile(CertificateStore.Kind.ChargingStationCertificate));
            }
            return context(csmsCa, stationChain, stationKey);
        };
    }

    public static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            if (!"CERTIFICATE".equals(m.group(1))) continue;
            out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(m.group(2)))));
        }
        return out;
    }

    public static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            if (!"PRIVATE KEY".equals(m.group(1))) continue;
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            for (String alg : new String[] {"EC", "RSA"}) {
                try {
                    return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException ignored) {
                    // try the next algorithm
                }
            }
        }
        throw new GeneralSecurityException("no PKCS#8 PRIVATE KEY block");
    }

    public static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }
}
