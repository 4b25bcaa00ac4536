package org.secc.app.ctl;

import org.secc.common.json.Json;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.secc.app.policy.CommandResult;

/**
 * The control socket of the running service: a Unix domain socket (mode 0660, so the service's group
 * may control it and nobody else), one request line in, one JSON reply line out, then close.
 *
 * <p>One daemon thread accepts; a small pool handles connections so a slow target call or a silent
 * peer never holds up the accept loop. A peer that sends no complete line within the read timeout gets
 * an error reply: a watchdog shuts the connection's input, which wakes the blocked read with EOF.
 */
public final class CtlServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CtlServer.class.getName());

    public static final Path DEFAULT_SOCKET = Path.of("/run/secc/secc.sock");
    public static final int MAX_LINE = 4096;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final int HANDLERS = 4;
    private static final int LOGGED_CHARS = 160;
    /** A Unix mode's file-type bits and the socket type (S_IFMT, S_IFSOCK). */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path path;
    private final ControlTarget target;
    private final long readTimeoutMs;
    private final ServerSocketChannel server;
    private final ThreadPoolExecutor handlers;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Thread acceptor;
    private volatile boolean open = true;

    private CtlServer(Path path, ControlTarget target, Duration readTimeout) throws IOException {
        this.path = path;
        this.target = target;
        this.readTimeoutMs = readTimeout.toMillis();
        removeStaleSocket(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(path);
            throw e;
        }
        AtomicInteger n = new AtomicInteger();
        // bounded queue: a flood of connections is refused with a reply instead of growing memory
        handlers = new ThreadPoolExecutor(HANDLERS, HANDLERS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(32),
                r -> daemon(r, "secc-ctl-" + n.incrementAndGet()));
        watchdog = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "secc-ctl-timeout"));
        watchdog.setRemoveOnCancelPolicy(true);
        acceptor = daemon(this::acceptLoop, "secc-ctl-accept");
        acceptor.start();
        LOG.info(() -> "control socket listening on " + path);
    }

    /** Listens on {@code path} with the standard 2 s read timeout. */
    public static CtlServer start(Path path, ControlTarget target) throws IOException {
        return start(path, target, READ_TIMEOUT);
    }

    static CtlServer start(Path path, ControlTarget target, Duration readTimeout) throws IOException {
        return new CtlServer(path, target, readTimeout);
    }

    public Path path() {
        return path;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * A socket file left by a crashed service would make bind fail. Only a socket is removed, and only
     * when nothing answers on it: a second instance must not steal a live service's socket.
     */
    private static void removeStaleSocket(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException(path + " exists and is not a socket; refusing to replace it");
        }
        boolean live;
        try {
            SocketChannel.open(UnixDomainSocketAddress.of(path)).close();
            live = true;
        } catch (IOException refused) {
            live = false;
        }
        if (live) {
            throw new IOException("another service is already listening on " + path);
        }
        Files.delete(path);
        LOG.info(() -> "removed stale control socket " + path);
    }

    private void acceptLoop() {
        while (open) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "control socket accept failed", e);
                // e.g. out of file descriptors: pause instead of spinning on the same error
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            try {
                handlers.execute(() -> handle(ch));
            } catch (RejectedExecutionException e) {
                reply(ch, error("busy: too many control connections, try again"));
                closeQuietly(ch);
            }
        }
    }

    private void handle(SocketChannel ch) {
        try (ch) {
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> timer = watchdog.schedule(() -> {
                timedOut.set(true);
                try {
                    ch.shutdownInput();
                } catch (IOException ignored) {
                    // already closed: nothing left to wake
                }
            }, readTimeoutMs, TimeUnit.MILLISECONDS);
            String line = null;
            String reply = null;
            try {
                line = readLine(ch, timedOut);
            } catch (IllegalArgumentException bad) {
                reply = error(bad.getMessage());
            } finally {
                timer.cancel(false); // the timeout is for the peer; a slow target call is not cut short
            }
            if (line != null) {
                reply = dispatch(line);
            }
            String req = line == null ? "(no valid line)" : Json.quote(head(line));
            String rep = head(reply);
            LOG.info(() -> "ctl " + req + " -> " + rep);
            reply(ch, reply);
        } catch (IOException e) {
            LOG.log(Level.FINE, "control connection dropped", e);
        }
    }

    /** A status object or a junk line can be kilobytes and is polled often; the head is enough for the log. */
    private static String head(String s) {
        return s.length() > LOGGED_CHARS ? s.substring(0, LOGGED_CHARS) + "..." : s;
    }

    /**
     * Reads up to the first newline (or EOF) into a fixed buffer: at most {@link #MAX_LINE} + 1 bytes are
     * ever held, whatever the peer sends.
     *
     * @throws IllegalArgumentException naming what is wrong with the line (too long, not UTF-8, none)
     */
    private String readLine(SocketChannel ch, AtomicBoolean timedOut) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(MAX_LINE + 1);
        int end = -1;
        while (end < 0 && buf.hasRemaining()) {
            int before = buf.position();
            if (ch.read(buf) < 0) {
                break;
            }
            for (int i = before; i < buf.position(); i++) {
                if (buf.get(i) == '\n') {
                    end = i;
                    break;
                }
            }
        }
        if (end < 0) {
            if (buf.position() > MAX_LINE) {
                throw new IllegalArgumentException("request longer than " + MAX_LINE + " bytes");
            }
            if (timedOut.get()) {
                throw new IllegalArgumentException("no complete request line within " + readTimeoutMs + " ms");
            }
            if (buf.position() == 0) {
                throw new IllegalArgumentException("no request received");
            }
            end = buf.position(); // a peer that half-closes without a newline still sent its request
        }
        if (end > MAX_LINE) {
            throw new IllegalArgumentException("request longer than " + MAX_LINE + " bytes");
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buf.flip().limit(end)).toString();
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("request is not valid UTF-8");
        }
    }

    /** Parses and executes one request line; never throws, every failure is an error reply. */
    String dispatch(String line) {
        CtlRequest req;
        try {
            req = CtlRequest.parse(line);
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        try {
            if (req instanceof CtlRequest.Status) {
                return status();
            } else if (req instanceof CtlRequest.Reload) {
                return message(true, target.reload());
            } else if (req instanceof CtlRequest.ClearTrip) {
                return message(true, target.clearTrip());
            } else if (req instanceof CtlRequest.Heartbeat) {
                target.heartbeat();
                return message(true, "heartbeat received");
            } else if (req instanceof CtlRequest.Authorize a) {
                return message(true, target.authorize(a.accepted()));
            } else {
                CommandResult r = target.command(((CtlRequest.Command) req).command());
                return Json.object().put("ok", r.accepted()).put("id", r.id())
                        .put("duplicate", r.duplicate()).put("message", r.message()).toString();
            }
        } catch (RuntimeException e) {
            // the target's failure convention: the exception message is what the operator needs to read
            LOG.log(Level.FINE, "control request failed", e);
            return message(false, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private String status() {
        String s = target.statusJson();
        // raw line breaks can only be whitespace between tokens in valid JSON; folding keeps one reply line
        String folded = s == null ? "" : s.replace('\r', ' ').replace('\n', ' ').strip();
        if (!folded.startsWith("{") || !folded.endsWith("}")) {
            return error("service status is not a JSON object");
        }
        return Json.object().put("ok", true).putRaw("status", folded).toString();
    }

    private static String message(boolean ok, String message) {
        return Json.object().put("ok", ok).put("message", message).toString();
    }

    static String error(String message) {
        return Json.object().put("ok", false).put("error", message).toString();
    }

    private static void reply(SocketChannel ch, String json) {
        ByteBuffer out = StandardCharsets.UTF_8.encode(json + "\n");
        try {
            while (out.hasRemaining()) {
                ch.write(out);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "control reply not delivered", e);
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a connection we are abandoning
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        handlers.shutdownNow();
        watchdog.shutdownNow();
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(path);
        LOG.info(() -> "control socket closed: " + path);
    }
}
