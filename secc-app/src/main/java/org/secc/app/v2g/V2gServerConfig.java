package org.secc.app.v2g;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.secc.transport.tls.ClientAuth;
import org.secc.transport.tls.TlsProfile;

/**
 * Settings of one V2GTP server (one per connector and transport). Deadlines are for whole units (a
 * whole handshake, a whole frame), never per read: a peer that trickles bytes gains nothing
 * (secc-app/README-network.md, "Server behaviour").
 *
 * @param bind              address and port to listen on (port 0: an ephemeral port, see {@link V2gServer#port()})
 * @param tls               TLS context, or null for plain TCP
 * @param profile           TLS settings applied to every accepted socket
 * @param clientAuth        client certificate policy (CertificateRequest is always sent, [V2G20-2400]; NEED refuses a
 *                          client without one)
 * @param maxPayload        largest accepted V2GTP payload in bytes
 * @param readTimeout       the longest wait for the whole next frame once the session has its slot
 * @param handshakeTimeout  the longest whole TLS handshake, from accept
 * @param firstFrameTimeout the longest wait for the whole first frame (SupportedAppProtocolReq), from accept (TCP) or
 *                          from the end of the handshake (TLS)
 * @param maxPending        connections accepted but not yet past their first frame; when full, the oldest is closed
 *                          to make room, so a new EV always gets a chance
 * @param backlog           the listen backlog
 * @param tap               traffic observer (pcap), {@link TrafficTap#NONE} for none
 * @param staticEcdh        the ISO 15118-2 static-ECDH server context ({@link org.secc.transport.tls.Tls#staticEcdhContext}),
 *                          or null: a TLS 1.2 EV that offers only TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256 is handed to it
 *                          ([V2G2-602]; README-din-iso2.md)
 */
public record V2gServerConfig(InetSocketAddress bind, SSLContext tls, TlsProfile profile, ClientAuth clientAuth,
                              int maxPayload, Duration readTimeout, Duration handshakeTimeout, Duration firstFrameTimeout,
                              int maxPending, int backlog, TrafficTap tap, SSLContext staticEcdh) {

    /** Default bound of connections waiting for their first frame. */
    public static final int DEFAULT_MAX_PENDING = 16;
    /** Default listen backlog. */
    public static final int DEFAULT_BACKLOG = 128;

    public V2gServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(firstFrameTimeout, "firstFrameTimeout");
        Objects.requireNonNull(tap, "tap");
        for (Duration d : new Duration[] {readTimeout, handshakeTimeout, firstFrameTimeout}) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }
        if (maxPending < 1 || backlog < 1) {
            throw new IllegalArgumentException("maxPending and backlog must be at least 1");
        }
    }

    /**
     * Plain TCP with defaults: 64 KiB payloads, 60 s for each next frame (V2G_SECC_Sequence_Timeout), 10 s TLS
     * handshake, 5 s for the SupportedAppProtocolReq, 16 pending connections, backlog 128.
     */
    public static V2gServerConfig tcp(InetSocketAddress bind) {
        return new V2gServerConfig(bind, null, TlsProfile.ISO15118_20, ClientAuth.WANT,
                org.secc.transport.v2gtp.V2gtpCodec.DEFAULT_MAX_PAYLOAD, Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(5), DEFAULT_MAX_PENDING, DEFAULT_BACKLOG, TrafficTap.NONE, null);
    }

    /** TLS 1.3 with the -20 profile and defaults as {@link #tcp}. */
    public static V2gServerConfig tls(InetSocketAddress bind, SSLContext ctx) {
        return tcp(bind).withTls(ctx);
    }

    public boolean isTls() {
        return tls != null;
    }

    public V2gServerConfig withTls(SSLContext ctx) {
        return new V2gServerConfig(bind, ctx, profile, clientAuth, maxPayload, readTimeout, handshakeTimeout, firstFrameTimeout,
                maxPending, backlog, tap, staticEcdh);
    }

    public V2gServerConfig withProfile(TlsProfile p) {
        return new V2gServerConfig(bind, tls, p, clientAuth, maxPayload, readTimeout, handshakeTimeout, firstFrameTimeout,
                maxPending, backlog, tap, staticEcdh);
    }

    public V2gServerConfig withClientAuth(ClientAuth a) {
        return new V2gServerConfig(bind, tls, profile, a, maxPayload, readTimeout, handshakeTimeout, firstFrameTimeout,
                maxPending, backlog, tap, staticEcdh);
    }

    public V2gServerConfig withMaxPayload(int m) {
        return new V2gServerConfig(bind, tls, profile, clientAuth, m, readTimeout, handshakeTimeout, firstFrameTimeout,
                maxPending, backlog, tap, staticEcdh);
    }

    public V2gServerConfig withReadTimeout(Duration d) {
        return new V2gServerConfig(bind, tls, profile, clientAuth, maxPayload, d, handshakeTimeout, firstFrameTimeout,
                maxPending, backlog, tap, staticEcdh);
    }

    public V2gServerConfig withHandshakeTimeout(Duration d) {
        return new V2gServerConfig(bind, tls, profile, clientAuth, maxPayload, readTimeout, d, firstFrameTimeout,
                maxPending, backlog, tap, staticEcdh);
    }

    public V2gServerConfig withFirstFrameTimeout(Duration d) {
        return new V2gServerConfig(bind, tls, profile, clientAuth, maxPayload, readTimeout, handshakeTimeout, d,
                maxPending, backlog, tap, staticEcdh);
    }

    public V2gServerConfig withMaxPending(int n) {
        return new V2gServerConfig(bind, tls, profile, clientAuth, maxPayload, readTimeout, handshakeTimeout, firstFrameTimeout,
                n, backlog, tap, staticEcdh);
    }

    public V2gServerConfig withBacklog(int n) {
        return new V2gServerConfig(bind, tls, profile, clientAuth, maxPayload, readTimeout, handshakeTimeout, firstFrameTimeout,
                maxPending, n, tap, staticEcdh);
    }

    public V2gServerConfig withTap(TrafficTap t) {
        return new V2gServerConfig(bind, tls, profile, clientAuth, maxPayload, readTimeout, handshakeTimeout, firstFrameTimeout,
                maxPending, backlog, t, staticEcdh);
    }

    /** Serve -2 EVs that offer only the static-ECDH suite with this context (SunJSSE, TLS 1.2); null: refuse them. */
    public V2gServerConfig withStaticEcdh(SSLContext ctx) {
        return new V2gServerConfig(bind, tls, profile, clientAuth, maxPayload, readTimeout, handshakeTimeout, firstFrameTimeout,
                maxPending, backlog, tap, ctx);
    }
}
