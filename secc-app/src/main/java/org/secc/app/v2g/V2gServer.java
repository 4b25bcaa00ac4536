package org.secc.app.v2g;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.secc.transport.tls.ClientAuth;
import org.secc.transport.tls.ClientHelloPeek;
import org.secc.transport.tls.Tls;
import org.secc.transport.v2gtp.V2gtpCodec;
import org.secc.transport.v2gtp.V2gtpException;
import org.secc.transport.v2gtp.V2gtpFrame;
import org.secc.transport.v2gtp.V2gtpFrameReader;
import org.secc.transport.v2gtp.V2gtpFrameWriter;

/**
 * V2GTP server of one connector over TCP or TLS 1.3. One acceptor thread that never waits for anything
 * but {@code accept}; each accepted connection gets its own thread (started ahead and waiting for it, so
 * that the EV's first request does not wait for a thread start) and is <em>pending</em> until its
 * first whole frame (the SupportedAppProtocolReq) arrives. Pending connections are bounded: when the
 * bound is reached the oldest one is closed to make room, so idle or trickling peers cannot keep a
 * new EV out. The first pending connection to complete its first frame takes the connector's one
 * session slot; later ones are refused (one session per connector). Deadlines cover whole units —
 * the TLS handshake, the first frame, each later frame — not single reads: a deadline thread closes
 * the socket when one passes, which wakes the blocked read. Any bad frame closes only its own
 * connection; the server keeps accepting.
 */
public final class V2gServer implements Closeable {
    private static final Logger LOG = Logger.getLogger(V2gServer.class.getName());

    private final V2gServerConfig config;
    private final V2gConnectionHandler.Factory factory;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final ScheduledThreadPoolExecutor deadlines;
    /** Accepted, not yet past the first frame; oldest first. Guarded by itself. */
    private final Deque<Conn> pending = new ArrayDeque<>();
    private final AtomicReference<Conn> active = new AtomicReference<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final FrameTimings timings = new FrameTimings();
    /**
     * A connection thread started ahead of the next connection and parked here: the acceptor hands it the socket,
     * so a new EV's SupportedAppProtocolReq does not wait for a thread to be created and started.
     */
    private final java.util.concurrent.SynchronousQueue<Conn> handoff = new java.util.concurrent.SynchronousQueue<>();
    /** The spare connection thread waiting in {@link #handoff}, or null. Only the acceptor (and close) touch it. */
    private volatile Thread spare;

    private V2gServer(V2gServerConfig config, V2gConnectionHandler.Factory factory) throws IOException {
        this.config = config;
        this.factory = factory;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(config.bind(), config.backlog());
        this.acceptor = new Thread(this::acceptLoop, "v2g-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        int port = listener.getLocalPort();
        this.deadlines = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "v2g-deadline-" + port);
            t.setDaemon(true);
            return t;
        });
        deadlines.setRemoveOnCancelPolicy(true);
    }

    /** Binds and starts accepting. */
    public static V2gServer start(V2gServerConfig config, V2gConnectionHandler.Factory factory) throws IOException {
        V2gServer s = new V2gServer(config, factory);
        s.startSpare();
        s.acceptor.start();
        LOG.info(() -> "V2GTP " + (config.isTls() ? "TLS" : "TCP") + " server listening on "
                + s.listener.getLocalSocketAddress() + " (backlog " + config.backlog() + ", at most " + config.maxPending()
                + " connections waiting for SupportedAppProtocolReq" + (config.isTls() ? ", client certificate "
                + (config.clientAuth() == ClientAuth.NEED ? "required" : "optional") : "") + ")");
        return s;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    public boolean isTls() {
        return config.isTls();
    }

    /** True while a connection holds the session slot (it passed its first frame). */
    public boolean hasActiveConnection() {
        return active.get() != null;
    }

    /** Read → answered → written times of the last request frames (all connections). */
    public FrameTimings timings() {
        return timings;
    }

    /** Connections accepted and not yet past their first frame. */
    public int pendingConnections() {
        synchronized (pending) {
            return pending.size();
        }
    }

    static final long RECONNECT_GRACE_NANOS = 1_000_000_000L;

    private void acceptLoop() {
        while (!stopped.get()) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!stopped.get()) {
                    LOG.log(Level.WARNING, "accept failed; server stops", e);
                }
                return;
            }
            Conn c = new Conn(ids.incrementAndGet(), s, System.nanoTime());
            Conn evicted = null;
            int waiting;
            synchronized (pending) {
                if (pending.size() >= config.maxPending()) {
                    evicted = pending.pollFirst();
                }
                pending.addLast(c);
                waiting = pending.size();
            }
            if (evicted != null) {
                evicted.abort(new CloseReason(CloseReason.Kind.REFUSED, waiting + " connections waiting for their first frame"
                        + " (the bound): the oldest makes room for connection " + c.id));
            }
            Duration first = config.isTls() ? config.handshakeTimeout() : config.firstFrameTimeout();
            c.arm(first, config.isTls() ? CloseReason.Kind.HANDSHAKE_FAILED : CloseReason.Kind.READ_TIMEOUT,
                    config.isTls() ? "no complete TLS handshake within " + first.toMillis() + " ms"
                            : "no complete SupportedAppProtocolReq within " + first.toMillis() + " ms");
            if (handoff.offer(c)) {
                spare = null; // it serves c now
            } else {
                // no spare thread waiting (it has not started yet): a thread of its own, as before
                Thread t = new Thread(c::run, "v2g-conn-" + c.id);
                t.setDaemon(true);
                t.start();
            }
            startSpare(); // for the next connection, after this one is on its way
        }
    }

    /** Starts a spare connection thread unless one is waiting (acceptor only). */
    private void startSpare() {
        Thread t = spare;
        if (stopped.get() || (t != null && t.isAlive())) {
            return;
        }
        Thread n = new Thread(this::spareLoop, SPARE_NAME);
        n.setDaemon(true);
        spare = n;
        n.start();
    }

    private static final String SPARE_NAME = "v2g-conn-spare";

    /** A spare connection thread: waits for the acceptor's next connection and serves it. */
    private void spareLoop() {
        Conn c = null;
        try {
            while (c == null) {
                if (stopped.get()) {
                    return;
                }
                c = handoff.poll(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            return; // the server stops
        }
        Thread.currentThread().setName("v2g-conn-" + c.id);
        c.run();
    }

    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(listener);
        List<Conn> all;
        synchronized (pending) {
            all = new ArrayList<>(pending);
        }
        Conn c = active.get();
        if (c != null) {
            all.add(c);
        }
        for (Conn x : all) {
            x.abort(new CloseReason(CloseReason.Kind.SERVER_STOPPED, ""));
        }
        deadlines.shutdownNow();
        try {
            acceptor.join(2000);
            Thread t = spare;
            if (t != null) {
                t.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing; nothing to report
        }
    }

    /**
     * What went wrong in a handshake, never {@code null}: the message of the exception or of its first cause that has
     * one, else the exception's class name (Bouncy Castle reports some alerts without a message).
     */
    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 8; depth++) {
            String m = t.getMessage();
            if (m != null && !m.isBlank()) {
                return b.append(m).toString();
            }
            b.append(t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName());
            if (t.getCause() == null || t.getCause() == t) {
                break;
            }
            b.append(" <- ");
            t = t.getCause();
        }
        return b.toString();
    }

    private final class Conn implements V2gConnection {
        final long id;
        final Socket raw;
        volatile Socket socket;
        volatile V2gtpFrameWriter writer;
        final AtomicReference<CloseReason> closeReason = new AtomicReference<>();
        final InetSocketAddress remote;
        final InetSocketAddress local;
        /** System.nanoTime right after {@code accept} returned it. */
        final long acceptedNanos;

        Conn(long id, Socket raw, long acceptedNanos) {
            this.id = id;
            this.raw = raw;
            this.acceptedNanos = acceptedNanos;
            this.socket = raw;
            this.remote = (InetSocketAddress) raw.getRemoteSocketAddress();
            this.local = (InetSocketAddress) raw.getLocalSocketAddress();
        }

        /** Generation of the armed deadline; a fired task whose generation is stale does nothing. */
        final AtomicLong deadlineGen = new AtomicLong();
        volatile ScheduledFuture<?> deadline;
        boolean claimed;

        /** Closes the connection with {@code kind} unless {@link #disarm} or another {@code arm} comes first. */
        void arm(Duration d, CloseReason.Kind kind, String detail) {
            long g = deadlineGen.incrementAndGet();
            ScheduledFuture<?> old = deadline;
            if (old != null) {
                old.cancel(false);
            }
            try {
                deadline = deadlines.schedule(() -> {
                    if (deadlineGen.get() == g) {
                        abort(new CloseReason(kind, detail));
                    }
                }, d.toNanos(), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                abort(new CloseReason(CloseReason.Kind.SERVER_STOPPED, "")); // the server is stopping
            }
        }

        void disarm() {
            deadlineGen.incrementAndGet();
            ScheduledFuture<?> old = deadline;
            if (old != null) {
                old.cancel(false);
            }
        }

        void run() {
            V2gConnectionHandler handler = null;
            boolean tapOpened = false;
            CloseReason reason;
            try {
                raw.setTcpNoDelay(true);
                V2gtpCodec codec = new V2gtpCodec(config.maxPayload());
                String how;
                if (config.isTls()) {
                    // A required client certificate applies to ISO 15118-20 (TLS 1.3, [V2G20-2400]); ISO 15118-2 EVs over TLS 1.2
                    // present none. When one port serves both, the handshake only asks, and a TLS 1.3 peer without a
                    // certificate is refused right after it.
                    boolean needOn13Only = config.clientAuth() == ClientAuth.NEED && config.profile().protocols().contains("TLSv1.2");
                    SSLSocket ssl;
                    if (config.staticEcdh() == null) {
                        ssl = (SSLSocket) config.tls().getSocketFactory().createSocket(raw, null, raw.getPort(), true);
                        ssl.setUseClientMode(false);
                        Tls.configure(ssl, config.profile(), true, needOn13Only ? ClientAuth.WANT : config.clientAuth());
                    } else {
                        // [V2G2-602]: the first record decides who serves it (under the handshake deadline armed above):
                        // a -2 EV that offers only the static-ECDH suite gets SunJSSE, every other EV Bouncy Castle JSSE
                        // as before; the bytes read are replayed to the chosen one.
                        ClientHelloPeek hello;
                        try {
                            hello = ClientHelloPeek.read(raw.getInputStream());
                        } catch (IOException e) {
                            throw new Fail(new CloseReason(CloseReason.Kind.HANDSHAKE_FAILED, describe(e)));
                        }
                        java.io.InputStream replay = new java.io.ByteArrayInputStream(hello.bytes());
                        if (hello.wantsStaticEcdh()) {
                            ssl = (SSLSocket) config.staticEcdh().getSocketFactory().createSocket(raw, replay, true);
                            ssl.setUseClientMode(false);
                            Tls.configure(ssl, org.secc.transport.tls.TlsProfile.ISO15118_2_STATIC_ECDH, true, ClientAuth.NONE);
                        } else {
                            ssl = (SSLSocket) config.tls().getSocketFactory().createSocket(raw, replay, true);
                            ssl.setUseClientMode(false);
                            Tls.configure(ssl, config.profile(), true, needOn13Only ? ClientAuth.WANT : config.clientAuth());
                        }
                    }
                    socket = ssl;
                    try {
                        ssl.startHandshake();
                    } catch (IOException | RuntimeException e) {
                        throw new Fail(new CloseReason(CloseReason.Kind.HANDSHAKE_FAILED, describe(e)));
                    }
                    arm(config.firstFrameTimeout(), CloseReason.Kind.READ_TIMEOUT,
                            "no complete SupportedAppProtocolReq within " + config.firstFrameTimeout().toMillis() + " ms after the handshake");
                    SSLSession sess = ssl.getSession();
                    if (needOn13Only && "TLSv1.3".equals(sess.getProtocol()) && !peerAuthenticated(sess)) {
                        throw new Fail(new CloseReason(CloseReason.Kind.HANDSHAKE_FAILED,
                                "TLS 1.3 (ISO 15118-20) without a client certificate; one is required ([V2G20-2400])"));
                    }
                    how = sess.getProtocol() + " " + sess.getCipherSuite()
                            + (peerAuthenticated(sess) ? ", client certificate" : ", no client certificate");
                } else {
                    how = "TCP";
                }
                String h = how;
                LOG.fine(() -> "connection " + id + " from " + remote + ": " + h + ", waiting for SupportedAppProtocolReq");
                V2gtpFrameReader reader = new V2gtpFrameReader(socket.getInputStream(), codec);
                writer = new V2gtpFrameWriter(socket.getOutputStream(), codec);
                config.tap().opened(id, remote, local);
                tapOpened = true;
                try {
                    handler = factory.open(this);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "connection " + id + ": handler could not be created", e);
                    throw new Fail(new CloseReason(CloseReason.Kind.HANDLER_FAILED, e.toString()));
                }
                while (true) {
                    if (claimed) {
                        arm(config.readTimeout(), CloseReason.Kind.READ_TIMEOUT,
                                "no complete frame within " + config.readTimeout().toMillis() + " ms");
                    }
                    V2gtpFrame in;
                    try {
                        in = reader.read();
                    } catch (V2gtpException e) {
                        throw new Fail(e.reason() == V2gtpException.Reason.END_OF_STREAM
                                ? new CloseReason(CloseReason.Kind.PEER_CLOSED, "")
                                : new CloseReason(CloseReason.Kind.BAD_FRAME, e.getMessage()));
                    }
                    long readNanos = System.nanoTime();
                    disarm();
                    boolean first = !claimed;
                    if (!claimed) {
                        claim(h);
                    }
                    config.tap().frame(id, true, in.toBytes());
                    List<V2gtpFrame> out;
                    try {
                        out = handler.onFrame(in);
                    } catch (RuntimeException e) {
                        LOG.log(Level.SEVERE, "connection " + id + ": handler failed", e);
                        throw new Fail(new CloseReason(CloseReason.Kind.HANDLER_FAILED, e.toString()));
                    }
                    long handledNanos = System.nanoTime();
                    for (V2gtpFrame f : out) {
                        send(f);
                    }
                    timings.record(readNanos, handledNanos, System.nanoTime(), first, acceptedNanos);
                    try {
                        handler.afterSend(); // what the answer need not wait for (the log line)
                    } catch (RuntimeException e) {
                        LOG.log(Level.SEVERE, "connection " + id + ": handler failed after sending", e);
                    }
                }
            } catch (Fail f) {
                reason = f.reason;
            } catch (IOException e) {
                reason = new CloseReason(CloseReason.Kind.IO_ERROR, describe(e));
            }
            disarm();
            shutdown(reason);
            synchronized (pending) {
                pending.remove(this);
            }
            CloseReason finalReason = closeReason.get();
            if (finalReason.kind() == CloseReason.Kind.BAD_FRAME || finalReason.kind() == CloseReason.Kind.HANDSHAKE_FAILED
                    || finalReason.kind() == CloseReason.Kind.READ_TIMEOUT || finalReason.kind() == CloseReason.Kind.IO_ERROR
                    || finalReason.kind() == CloseReason.Kind.REFUSED) {
                LOG.warning(() -> "connection " + id + " from " + remote + " closed: " + finalReason);
            } else {
                LOG.info(() -> "connection " + id + " from " + remote + " closed: " + finalReason);
            }
            if (tapOpened) {
                config.tap().closed(id);
            }
            active.compareAndSet(this, null);
            if (handler != null) {
                try {
                    handler.onClosed(finalReason);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "connection " + id + ": handler failed in onClosed", e);
                }
            }
        }

        /**
         * The first whole frame is in: leave the pending set and take the session slot. A car that closed and
         * reconnects at once (resume after a pause, next session) races the old connection's teardown: give that up
         * to a second before refusing. Waits on this connection's own thread; the acceptor never waits.
         */
        private void claim(String how) throws Fail {
            synchronized (pending) {
                if (!pending.remove(this)) {
                    throw new Fail(new CloseReason(CloseReason.Kind.REFUSED, "made room for a newer connection"));
                }
            }
            long until = System.nanoTime() + RECONNECT_GRACE_NANOS;
            while (!active.compareAndSet(null, this)) {
                if (System.nanoTime() - until >= 0 || stopped.get() || !isOpen()) {
                    throw new Fail(new CloseReason(CloseReason.Kind.REFUSED, "a session is already active on this connector"));
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Fail(new CloseReason(CloseReason.Kind.SERVER_STOPPED, ""));
                }
            }
            claimed = true;
            LOG.info(() -> "connection " + id + " from " + remote + ": " + how + ", session slot taken");
        }

        private boolean peerAuthenticated(SSLSession s) {
            try {
                s.getPeerCertificates();
                return true;
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                return false;
            }
        }

        /** Records the first reason and closes the socket (which also wakes a blocked read). */
        void shutdown(CloseReason reason) {
            closeReason.compareAndSet(null, reason);
            closeQuietly(socket);
            closeQuietly(raw);
        }

        /**
         * From another thread (deadline, eviction, stop): records the reason and closes only the TCP socket, which wakes
         * a blocked read or handshake; never the TLS layer, whose close may wait for the connection's own thread.
         */
        void abort(CloseReason reason) {
            closeReason.compareAndSet(null, reason);
            closeQuietly(raw);
        }

        @Override
        public InetSocketAddress remote() {
            return remote;
        }

        @Override
        public InetSocketAddress local() {
            return local;
        }

        @Override
        public Optional<SSLSession> tlsSession() {
            return socket instanceof SSLSocket s ? Optional.of(s.getSession()) : Optional.empty();
        }

        @Override
        public void send(V2gtpFrame frame) throws IOException {
            V2gtpFrameWriter w = writer;
            if (w == null || !isOpen()) {
                throw new SocketException("connection " + id + " is closed");
            }
            config.tap().frame(id, false, frame.toBytes());
            w.write(frame);
        }

        @Override
        public void close(String why) {
            shutdown(new CloseReason(CloseReason.Kind.HANDLER_CLOSED, why));
        }

        @Override
        public boolean isOpen() {
            return closeReason.get() == null && !socket.isClosed();
        }
    }

    private static final class Fail extends Exception {
        final CloseReason reason;

        Fail(CloseReason reason) {
            super(reason.toString(), null, false, false);
            this.reason = reason;
        }
    }
}
