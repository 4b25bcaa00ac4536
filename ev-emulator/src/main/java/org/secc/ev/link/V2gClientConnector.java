package org.secc.ev.link;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.secc.transport.tls.TlsProfile;
import org.secc.transport.v2gtp.V2gClient;
import org.secc.transport.v2gtp.V2gtpCodec;
import org.secc.transport.v2gtp.V2gtpException;
import org.secc.transport.v2gtp.V2gtpFrame;

/**
 * Adapter from the network edge's {@link V2gClient} (TCP, or TLS 1.3 with the -20 profile: secp521r1/x448,
 * TLS_AES_256_GCM_SHA384 / TLS_CHACHA20_POLY1305_SHA256) to the emulator's {@link Link}.
 */
public final class V2gClientConnector implements Connector {
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private final InetSocketAddress server;
    private final SSLContext tls;
    private final TlsProfile profile;

    /** {@code tls} null means plain TCP. */
    public V2gClientConnector(InetSocketAddress server, SSLContext tls, TlsProfile profile) {
        this.server = server;
        this.tls = tls;
        this.profile = profile;
    }

    public static V2gClientConnector tcp(String host, int port) {
        return new V2gClientConnector(new InetSocketAddress(host, port), null, null);
    }

    /** TLS 1.3 with the -20 profile; the server chain is not verified (bench client). */
    public static V2gClientConnector tls(String host, int port) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLSv1.3", org.secc.transport.tls.Tls.jsseProvider());
            ctx.init(null, new javax.net.ssl.TrustManager[] {new BenchTrust()}, new java.security.SecureRandom());
            return new V2gClientConnector(new InetSocketAddress(host, port), ctx, TlsProfile.ISO15118_20);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    /**
     * TLS 1.3 with the -20 profile presenting the vehicle's certificate chain from {@code keys} (mutual TLS, which the
     * SECC requires by default, [V2G20-2400]); the server chain is not verified (bench client).
     */
    public static V2gClientConnector tls(String host, int port, java.security.KeyStore keys, char[] keyPassword) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLSv1.3", org.secc.transport.tls.Tls.jsseProvider());
            ctx.init(org.secc.transport.tls.Tls.keyManagers(java.util.List.of(keys), keyPassword), new javax.net.ssl.TrustManager[] {new BenchTrust()}, new java.security.SecureRandom());
            return new V2gClientConnector(new InetSocketAddress(host, port), ctx, TlsProfile.ISO15118_20);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS setup failed: " + e.getMessage(), e);
        }
    }


    /** ISO 15118-2: TLS 1.2 with the -2 profile ([V2G2-602], secp256r1); the server chain is not verified (bench client). */
    public static V2gClientConnector tlsIso2(String host, int port) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLSv1.3", org.secc.transport.tls.Tls.jsseProvider());
            ctx.init(null, new javax.net.ssl.TrustManager[] {new BenchTrust()}, new java.security.SecureRandom());
            return new V2gClientConnector(new InetSocketAddress(host, port), ctx, TlsProfile.ISO15118_2);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS setup failed: " + e.getMessage(), e);
        }
    }


    /**
     * ISO 15118-2 offering only the static-ECDH suite of [V2G2-602] (TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256), on the
     * JDK's SunJSSE (Bouncy Castle JSSE has no static ECDH; {@link org.secc.transport.tls.Tls#permitStaticEcdh()});
     * the server chain is not verified (bench client).
     */
    public static V2gClientConnector tlsIso2StaticEcdh(String host, int port) throws IOException {
        if (!org.secc.transport.tls.Tls.permitStaticEcdh()) {
            throw new IOException("static ECDH is not available in this JVM: SunJSSE read jdk.tls.disabledAlgorithms before it was allowed");
        }
        try {
            SSLContext ctx = SSLContext.getInstance("TLSv1.2", "SunJSSE");
            ctx.init(null, new javax.net.ssl.TrustManager[] {new BenchTrust()}, new java.security.SecureRandom());
            return new V2gClientConnector(new InetSocketAddress(host, port), ctx, TlsProfile.ISO15118_2_STATIC_ECDH);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    /** TLS 1.3 with the -20 profile, the vehicle's certificate from {@code keys}, the SECC chain verified against {@code trust}. */
    public static V2gClientConnector tls(String host, int port, java.security.KeyStore keys, char[] keyPassword, java.security.KeyStore trust)
            throws IOException {
        try {
            return new V2gClientConnector(new InetSocketAddress(host, port), org.secc.transport.tls.Tls.context(keys, keyPassword, trust),
                    TlsProfile.ISO15118_20);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    /** TLS 1.3 with the -20 profile, verifying the SECC chain against {@code trust} (e.g. the V2G root); no client certificate. */
    public static V2gClientConnector tls(String host, int port, java.security.KeyStore trust) throws IOException {
        try {
            return new V2gClientConnector(new InetSocketAddress(host, port), org.secc.transport.tls.Tls.context(null, null, trust),
                    TlsProfile.ISO15118_20);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Link connect() throws IOException {
        V2gClient c = tls == null ? V2gClient.connectTcp(server, CONNECT, V2gtpCodec.DEFAULT_MAX_PAYLOAD)
                : V2gClient.connectTls(server, tls, profile, CONNECT, V2gtpCodec.DEFAULT_MAX_PAYLOAD);
        return new Link() {
            @Override
            public void send(int payloadType, byte[] payload) throws IOException {
                c.send(new V2gtpFrame(payloadType, payload)); // one V2GTP message per write
            }

            @Override
            public Frame receive(long timeoutMs) throws IOException {
                c.setReadTimeout(Duration.ofMillis(Math.max(1, timeoutMs)));
                try {
                    V2gtpFrame f = c.receive();
                    return new Frame(f.payloadType(), f.payload());
                } catch (SocketTimeoutException e) {
                    return null;
                } catch (V2gtpException e) {
                    if (e.reason() == V2gtpException.Reason.END_OF_STREAM) {
                        throw new EOFException("SECC closed the connection");
                    }
                    throw new IOException("bad V2GTP frame from the SECC: " + e.getMessage(), e);
                } catch (java.net.SocketException e) {
                    throw new EOFException("connection reset: " + e.getMessage());
                }
            }

            @Override
            public void close() {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        };
    }

    /** Accepts any server chain: the emulator is a test client, not a production EV. */
    static final class BenchTrust implements javax.net.ssl.X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("the emulator is a TLS client only");
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
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
