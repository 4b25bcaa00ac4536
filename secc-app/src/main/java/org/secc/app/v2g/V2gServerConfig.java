package org.secc.app.v2g;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.secc.transport.tls.ClientAuth;
import org.secc.transport.tls.TlsProfile;

/**
 * Settings of one V2GTP server (one per connector and transport).
 *
 * @param bind            address and port to listen on (port 0: an ephemeral port, see {@link V2gServer#port()})
 * @param tls             TLS context, or null for plain TCP
 * @param profile         TLS settings applied to every accepted socket
 * @param clientAuth      client certificate policy (WANT by default: CertificateRequest is always sent, [V2G20-2400])
 * @param maxPayload      largest accepted V2GTP payload in bytes
 * @param readTimeout     the longest wait for the next frame before the connection is closed
 * @param handshakeTimeout the longest TLS handshake
 * @param tap             traffic observer (pcap), {@link TrafficTap#NONE} for none
 */
public record V2gServerConfig(InetSocketAddress bind, SSLContext tls, TlsProfile profile, ClientAuth clientAuth,
                              int maxPayload, Duration readTimeout, Duration handshakeTimeout, TrafficTap tap) {

    public V2gServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(tap, "tap");
        if (readTimeout.isZero() || readTimeout.isNegative() || handshakeTimeout.isZero() || handshakeTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** Plain TCP with defaults: 64 KiB payloads, 60 s read timeout (V2G_SECC_Sequence_Timeout). */
    public static V2gServerConfig tcp(InetSocketAddress bind) {
        return new V2gServerConfig(bind, null, TlsProfile.ISO15118_20, ClientAuth.WANT,
                org.secc.transport.v2gtp.V2gtpCodec.DEFAULT_MAX_PAYLOAD, Duration.ofSeconds(60), Duration.ofSeconds(10), TrafficTap.NONE);
    }

    /** TLS 1.3 with the -20 profile and defaults as {@link #tcp}. */
    public static V2gServerConfig tls(InetSocketAddress bind, SSLContext ctx) {
        return tcp(bind).withTls(ctx);
    }

    public boolean isTls() {
        return tls != null;
    }

    public V2gServerConfig withTls(SSLContext ctx) {
        return new V2gServerConfig(bind, ctx, profile, clientAuth, maxPayload, readTimeout, handshakeTimeout, tap);
    }

    public V2gServerConfig withProfile(TlsProfile p) {
        return new V2gServerConfig(bind, tls, p, clientAuth, maxPayload, readTimeout, handshakeTimeout, tap);
    }

    public V2gServerConfig withClientAuth(ClientAuth a) {
        return new V2gServerConfig(bind, tls, profile, a, maxPayload, readTimeout, handshakeTimeout, tap);
    }

    public V2gServerConfig withMaxPayload(int m) {
        return new V2gServerConfig(bind, tls, profile, clientAuth, m, readTimeout, handshakeTimeout, tap);
    }

    public V2gServerConfig withReadTimeout(Duration d) {
        return new V2gServerConfig(bind, tls, profile, clientAuth, maxPayload, d, handshakeTimeout, tap);
    }

    public V2gServerConfig withHandshakeTimeout(Duration d) {
        return new V2gServerConfig(bind, tls, profile, clientAuth, maxPayload, readTimeout, d, tap);
    }

    public V2gServerConfig withTap(TrafficTap t) {
        return new V2gServerConfig(bind, tls, profile, clientAuth, maxPayload, readTimeout, handshakeTimeout, t);
    }
}
