package org.secc.app.pki;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.secc.testpki.PkiGenerator;
import org.secc.testpki.TestPki;
import org.secc.transport.tls.Tls;

/**
 * Generates the test PKI once per test JVM into target/test-pki-PID (never committed) and builds TLS contexts from it.
 * One directory per JVM: the bench module runs its tests in parallel JVMs, and one writing the directory while
 * another reads it gave the reader a key of one generation and a chain of the other (certificate_unknown).
 */
public final class TestPkiSupport {
    private static TestPki pki;

    private TestPkiSupport() {
    }

    public static synchronized TestPki pki() {
        if (pki == null) {
            try {
                pki = new PkiGenerator().generate(Path.of("target", "test-pki-" + ProcessHandle.current().pid()), PkiGenerator.DEFAULT_PASSWORD.toCharArray());
            } catch (Exception e) {
                throw new IllegalStateException("test PKI generation failed", e);
            }
        }
        return pki;
    }

    /** SECC: SECC chain as key material, OEM root as trust anchor. */
    public static SSLContext serverContext() throws Exception {
        TestPki p = pki();
        return Tls.context(p.seccKeys(), p.password(), p.oemRootTrust());
    }

    /** EV with its vehicle certificate, trusting the V2G root. */
    public static SSLContext clientContext() throws Exception {
        TestPki p = pki();
        return Tls.context(p.vehicleKeys(), p.password(), p.v2gRootTrust());
    }

    /** EV without certificate, trusting the V2G root. */
    public static SSLContext anonymousClientContext() throws Exception {
        return Tls.context(null, null, pki().v2gRootTrust());
    }
}
