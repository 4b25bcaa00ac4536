package org.secc.ev.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.secc.transport.tls.Tls;
import org.secc.transport.tls.TlsProfile;
import org.secc.transport.v2gtp.V2gClient;
import org.secc.transport.v2gtp.V2gtpCodec;

/**
 * The charger under test: where its V2GTP server listens and whether it speaks TLS. Every connection of
 * the suite goes through {@link #open}; TLS cases open with other profiles to probe what the charger refuses.
 */
public record Target(InetSocketAddress address, boolean tls) {
    static final Duration CONNECT = Duration.ofSeconds(5);

    public String describe() {
        return "[" + address.getHostString() + "]:" + address.getPort() + (tls ? " TLS" : " TCP");
    }

    /** A connection with the -20 profile (TLS 1.3, [V2G20-2458], [V2G20-1634]), or plain TCP. */
    public V2gClient open() throws IOException {
        return tls ? openTls(TlsProfile.ISO15118_20, null) : V2gClient.connectTcp(address, CONNECT, V2gtpCodec.DEFAULT_MAX_PAYLOAD);
    }

    /**
     * TLS with the given client profile. The server chain is accepted as it is: a conformance client records
     * what the charger presents and judges it in the TLS cases rather than refusing to talk.
     * {@code keys} may be null or a key manager that records whether the server asked for a certificate.
     */
    public V2gClient openTls(TlsProfile profile, KeyManager keys) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS", Tls.jsseProvider());
            ctx.init(keys == null ? null : new KeyManager[] {keys}, new TrustManager[] {new RecordingTrust()}, new SecureRandom());
            return V2gClient.connectTls(address, ctx, profile, CONNECT, V2gtpCodec.DEFAULT_MAX_PAYLOAD);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    /** Accepts any non-empty server chain; the TLS cases inspect the chain through the session. */
    static final class RecordingTrust implements javax.net.ssl.X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("the suite is a TLS client only");
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            if (chain == null || chain.length == 0) {
                throw new java.security.cert.CertificateException("empty server chain");
            }
        }

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
