package org.secc.app.v2g;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * An EV on the JDK's own TLS (SunJSSE), run in a JVM of its own by {@link X448OnlyEvTest}: on Java 17 SunJSSE takes its
 * named groups only from the JVM-wide {@code jdk.tls.namedGroups}, so each group set needs its own JVM. TLS 1.3 with the
 * -20 suites, the vehicle chain from {@code vehicle.p12}, trusting {@code v2g-root-trust.p12}; SunJSSE's own
 * signature_algorithms (a complete list, as a real EV sends). Sends one SupportedAppProtocol frame and expects it echoed.
 * Prints {@code OK <suite> <server key algorithm> <its certificate's signature algorithm>} and exits 0, or {@code FAIL <exception>} and exits 1.
 *
 * <p>Arguments: host port pki-dir password.
 */
public final class JdkEvClient {
    private JdkEvClient() {
    }

    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[2]);
        char[] pw = a[3].toCharArray();
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve("vehicle.p12"))) {
                keys.load(in, pw);
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve("v2g-root-trust.p12"))) {
                trust.load(in, pw);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", "SunJSSE");
            kmf.init(keys, pw);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", "SunJSSE");
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLSv1.3", "SunJSSE");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(a[0], Integer.parseInt(a[1]))) {
                s.setSoTimeout(10_000);
                SSLParameters p = s.getSSLParameters();
                p.setProtocols(new String[] {"TLSv1.3"});
                p.setCipherSuites(new String[] {"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"});
                s.setSSLParameters(p);
                s.startHandshake();
                // V2GTP header (version 0x01, inverse 0xFE, payload type 0x8001, length 4) and a SAP payload
                byte[] frame = {0x01, (byte) 0xFE, (byte) 0x80, 0x01, 0, 0, 0, 4, (byte) 0x80, 0x40, 0x00, 0x40};
                OutputStream out = s.getOutputStream();
                out.write(frame);
                out.flush();
                byte[] echo = new byte[frame.length];
                new DataInputStream(s.getInputStream()).readFully(echo);
                if (!java.util.Arrays.equals(frame, echo)) {
                    throw new IllegalStateException("echo differs: " + java.util.HexFormat.of().formatHex(echo));
                }
                java.security.cert.X509Certificate leaf = (java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0];
                System.out.println("OK " + s.getSession().getCipherSuite() + " " + leaf.getPublicKey().getAlgorithm() + " " + leaf.getSigAlgName());
            }
        } catch (Exception e) {
            System.out.println("FAIL " + e);
            System.exit(1);
        }
    }
}
