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
import java.util.concurrent.locks.LockSupport;
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
 * V2GTP server of one connector over TCP or TLS 1.3. Exactly one thread at a time waits in {@code accept}
 * and for nothing else; each accepted connection is served by the thread that accepted it (a successor,
 * started ahead, accepts the next: {@link Acceptor}) and is <em>pending</em> until its
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
    /** The thread in {@code accept} now; it serves what it accepts (see {@link Acceptor}). */
    private volatile Acceptor acceptor;
    private final ScheduledThreadPoolExecutor deadlines;
    /** Accepted, not yet past the first frame; oldest first. Guarded by itself. */
    private final Deque<Conn> pending = new ArrayDeque<>();
    private final AtomicReference<Conn> active = new AtomicReference<>();
    /** Notified whenever {@link #active} is released: a connection waiting for the slot wakes at once, not at its next poll. */
    private final Object slotFreed = new Object();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final FrameTimings timings = new FrameTimings();

    private V2gServer(V2gServerConfig config, V2gConnectionHandler.Factory factory) throws IOException {
        this.config = config;
        this.factory = factory;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(config.bind(), config.backlog());
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
        Acceptor first = s.new Acceptor();
        s.acceptor = first;
        first.go();
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
    /** How often a connection waiting for the slot looks at the server's stop and its own close (release wakes it at once). */
    static final long SLOT_RECHECK_MS = 50;

    /**
     * One thread per connection, and the thread that accepts a connection serves it: a new EV's first request
     * waits for no thread start and no second wake-up. Each acceptor is started ahead, parked, by the one before
     * it (off anyone's path); when it is let go it starts its own successor and calls {@code accept}; once it has
     * a connection it does the bookkeeping (pending bound, first deadline), lets its successor go and serves the
     * connection. So exactly one thread accepts at any time and it never waits for anything but {@code accept}.
     */
    private final class Acceptor implements Runnable {
        private final Thread thread;
        private volatile boolean go;
        /** Its successor, once it accepts (read by {@link V2gServer#close}). */
        private volatile Acceptor next;

        Acceptor() {
            thread = new Thread(this, "v2g-accept-next-" + listener.getLocalPort());
            thread.setDaemon(true);
            thread.start();
        }

        /** Lets it accept (never blocks). */
        void go() {
            go = true;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            while (!go) {
                if (stopped.get() || Thread.interrupted()) {
                    return; // the server stops (or its accept failed)
                }
                LockSupport.parkNanos(this, 1_000_000_000L);
            }
            if (stopped.get()) {
                return;
            }
            thread.setName("v2g-accept-" + listener.getLocalPort());
            next = new Acceptor(); // parked until this one has a connection
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!stopped.get()) {
                    LOG.log(Level.WARNING, "accept failed; server stops", e);
                }
                next.thread.interrupt();
                return;
            }
            Conn c = admit(s, System.nanoTime());
            acceptor = next;
            next.go();
            thread.setName("v2g-conn-" + c.id);
            c.run();
        }
    }

    /** A new connection: into the pending set (the oldest evicted at the bound), its first deadline armed. */
    private Conn admit(Socket s, long acceptedNanos) {
        Conn c = new Conn(ids.incrementAndGet(), s, acceptedNanos);
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
        return c;
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
            Acceptor a = acceptor;
            a.thread.join(2000);
            Acceptor n = a.next;
            if (n != null) {
                LockSupport.unpark(n.thread); // it sees the stop and ends
                n.thread.join(2000);
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
                    logClaim();
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
            // The slot is free before the log line: an EV reconnecting at once (the next car, a resume) must
            // not wait for this connection's logging (secc-app/README-bench.md, response times).
            releaseSlot();
            logClaim(); // a connection that took the slot and closed before its first answer still says so
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
            synchronized (slotFreed) {
                while (!active.compareAndSet(null, this)) {
                    long left = until - System.nanoTime();
                    if (left <= 0 || stopped.get() || !isOpen()) {
                        throw new Fail(new CloseReason(CloseReason.Kind.REFUSED, "a session is already active on this connector"));
                    }
                    try {
                        // woken by releaseSlot(); the bound only lets a stop or this connection's own close be seen
                        slotFreed.wait(Math.max(1, Math.min(SLOT_RECHECK_MS, left / 1_000_000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new Fail(new CloseReason(CloseReason.Kind.SERVER_STOPPED, ""));
                    }
                }
            }
            claimed = true;
            claimedHow = how;
        }

        /** What {@link #claim} took the slot with, logged once the first answer is on the wire (it is not the EV's time). */
        private String claimedHow;

        private void logClaim() {
            String how = claimedHow;
            if (how != null) {
                claimedHow = null;
                LOG.info(() -> "connection " + id + " from " + remote + ": " + how + ", session slot taken");
            }
        }

        private void releaseSlot() {
            if (active.compareAndSet(this, null)) {
                synchronized (slotFreed) {
                    slotFreed.notifyAll();
                }
            }
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
