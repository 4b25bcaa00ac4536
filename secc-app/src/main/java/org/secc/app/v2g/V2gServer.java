package org.secc.app.v2g;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.secc.transport.tls.Tls;
import org.secc.transport.v2gtp.V2gtpCodec;
import org.secc.transport.v2gtp.V2gtpException;
import org.secc.transport.v2gtp.V2gtpFrame;
import org.secc.transport.v2gtp.V2gtpFrameReader;
import org.secc.transport.v2gtp.V2gtpFrameWriter;

/**
 * V2GTP server of one connector over TCP or TLS 1.3: one acceptor thread and one thread for the
 * active connection. A second connection while one is active is closed at once with a log line
 * (one session per connector). Any bad frame closes only its own connection; the server keeps
 * accepting.
 */
public final class V2gServer implements Closeable {
    private static final Logger LOG = Logger.getLogger(V2gServer.class.getName());

    private final V2gServerConfig config;
    private final V2gConnectionHandler.Factory factory;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final AtomicReference<Conn> active = new AtomicReference<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private V2gServer(V2gServerConfig config, V2gConnectionHandler.Factory factory) throws IOException {
        this.config = config;
        this.factory = factory;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(config.bind(), 4);
        this.acceptor = new Thread(this::acceptLoop, "v2g-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
    }

    /** Binds and starts accepting. */
    public static V2gServer start(V2gServerConfig config, V2gConnectionHandler.Factory factory) throws IOException {
        V2gServer s = new V2gServer(config, factory);
        s.acceptor.start();
        LOG.info(() -> "V2GTP " + (config.isTls() ? "TLS" : "TCP") + " server listening on "
                + s.listener.getLocalSocketAddress());
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

    /** True while a connection is being served. */
    public boolean hasActiveConnection() {
        return active.get() != null;
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
            Conn c = new Conn(ids.incrementAndGet(), s);
            // A car that closed and reconnects at once (resume after a pause, next session) races the old
            // connection's teardown: give that up to a second before refusing.
            long until = System.nanoTime() + RECONNECT_GRACE_NANOS;
            while (active.get() != null && System.nanoTime() - until < 0 && !stopped.get()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!active.compareAndSet(null, c)) {
                LOG.warning(() -> "refused connection from " + s.getRemoteSocketAddress()
                        + ": a session is already active on this connector");
                closeQuietly(s);
                continue;
            }
            Thread t = new Thread(c::run, "v2g-conn-" + c.id);
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(listener);
        Conn c = active.get();
        if (c != null) {
            c.shutdown(new CloseReason(CloseReason.Kind.SERVER_STOPPED, ""));
        }
        try {
            acceptor.join(2000);
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

    private final class Conn implements V2gConnection {
        final long id;
        final Socket raw;
        volatile Socket socket;
        volatile V2gtpFrameWriter writer;
        final AtomicReference<CloseReason> closeReason = new AtomicReference<>();
        final InetSocketAddress remote;
        final InetSocketAddress local;

        Conn(long id, Socket raw) {
            this.id = id;
            this.raw = raw;
            this.socket = raw;
            this.remote = (InetSocketAddress) raw.getRemoteSocketAddress();
            this.local = (InetSocketAddress) raw.getLocalSocketAddress();
        }

        void run() {
            V2gConnectionHandler handler = null;
            CloseReason reason;
            try {
                raw.setTcpNoDelay(true);
                V2gtpCodec codec = new V2gtpCodec(config.maxPayload());
                if (config.isTls()) {
                    raw.setSoTimeout((int) config.handshakeTimeout().toMillis());
                    SSLSocket ssl = (SSLSocket) config.tls().getSocketFactory().createSocket(raw, null, raw.getPort(), true);
                    ((javax.net.ssl.SSLSocket) ssl).setUseClientMode(false);
                    Tls.configure(ssl, config.profile(), true, config.clientAuth());
                    try {
                        ssl.startHandshake();
                    } catch (IOException e) {
                        throw new Fail(new CloseReason(CloseReason.Kind.HANDSHAKE_FAILED, String.valueOf(e.getMessage())));
                    }
                    socket = ssl;
                    SSLSession sess = ssl.getSession();
                    LOG.info(() -> "connection " + id + " from " + remote + ": " + sess.getProtocol() + " "
                            + sess.getCipherSuite() + (peerAuthenticated(sess) ? ", client certificate" : ", no client certificate"));
                } else {
                    LOG.info(() -> "connection " + id + " from " + remote + ": TCP");
                }
                socket.setSoTimeout((int) config.readTimeout().toMillis());
                V2gtpFrameReader reader = new V2gtpFrameReader(socket.getInputStream(), codec);
                writer = new V2gtpFrameWriter(socket.getOutputStream(), codec);
                config.tap().opened(id, remote, local);
                handler = factory.open(this);
                while (true) {
                    V2gtpFrame in;
                    try {
                        in = reader.read();
                    } catch (V2gtpException e) {
                        throw new Fail(e.reason() == V2gtpException.Reason.END_OF_STREAM
                                ? new CloseReason(CloseReason.Kind.PEER_CLOSED, "")
                                : new CloseReason(CloseReason.Kind.BAD_FRAME, e.getMessage()));
                    } catch (SocketTimeoutException e) {
                        throw new Fail(new CloseReason(CloseReason.Kind.READ_TIMEOUT,
                                "no frame within " + config.readTimeout().toMillis() + " ms"));
                    }
                    config.tap().frame(id, true, in.toBytes());
                    List<V2gtpFrame> out;
                    try {
                        out = handler.onFrame(in);
                    } catch (RuntimeException e) {
                        LOG.log(Level.SEVERE, "connection " + id + ": handler failed", e);
                        throw new Fail(new CloseReason(CloseReason.Kind.HANDLER_FAILED, e.toString()));
                    }
                    for (V2gtpFrame f : out) {
                        send(f);
                    }
                }
            } catch (Fail f) {
                reason = f.reason;
            } catch (IOException e) {
                reason = new CloseReason(CloseReason.Kind.IO_ERROR, String.valueOf(e.getMessage()));
            }
            shutdown(reason);
            CloseReason finalReason = closeReason.get();
            if (finalReason.kind() == CloseReason.Kind.BAD_FRAME || finalReason.kind() == CloseReason.Kind.HANDSHAKE_FAILED
                    || finalReason.kind() == CloseReason.Kind.READ_TIMEOUT || finalReason.kind() == CloseReason.Kind.IO_ERROR) {
                LOG.warning(() -> "connection " + id + " from " + remote + " closed: " + finalReason);
            } else {
                LOG.info(() -> "connection " + id + " from " + remote + " closed: " + finalReason);
            }
            config.tap().closed(id);
            active.compareAndSet(this, null);
            if (handler != null) {
                try {
                    handler.onClosed(finalReason);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "connection " + id + ": handler failed in onClosed", e);
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
