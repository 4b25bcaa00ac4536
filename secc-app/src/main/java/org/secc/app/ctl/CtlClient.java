package org.secc.app.ctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.secc.common.json.Json;

/** The client side of the control socket: one line out, one reply line back, within a deadline. */
public final class CtlClient {
    /** A status reply can be large, but a runaway peer must not fill the CLI's memory. */
    static final int MAX_REPLY = 1 << 20;

    private CtlClient() {
    }

    /**
     * Sends {@code line} and returns the reply line (without the newline).
     *
     * @throws java.net.SocketException when nothing listens on {@code socket} (or access is denied)
     * @throws IOException when no complete reply arrives within {@code timeout}
     */
    public static String send(Path socket, String line, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector sel = Selector.open()) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = StandardCharsets.UTF_8.encode(line + "\n");
            while (out.hasRemaining()) {
                ch.write(out); // a request fits the socket buffer; blocking here is fine
            }
            ch.configureBlocking(false);
            ch.register(sel, SelectionKey.OP_READ);
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new IOException("no reply from " + socket + " within " + timeout.toMillis() + " ms");
                }
                sel.select(left);
                sel.selectedKeys().clear();
                int n = ch.read(buf.clear());
                if (n > 0) {
                    reply.write(buf.array(), 0, n);
                    if (reply.size() > MAX_REPLY) {
                        throw new IOException("reply from " + socket + " longer than " + MAX_REPLY + " bytes");
                    }
                }
                String s = reply.toString(StandardCharsets.UTF_8);
                int nl = s.indexOf('\n');
                if (nl >= 0) {
                    return s.substring(0, nl);
                }
                if (n < 0) {
                    if (s.isEmpty()) {
                        throw new IOException("the service closed the connection without a reply");
                    }
                    return s;
                }
            }
        }
    }

    /** Whether the reply is a JSON object whose {@code ok} member is {@code true}; anything else (not JSON, no ok) is a failure. */
    public static boolean isOk(String reply) {
        try {
            return Json.parse(reply) instanceof java.util.Map<?, ?> m && Boolean.TRUE.equals(m.get("ok"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
