package org.secc.ev.conformance.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.secc.ev.conformance.WireTap;
import org.secc.transport.pcap.PcapWriter;

/**
 * A case's connections as TCP streams in one pcap (Ethernet/IPv6/TCP with consistent sequence numbers,
 * so Wireshark reassembles the V2GTP frames): handshake on open, the bytes each way, FIN on close.
 * Under TLS it holds the plaintext the suite sent and read. A write error disables it with one log line.
 */
public final class PcapTap implements WireTap, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PcapTap.class.getName());
    static final int MSS = 1400;

    private final PcapWriter pcap;
    private final InetSocketAddress server;
    private final InetAddress client;
    private final Map<Integer, long[]> seqs = new HashMap<>();
    private boolean failed;

    private PcapTap(PcapWriter pcap, InetSocketAddress server) {
        this.pcap = pcap;
        this.server = server;
        this.client = server.getAddress() != null && server.getAddress().isLoopbackAddress() ? server.getAddress() : loopback();
    }

    private static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    /** A tap writing to {@code file}; {@link WireTap#NONE} when the file cannot be created. */
    public static WireTap open(Path file, InetSocketAddress server) {
        try {
            return new PcapTap(new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)), Clock.systemUTC()), server);
        } catch (IOException e) {
            LOG.warning("no pcap for " + file + ": " + e.getMessage());
            return WireTap.NONE;
        }
    }

    private int clientPort(int connection) {
        return 49_151 + connection;
    }

    @Override
    public void opened(int connection) {
        long[] s = {1000, 5000};
        seqs.put(connection, s);
        guard(() -> {
            seg(connection, true, PcapWriter.TCP_SYN, 0, new byte[0], 0, 0);
            s[0]++;
            seg(connection, false, PcapWriter.TCP_SYN | PcapWriter.TCP_ACK, s[0], new byte[0], 0, 0);
            s[1]++;
            seg(connection, true, PcapWriter.TCP_ACK, s[1], new byte[0], 0, 0);
        });
    }

    @Override
    public void sent(int connection, byte[] bytes) {
        data(connection, true, bytes);
    }

    @Override
    public void received(int connection, byte[] bytes) {
        data(connection, false, bytes);
    }

    private void data(int connection, boolean fromClient, byte[] b) {
        long[] s = seqs.get(connection);
        if (s == null) {
            return;
        }
        guard(() -> {
            for (int off = 0; off < b.length; off += MSS) {
                int len = Math.min(MSS, b.length - off);
                seg(connection, fromClient, PcapWriter.TCP_PSH | PcapWriter.TCP_ACK, fromClient ? s[1] : s[0], b, off, len);
                s[fromClient ? 0 : 1] += len;
            }
        });
    }

    @Override
    public void closed(int connection, boolean byCharger) {
        long[] s = seqs.get(connection);
        if (s == null) {
            return;
        }
        guard(() -> {
            boolean first = !byCharger;
            seg(connection, first, PcapWriter.TCP_FIN | PcapWriter.TCP_ACK, first ? s[1] : s[0], new byte[0], 0, 0);
            s[first ? 0 : 1]++;
            seg(connection, !first, PcapWriter.TCP_FIN | PcapWriter.TCP_ACK, first ? s[0] : s[1], new byte[0], 0, 0);
            s[first ? 1 : 0]++;
            seg(connection, first, PcapWriter.TCP_ACK, first ? s[1] : s[0], new byte[0], 0, 0);
        });
        seqs.remove(connection);
    }

    private void seg(int connection, boolean fromClient, int flags, long ack, byte[] b, int off, int len) throws IOException {
        long[] s = seqs.getOrDefault(connection, new long[] {0, 0});
        InetAddress src = fromClient ? client : server.getAddress();
        InetAddress dst = fromClient ? server.getAddress() : client;
        int sp = fromClient ? clientPort(connection) : server.getPort();
        int dp = fromClient ? server.getPort() : clientPort(connection);
        pcap.writeTcp(src, sp, dst, dp, fromClient ? s[0] : s[1], (flags & PcapWriter.TCP_ACK) != 0 ? ack : 0, flags, b, off, len);
    }

    private interface Io {
        void run() throws IOException;
    }

    private void guard(Io io) {
        if (failed) {
            return;
        }
        try {
            io.run();
        } catch (IOException e) {
            failed = true;
            LOG.warning("pcap output disabled after a write error: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        pcap.close();
    }
}
