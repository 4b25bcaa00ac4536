package org.secc.app.sdp;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.secc.transport.v2gtp.SdpRequest;
import org.secc.transport.v2gtp.SdpResponse;
import org.secc.transport.v2gtp.V2gtpException;

/**
 * SDP server: UDP port 15118 on IPv6, member of ff02::1 on the configured interface, answering each
 * valid request at once by unicast to its source. Malformed requests are logged (one line) and not
 * answered. One thread.
 */
public final class SdpServer implements Closeable {
    private static final Logger LOG = Logger.getLogger(SdpServer.class.getName());
    public static final int SDP_PORT = 15118;
    public static final String ALL_NODES = "ff02::1";

    private final MulticastSocket socket;
    private final Supplier<SdpOffer> offer;
    private final Thread thread;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean stopped;
    private volatile UdpTap tap = (src, dst, bytes) -> { };

    /** Sees every SDP datagram (pcap). The request's destination is reported as the announced address. */
    @FunctionalInterface
    public interface UdpTap {
        void datagram(InetSocketAddress src, InetSocketAddress dst, byte[] bytes);
    }

    /** Installs a traffic observer; returns this. */
    public SdpServer withTap(UdpTap t) {
        this.tap = t;
        return this;
    }

    private SdpServer(MulticastSocket socket, Supplier<SdpOffer> offer) {
        this.socket = socket;
        this.offer = offer;
        this.thread = new Thread(this::loop, "sdp-" + socket.getLocalPort());
        thread.setDaemon(true);
    }

    /**
     * Starts on a real interface: binds {@code [::]:port}, joins ff02::1 on {@code iface}. The offer
     * supplier is asked for every request, so it reflects which servers are up at that moment.
     */
    public static SdpServer start(NetworkInterface iface, int port, Supplier<SdpOffer> offer) throws IOException {
        MulticastSocket s = new MulticastSocket(null);
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName("::"), port));
            if (iface.supportsMulticast()) {
                s.joinGroup(new InetSocketAddress(InetAddress.getByName(ALL_NODES), 0), iface);
                s.setNetworkInterface(iface);
            } else {
                LOG.warning(() -> iface.getName() + " has no multicast; SDP answers unicast requests only");
            }
        } catch (IOException e) {
            s.close();
            throw e;
        }
        SdpServer srv = new SdpServer(s, offer);
        srv.thread.start();
        LOG.info(() -> "SDP server on " + iface.getName() + " port " + s.getLocalPort());
        return srv;
    }

    /** Starts bound to one address (tests: {@code ::1} with port 0), no multicast membership. */
    public static SdpServer startUnicast(InetSocketAddress bind, Supplier<SdpOffer> offer) throws IOException {
        MulticastSocket s = new MulticastSocket(null);
        try {
            s.bind(bind);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        SdpServer srv = new SdpServer(s, offer);
        srv.thread.start();
        LOG.info(() -> "SDP server on " + s.getLocalSocketAddress());
        return srv;
    }

    /** The link-local IPv6 address of an interface (the address SDP announces, facts 2.3). */
    public static Optional<Inet6Address> linkLocalAddress(NetworkInterface iface) {
        for (InetAddress a : Collections.list(iface.getInetAddresses())) {
            if (a instanceof Inet6Address a6 && a6.isLinkLocalAddress()) {
                return Optional.of(a6);
            }
        }
        return Optional.empty();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public long answeredCount() {
        return answered.get();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    private void loop() {
        byte[] buf = new byte[1500];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!stopped) {
            p.setLength(buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                if (!stopped) {
                    LOG.log(Level.WARNING, "SDP receive failed; server stops", e);
                }
                return;
            }
            InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
            SdpRequest req;
            try {
                req = SdpRequest.decode(buf, p.getLength());
            } catch (V2gtpException e) {
                rejected.incrementAndGet();
                LOG.warning("malformed SDP request from " + from + " (" + p.getLength() + " bytes): " + e.getMessage());
                continue;
            }
            SdpOffer o = offer.get();
            InetSocketAddress self = new InetSocketAddress(o.address(), socket.getLocalPort());
            tap.datagram(from, self, java.util.Arrays.copyOf(buf, p.getLength()));
            Optional<SdpResponse> res = SdpResponder.answer(req, o);
            if (res.isEmpty()) {
                LOG.warning(() -> "SDP request from " + from + " (" + req.security() + ") not answered: no V2G server is up");
                continue;
            }
            byte[] out = res.get().toFrameBytes();
            try {
                tap.datagram(self, from, out); // recorded before sending, so the capture is in wire order
                socket.send(new DatagramPacket(out, out.length, from));
                answered.incrementAndGet();
                LOG.fine(() -> "SDP " + req + " from " + from + " -> " + res.get());
            } catch (IOException e) {
                LOG.warning("SDP response to " + from + " failed: " + e);
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
