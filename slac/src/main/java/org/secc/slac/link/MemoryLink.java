package org.secc.slac.link;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.secc.slac.MacAddress;

/** Two ends of an in-memory cable: what one end sends, the other receives. For tests and the in-process bench. */
public final class MemoryLink implements PlcLink {
    private final MacAddress mac;
    private final BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>(4096);
    private MemoryLink peer;
    private volatile boolean closed;

    private MemoryLink(MacAddress mac) {
        this.mac = mac;
    }

    /** A connected pair. */
    public static MemoryLink[] pair(MacAddress a, MacAddress b) {
        MemoryLink x = new MemoryLink(a);
        MemoryLink y = new MemoryLink(b);
        x.peer = y;
        y.peer = x;
        return new MemoryLink[] {x, y};
    }

    @Override
    public MacAddress mac() {
        return mac;
    }

    @Override
    public void send(byte[] frame) throws IOException {
        if (closed) {
            throw new IOException("link closed");
        }
        if (!peer.closed) {
            peer.inbox.offer(frame.clone()); // a full queue drops, as a congested line would
        }
    }

    @Override
    public byte[] receive(long timeoutMillis) throws IOException {
        if (closed) {
            throw new IOException("link closed");
        }
        try {
            return inbox.poll(Math.max(0, timeoutMillis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
