package org.secc.app.ctl;

import org.secc.common.json.Json;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.secc.app.policy.CommandResult;

/**
 * The control socket of the running service: a Unix domain socket (mode 0660, so the service's group
 * may control it and nobody else), one request line in, one JSON reply line out, then close.
 *
 * <p>One thread multiplexes every connection (non-blocking, one selector): it reads each peer's
 * bytes into that peer's own bounded buffer, so a silent or slow peer holds up nobody (no
 * head-of-line blocking). Only a complete line goes to a small pool that calls the target; the
 * reply is written back by the selector thread. Each peer has its own deadline for its whole
 * request line. A line over {@link #MAX_LINE} bytes gets the documented error, and the rest of what
 * the peer sends is read and dropped until it closes (or its deadline), so it reads the error
 * instead of a connection reset.
 */
public final class CtlServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CtlServer.class.getName());

    public static final Path DEFAULT_SOCKET = Path.of("/run/secc/secc.sock");
    public static final int MAX_LINE = 4096;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /** Open connections at most; a new one beyond that closes the oldest that has not sent its line. */
    static final int MAX_PEERS = 128;
    /** How much of an over-long request is read and dropped before the connection is closed anyway. */
    private static final long MAX_DISCARD = 1 << 20;
    private static final int HANDLERS = 4;
    private static final int LOGGED_CHARS = 160;
    /** A Unix mode's file-type bits and the socket type (S_IFMT, S_IFSOCK). */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path path;
    private final ControlTarget target;
    private final long readTimeoutMs;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final ThreadPoolExecutor handlers;
    private final Thread loop;
    /** Replies computed by the pool, handed to the selector thread. */
    private final Queue<Peer> replies = new ConcurrentLinkedQueue<>();
    /** Open peers, oldest first (selector thread only). */
    private final LinkedHashSet<Peer> peers = new LinkedHashSet<>();
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
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(path);
            throw e;
        }
        AtomicInteger n = new AtomicInteger();
        // bounded queue: a flood of complete requests is answered "busy" instead of growing memory
        handlers = new ThreadPoolExecutor(HANDLERS, HANDLERS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(32),
                r -> daemon(r, "secc-ctl-" + n.incrementAndGet()));
        loop = daemon(this::selectLoop, "secc-ctl");
        loop.start();
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

    /** Where a peer is: reading its line, waiting for the target, writing the reply, dropping surplus input. */
    private enum Phase { READING, DISPATCHED, WRITING, DISCARDING }

    private final class Peer {
        final SocketChannel ch;
        final SelectionKey key;
        final long deadline;
        final ByteBuffer in = ByteBuffer.allocate(MAX_LINE + 1);
        Phase phase = Phase.READING;
        ByteBuffer out;
        /** After the reply: keep reading and dropping input until EOF (an over-long line), instead of closing at once. */
        boolean drainAfterReply;
        long discarded;
        volatile String reply;

        Peer(SocketChannel ch, SelectionKey key, long deadline) {
            this.ch = ch;
            this.key = key;
            this.deadline = deadline;
        }
    }

    private void selectLoop() {
        try {
            while (open) {
                long now = System.nanoTime();
                long wait = readTimeoutMs;
                for (Peer p : peers) {
                    if (p.phase != Phase.DISPATCHED) {
                        wait = Math.min(wait, Math.max(1, (p.deadline - now) / 1_000_000 + 1));
                    }
                }
                selector.select(wait);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (!k.isValid()) {
                        continue;
                    }
                    if (k.isAcceptable()) {
                        acceptAll();
                        continue;
                    }
                    Peer p = (Peer) k.attachment();
                    try {
                        if (k.isReadable()) {
                            onReadable(p);
                        }
                        if (k.isValid() && k.isWritable()) {
                            onWritable(p);
                        }
                    } catch (IOException e) {
                        LOG.log(Level.FINE, "control connection dropped", e);
                        drop(p);
                    }
                }
                for (Peer p; (p = replies.poll()) != null; ) {
                    if (peers.contains(p)) {
                        startReply(p, p.reply, false);
                    }
                }
                expire(System.nanoTime());
            }
        } catch (IOException | ClosedSelectorException e) {
            if (open) {
                LOG.log(Level.SEVERE, "control socket loop stopped", e);
            }
        }
    }

    private void acceptAll() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            if (peers.size() >= MAX_PEERS) {
                Peer oldest = null;
                for (Peer p : peers) {
                    if (p.phase == Phase.READING) {
                        oldest = p;
                        break;
                    }
                }
                if (oldest == null) {
                    ch.configureBlocking(false);
                    ch.write(StandardCharsets.UTF_8.encode(error("busy: too many control connections, try again") + "\n"));
                    ch.close();
                    continue;
                }
                Peer o = oldest;
                LOG.info(() -> "control socket: " + MAX_PEERS + " connections open; the oldest silent one is closed");
                startReply(o, error("closed to make room: " + MAX_PEERS + " control connections open"), false);
            }
            ch.configureBlocking(false);
            SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
            Peer p = new Peer(ch, key, System.nanoTime() + readTimeoutMs * 1_000_000);
            key.attach(p);
            peers.add(p);
        }
    }

    private void onReadable(Peer p) throws IOException {
        if (p.phase == Phase.DISCARDING || (p.phase == Phase.WRITING && p.drainAfterReply)) {
            ByteBuffer sink = ByteBuffer.allocate(8192);
            int n;
            while ((n = p.ch.read(sink.clear())) > 0) {
                p.discarded += n;
            }
            if (n < 0 || p.discarded > MAX_DISCARD) {
                p.drainAfterReply = false;
                if (p.phase == Phase.DISCARDING) {
                    drop(p);
                } else {
                    p.key.interestOps(SelectionKey.OP_WRITE);
                }
            }
            return;
        }
        if (p.phase != Phase.READING) {
            p.key.interestOps(p.key.interestOps() & ~SelectionKey.OP_READ);
            return;
        }
        int before = p.in.position();
        int n = p.ch.read(p.in);
        int end = -1;
        for (int i = before; i < p.in.position(); i++) {
            if (p.in.get(i) == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0 && !p.in.hasRemaining()) {
            startReply(p, logged(null, error("request longer than " + MAX_LINE + " bytes")), true);
            return;
        }
        if (end < 0 && n >= 0) {
            return; // more to come
        }
        if (end < 0) {
            if (p.in.position() == 0) {
                startReply(p, logged(null, error("no request received")), false);
                return;
            }
            end = p.in.position(); // a peer that half-closes without a newline still sent its request
        }
        String line;
        try {
            line = decode(p.in, end);
        } catch (IllegalArgumentException bad) {
            startReply(p, logged(null, error(bad.getMessage())), false);
            return;
        }
        p.phase = Phase.DISPATCHED;
        p.key.interestOps(0);
        try {
            handlers.execute(() -> {
                p.reply = logged(line, dispatch(line));
                replies.add(p);
                selector.wakeup();
            });
        } catch (RejectedExecutionException e) {
            startReply(p, logged(line, error("busy: too many control requests, try again")), false);
        }
    }

    private String logged(String line, String reply) {
        String req = line == null ? "(no valid line)" : Json.quote(head(line));
        String rep = head(reply);
        LOG.info(() -> "ctl " + req + " -> " + rep);
        return reply;
    }

    /** Queues the reply line; with {@code drain} the peer's surplus input is read and dropped meanwhile. */
    private void startReply(Peer p, String json, boolean drain) {
        p.phase = Phase.WRITING;
        p.out = StandardCharsets.UTF_8.encode(json + "\n");
        p.drainAfterReply = drain;
        if (p.key.isValid()) {
            p.key.interestOps(SelectionKey.OP_WRITE | (drain ? SelectionKey.OP_READ : 0));
        }
    }

    private void onWritable(Peer p) throws IOException {
        if (p.phase != Phase.WRITING) {
            return;
        }
        p.ch.write(p.out);
        if (p.out.hasRemaining()) {
            return;
        }
        if (p.drainAfterReply) {
            // the peer reads the error, then EOF; what it still sends is dropped until it closes
            p.ch.shutdownOutput();
            p.phase = Phase.DISCARDING;
            p.key.interestOps(SelectionKey.OP_READ);
        } else {
            drop(p);
        }
    }

    private void expire(long now) {
        List<Peer> late = new ArrayList<>();
        for (Peer p : peers) {
            if (p.phase != Phase.DISPATCHED && now - p.deadline >= 0) {
                late.add(p);
            }
        }
        for (Peer p : late) {
            if (p.phase == Phase.READING) {
                startReply(p, logged(null, error("no complete request line within " + readTimeoutMs + " ms")), false);
                try {
                    onWritable(p); // one non-blocking attempt; a peer that does not read is closed below
                } catch (IOException e) {
                    drop(p);
                    continue;
                }
            }
            if (peers.contains(p) && (p.phase == Phase.DISCARDING || now - p.deadline >= readTimeoutMs * 1_000_000)) {
                drop(p); // a peer that neither reads its reply nor stops sending: one more timeout, then closed
            }
        }
    }

    private void drop(Peer p) {
        peers.remove(p);
        p.key.cancel();
        closeQuietly(p.ch);
    }

    /** A status object or a junk line can be kilobytes and is polled often; the head is enough for the log. */
    private static String head(String s) {
        return s.length() > LOGGED_CHARS ? s.substring(0, LOGGED_CHARS) + "..." : s;
    }

    /**
     * The line's bytes up to {@code end} as UTF-8, without a trailing CR.
     *
     * @throws IllegalArgumentException naming what is wrong with the line (too long, not UTF-8)
     */
    private static String decode(ByteBuffer buf, int end) {
        if (end > MAX_LINE) {
            throw new IllegalArgumentException("request longer than " + MAX_LINE + " bytes");
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buf.duplicate().flip().limit(end)).toString();
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
            } else if (req instanceof CtlRequest.SimPilot sp) {
                return message(true, target.simPilot(sp.state()));
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
        selector.wakeup();
        try {
            loop.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Peer p : new ArrayList<>(peers)) {
            drop(p);
        }
        server.close();
        selector.close();
        handlers.shutdownNow();
        Files.deleteIfExists(path);
        LOG.info(() -> "control socket closed: " + path);
    }
}
