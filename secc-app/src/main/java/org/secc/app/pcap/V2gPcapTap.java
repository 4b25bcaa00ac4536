package org.secc.app.pcap;

import org.secc.transport.pcap.PcapWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.secc.app.v2g.TrafficTap;

/**
 * Records V2GTP connections as TCP streams in a pcap: a synthesized three-way handshake on open,
 * one PSH/ACK segment per frame (split at {@link #MSS}), FIN exchange on close. Sequence numbers
 * are consistent so Wireshark reassembles the V2GTP messages. Plaintext even for TLS connections
 * (the tap sits above TLS). A write error disables the tap with one log line; it never breaks the session.
 */
public final class V2gPcapTap implements TrafficTap, org.secc.app.sdp.SdpServer.UdpTap {
    private static final Logger LOG = Logger.getLogger(V2gPcapTap.class.getName());
    public static final int MSS = 1400;

    private final PcapWriter pcap;
    private final Map<Long, Stream> streams = new ConcurrentHashMap<>();
    private volatile boolean failed;

    public V2gPcapTap(PcapWriter pcap) {
        this.pcap = pcap;
    }

    private static final class Stream {
        final InetSocketAddress client;
        final InetSocketAddress server;
        long clientSeq = 1000;
        long serverSeq = 5000;

        Stream(InetSocketAddress client, InetSocketAddress server) {
            this.client = client;
            this.server = server;
        }
    }

    @Override
    public void opened(long id, InetSocketAddress client, InetSocketAddress server) {
        Stream s = new Stream(client, server);
        streams.put(id, s);
        guard(() -> {
            synchronized (s) {
                seg(s, true, PcapWriter.TCP_SYN, 0, new byte[0], 0, 0);
                s.clientSeq++;
                seg(s, false, PcapWriter.TCP_SYN | PcapWriter.TCP_ACK, s.clientSeq, new byte[0], 0, 0);
                s.serverSeq++;
                seg(s, true, PcapWriter.TCP_ACK, s.serverSeq, new byte[0], 0, 0);
            }
        });
    }

    @Override
    public void frame(long id, boolean fromClient, byte[] b) {
        Stream s = streams.get(id);
        if (s == null) {
            return;
        }
        guard(() -> {
            synchronized (s) {
                for (int off = 0; off < b.length; off += MSS) {
                    int len = Math.min(MSS, b.length - off);
                    seg(s, fromClient, PcapWriter.TCP_PSH | PcapWriter.TCP_ACK, fromClient ? s.serverSeq : s.clientSeq, b, off, len);
                    if (fromClient) {
                        s.clientSeq += len;
                    } else {
                        s.serverSeq += len;
                    }
                }
            }
        });
    }

    @Override
    public void closed(long id) {
        Stream s = streams.remove(id);
        if (s == null) {
            return;
        }
        guard(() -> {
            synchronized (s) {
                seg(s, false, PcapWriter.TCP_FIN | PcapWriter.TCP_ACK, s.clientSeq, new byte[0], 0, 0);
                s.serverSeq++;
                seg(s, true, PcapWriter.TCP_FIN | PcapWriter.TCP_ACK, s.serverSeq, new byte[0], 0, 0);
                s.clientSeq++;
                seg(s, false, PcapWriter.TCP_ACK, s.clientSeq, new byte[0], 0, 0);
            }
        });
    }

    /** SDP datagrams as UDP packets ({@code SdpServer.withTap(tap)}). */
    @Override
    public void datagram(InetSocketAddress src, InetSocketAddress dst, byte[] bytes) {
        guard(() -> pcap.writeUdp(src.getAddress(), src.getPort(), dst.getAddress(), dst.getPort(), bytes));
    }

    private void seg(Stream s, boolean fromClient, int flags, long ack, byte[] b, int off, int len) throws IOException {
        InetSocketAddress src = fromClient ? s.client : s.server;
        InetSocketAddress dst = fromClient ? s.server : s.client;
        pcap.writeTcp(src.getAddress(), src.getPort(), dst.getAddress(), dst.getPort(),
                fromClient ? s.clientSeq : s.serverSeq, (flags & PcapWriter.TCP_ACK) != 0 ? ack : 0, flags, b, off, len);
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
}
