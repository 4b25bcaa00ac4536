package org.secc.bench.jar;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.Security;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.secc.transport.tls.ClientAuth;
import org.secc.transport.tls.Tls;
import org.secc.transport.tls.TlsProfile;

/**
 * Runs in a JVM whose class path is the charger jar (plus this class): a TLS handshake for every cipher suite of
 * the -20 profile (TLS 1.3) with an ECDSA P-521 and an Ed448 PKI, and of the -2 profile (TLS 1.2) with the P-256
 * one, each from the charger's own TLS code on both ends with the test PKI's key stores, and one byte echoed. Prints one line per handshake; exits 1 on the
 * first failure. Arguments: the PKI directories for ECDSA P-521, Ed448 and ECDSA P-256, then the password.
 */
public final class TlsProbe {
    private TlsProbe() {
    }

    public static void main(String[] args) throws Exception {
        char[] pw = args[3].toCharArray();
        String jsse = Tls.jsseProvider().getName();
        System.out.println("provider: " + jsse);
        for (String suite : TlsProfile.ISO15118_20.cipherSuites()) {
            handshake(Path.of(args[0]), pw, TlsProfile.ISO15118_20, suite, "ecdsa_secp521r1_sha512");
        }
        for (String suite : TlsProfile.ISO15118_2.cipherSuites()) {
            handshake(Path.of(args[2]), pw, TlsProfile.ISO15118_2, suite, "ecdsa_secp256r1_sha256");
        }
        // ECDSA runs on the JDK's cryptography alone: Bouncy Castle's JCA provider (costly to build at start-up) is not there
        if (Security.getProvider("BC") != null) {
            System.out.println("FAILED: Bouncy Castle's JCA provider was registered for ECDSA key stores");
            System.exit(1);
        }
        System.out.println("ECDSA: no Bouncy Castle JCA provider");
        for (String suite : TlsProfile.ISO15118_20.cipherSuites()) {
            handshake(Path.of(args[1]), pw, TlsProfile.ISO15118_20, suite, "ed448");
        }
    }

    private static void handshake(Path pki, char[] pw, TlsProfile profile, String suite, String scheme) throws Exception {
        boolean mutual = profile == TlsProfile.ISO15118_20;
        SSLContext server = Tls.fromPkcs12(pki.resolve("secc.p12"), mutual ? pki.resolve("oem-root-trust.p12") : null, pw);
        SSLContext client = Tls.fromPkcs12(mutual ? pki.resolve("vehicle.p12") : null, pki.resolve("v2g-root-trust.p12"), pw);
        TlsProfile only = new TlsProfile(profile.protocols(), List.of(suite), profile.namedGroups(), List.of(scheme));
        try (ServerSocket ss = server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.setSoTimeout(20_000);
                    Tls.configure(s, profile, true, mutual ? ClientAuth.NEED : ClientAuth.NONE);
                    InputStream in = s.getInputStream();
                    int b = in.read();
                    s.getOutputStream().write(b);
                    s.getOutputStream().flush();
                    return b;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), ss.getLocalPort())) {
                c.setSoTimeout(20_000);
                Tls.configure(c, only, false, ClientAuth.NONE);
                c.startHandshake();
                OutputStream out = c.getOutputStream();
                out.write(0x5a);
                out.flush();
                int echo = c.getInputStream().read();
                served.get(20, TimeUnit.SECONDS);
                String got = c.getSession().getProtocol() + " " + c.getSession().getCipherSuite();
                if (echo != 0x5a || !got.equals(profile.protocols().get(0) + " " + suite)) {
                    System.out.println("FAILED " + suite + " " + scheme + ": " + got + ", echo " + echo);
                    System.exit(1);
                }
                System.out.println("OK " + got + " " + scheme);
            }
        }
    }
}
