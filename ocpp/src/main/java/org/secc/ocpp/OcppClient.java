package org.secc.ocpp;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.secc.ocpp.rpc.OcppVersion;

/**
 * The I/O edge of the station: an OCPP-J WebSocket client on the JDK's {@link WebSocket}, offering
 * {@code ocpp2.1} then {@code ocpp2.0.1}, with basic auth (security profiles 1, 2) and TLS (2, 3), reconnect
 * back-off (OCPP-J 2.1 §5.4) and a bounded frame buffer. Everything reaches the sans-I/O {@link OcppStation}
 * on one thread ({@code ocpp}), together with a tick every 200 ms.
 */
public final class OcppClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OcppClient.class.getName());

    private final OcppSettings settings;
    private final Clock clock;
    private final Supplier<SSLContext> tls;
    private final ScheduledExecutorService loop;
    private final OcppStation station;
    private final Random random = new Random();
    private volatile WebSocket socket;
    private int failures;
    private volatile boolean closed;

    /**
     * @param tls the TLS context for security profiles 2 and 3 (trust store with the CSMS CA; for 3 also the
     *            station certificate and key); read at every connect so a new station certificate is used
     *            (A02.FR.10); null for profile 1
     */
    public OcppClient(OcppSettings settings, ChargerPort port, Clock clock, Supplier<SSLContext> tls) {
        this.settings = settings;
        this.clock = clock;
        this.tls = tls;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ocpp");
            t.setDaemon(true);
            return t;
        });
        this.station = new OcppStation(settings, port, this::send, clock.instant());
        station.onNewStationCertificate(this::reconnect);
    }

    public OcppStation station() { return station; }

    /** Runs a task on the OCPP thread (e.g. an authorization request from the charger) and waits for it. */
    public <T> T onLoop(java.util.concurrent.Callable<T> task) {
        try {
            return loop.submit(task).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("ocpp thread: " + e, e);
        }
    }

    public void authorize(int evseId, String idToken) {
        loop.execute(() -> station.authorize(evseId, idToken, clock.instant()));
    }

    public void start() {
        loop.scheduleWithFixedDelay(() -> {
            try {
                station.tick(clock.instant());
            } catch (RuntimeException e) {
                LOG.warning("ocpp: tick failed: " + e);
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
        loop.execute(this::connect);
    }

    /** Drops the connection and connects again a second later (e.g. with a new station certificate, A02.FR.10). */
    public void reconnect() {
        // One second after the answer that triggered it (CertificateSigned): a CSMS that settles its pending
        // CALLs when the connection closes can otherwise fail the CALL whose answer it received just before
        // the close (seen with the test CSMS under CI); A02.FR.10 asks for the reconnect, not for haste.
        WebSocket old = socket;
        loop.schedule(() -> {
            // Lost meanwhile (CSMS gone within the second): the loss's own reconnect, already scheduled with
            // its back-off, connects with the new certificate; a second connect here would race it.
            if (socket != old) return;
            WebSocket ws = socket;
            socket = null; // the old socket's close report is then ignored (lost() checks it): the drop is handled here
            if (ws != null) {
                // A closing handshake, not an abort: the CertificateSigned answer written just before must
                // reach the CSMS (an abort resets the connection and can take the answer in flight with it,
                // A02.FR.10 reconnects after answering). An abort 2 s later ends a CSMS that never closes.
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "reconnecting with a new station certificate");
                loop.schedule(ws::abort, 2, TimeUnit.SECONDS);
            }
            LOG.info("ocpp: reconnecting with the new station certificate");
            station.disconnected(clock.instant());
            connect();
        }, 1, TimeUnit.SECONDS);
    }

    private void connect() {
        if (closed) return;
        HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (settings.securityProfile() > 1) {
            if (tls == null) throw new IllegalStateException("security profile " + settings.securityProfile() + " needs a TLS context");
            hb.sslContext(tls.get());
        }
        HttpClient http = hb.build();
        WebSocket.Builder wb = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .subprotocols(OcppVersion.OCPP21.subprotocol(), OcppVersion.OCPP201.subprotocol());
        if (settings.securityProfile() < 3) {
            // A00.FR.202-205: user name = identity (not percent-encoded), password as UTF-8.
            String cred = settings.identity() + ":" + settings.password();
            wb.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(cred.getBytes(StandardCharsets.UTF_8)));
        }
        Listener listener = new Listener();
        wb.buildAsync(settings.connectionUri(), listener).whenComplete((ws, err) -> loop.execute(() -> {
            if (err != null) {
                Throwable cause = err.getCause() != null ? err.getCause() : err;
                String why = cause instanceof WebSocketHandshakeException h ? "HTTP " + h.getResponse().statusCode() + " (wrong identity or password?)"
                        : cause.toString();
                if (settings.securityProfile() == 3 && !(cause instanceof WebSocketHandshakeException) && !(cause instanceof javax.net.ssl.SSLHandshakeException)) {
                    // TLS 1.3: a refused client certificate shows only as the server closing the connection.
                    why += " (the CSMS closed the TLS connection: station certificate refused, e.g. expired or from another CA?)";
                }
                LOG.warning("ocpp: cannot connect to " + settings.connectionUri() + ": " + why);
                scheduleReconnect();
                return;
            }
            var version = OcppVersion.ofSubprotocol(ws.getSubprotocol());
            if (version.isEmpty()) {
                // OCPP-J 2.1 §3.3: no agreed subprotocol means the CSMS speaks none of ours.
                LOG.warning("ocpp: the CSMS agreed on no OCPP version (subprotocol '" + ws.getSubprotocol() + "'): closing");
                ws.abort();
                scheduleReconnect();
                return;
            }
            failures = 0;
            socket = ws;
            listener.ws = ws;
            station.connected(version.get(), clock.instant());
        }));
    }

    /** OCPP-J 2.1 §5.4: WaitMinimum + random(RandomRange), doubling RepeatTimes times, then constant. */
    Duration backOff(int failure) {
        int doublings = Math.min(failure, settings.retryBackOffRepeatTimes());
        long base = (long) settings.retryBackOffWaitMinimumS() << doublings;
        double jitter = random.nextDouble() * settings.retryBackOffRandomRangeS();
        return Duration.ofMillis((long) ((base + jitter) * 1000));
    }

    private void scheduleReconnect() {
        if (closed) return;
        Duration wait = backOff(failures++);
        LOG.info("ocpp: reconnecting in " + wait.toMillis() + " ms");
        loop.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(String text) {
        WebSocket ws = socket;
        if (ws == null) return;
        try {
            // The JDK allows one outstanding send: wait for the previous one (frames are small).
            ws.sendText(text, true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warning("ocpp: send failed: " + e);
            ws.abort();
        }
    }

    private void lost(WebSocket ws, String why) {
        loop.execute(() -> {
            if (socket != ws) return;
            socket = null;
            LOG.warning("ocpp: connection lost: " + why);
            station.disconnected(clock.instant());
            scheduleReconnect();
        });
    }

    private final class Listener implements WebSocket.Listener {
        volatile WebSocket ws;
        private final StringBuilder buf = new StringBuilder();
        private boolean oversized;
        private String head;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!oversized) {
                if (buf.length() + data.length() > settings.maxFrameBytes()) {
                    oversized = true; // stop buffering: never hold what the peer claims to send
                    head = buf.append(data, 0, Math.min(data.length(), 200)).substring(0, Math.min(buf.length(), 200));
                    buf.setLength(0);
                } else {
                    buf.append(data);
                }
            }
            if (last) {
                if (oversized) {
                    String h = head;
                    loop.execute(() -> station.oversized(h, clock.instant()));
                } else {
                    String text = buf.toString();
                    loop.execute(() -> station.text(text, clock.instant()));
                }
                buf.setLength(0);
                buf.trimToSize();
                oversized = false;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(webSocket, "closed by the CSMS (" + statusCode + " " + reason + ")");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(webSocket, error.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        WebSocket ws = socket;
        if (ws != null) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                ws.abort();
            }
        }
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
