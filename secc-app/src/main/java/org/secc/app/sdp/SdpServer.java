package org.secc.app.sdp;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
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
    private final int port; // kept: a closed socket reports -1, and an answer in flight must not trip on it
    private final NetworkInterface iface; // null when bound to one address (startUnicast)
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

    private SdpServer(MulticastSocket socket, NetworkInterface iface, Supplier<SdpOffer> offer) {
        this.socket = socket;
        this.port = socket.getLocalPort();
        this.iface = iface;
        this.offer = offer;
        this.thread = new Thread(this::loop, "sdp-" + port);
        thread.setDaemon(true);
    }

    /**
     * Starts on a real interface: binds {@code [::]:port}, joins ff02::1 on {@code iface}. The offer
     * supplier is asked for every request, so it reflects which servers are up at that moment.
     */
    public static SdpServer start(NetworkInterface iface, int port, Supplier<SdpOffer> offer) throws IOException {
        return start(iface, port, offer, MulticastSocket::setNetworkInterface);
    }

    /** Sets a socket's outgoing multicast interface (IPV6_MULTICAST_IF); a parameter so a test can refuse it. */
    @FunctionalInterface
    interface MulticastInterfaceOption {
        void set(MulticastSocket socket, NetworkInterface iface) throws IOException;
    }

    /**
     * As {@link #start(NetworkInterface, int, Supplier)}, with the outgoing multicast interface set by
     * {@code multicastIf}. SDP needs only the membership: requests arrive on ff02::1 of {@code iface}
     * and every answer is unicast to the requester's link-local address, scoped to the interface it
     * came from (secc-app/README-network.md, "Ports and discovery": answered by unicast to the request's
     * source address and port), so a kernel or an
     * emulator that refuses IPV6_MULTICAST_IF (qemu user-mode 7.2: "Protocol not available") costs
     * nothing but one log line; SDP serves on.
     */
    static SdpServer start(NetworkInterface iface, int port, Supplier<SdpOffer> offer, MulticastInterfaceOption multicastIf)
            throws IOException {
        MulticastSocket s = new MulticastSocket(null);
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName("::"), port));
            if (iface.supportsMulticast()) {
                s.joinGroup(new InetSocketAddress(InetAddress.getByName(ALL_NODES), 0), iface);
                try {
                    multicastIf.set(s, iface);
                } catch (SocketException e) {
                    LOG.warning(() -> "SDP on " + iface.getName() + ": the outgoing multicast interface cannot be set ("
                            + e.getMessage() + "); SDP serves on: requests arrive on " + ALL_NODES
                            + ", answers go by unicast to the requester's link-local address");
                }
            } else {
                LOG.warning(() -> iface.getName() + " has no multicast; SDP answers unicast requests only");
            }
        } catch (IOException e) {
            s.close();
            throw e;
        }
        SdpServer srv = new SdpServer(s, iface, offer);
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
        SdpServer srv = new SdpServer(s, null, offer);
        srv.thread.start();
        LOG.info(() -> "SDP server on " + s.getLocalSocketAddress());
        return srv;
    }

    /** The link-local IPv6 address of an interface (the address SDP announces, secc-app/README-network.md, "Ports and discovery"). */
    public static Optional<Inet6Address> linkLocalAddress(NetworkInterface iface) {
        for (InetAddress a : Collections.list(iface.getInetAddresses())) {
            if (a instanceof Inet6Address a6 && a6.isLinkLocalAddress()) {
                return Optional.of(a6);
            }
        }
        return Optional.empty();
    }

    /**
     * The address to answer: a link-local source without a scope (a kernel or an emulator that does
     * not report one) is scoped to the interface the server listens on, so the unicast answer leaves
     * on the link the request came from; any other source as it is.
     */
    static InetSocketAddress scopedTo(InetSocketAddress from, NetworkInterface iface) {
        if (iface != null && from.getAddress() instanceof Inet6Address a6 && a6.isLinkLocalAddress()
                && a6.getScopeId() == 0 && a6.getScopedInterface() == null) {
            try {
                return new InetSocketAddress(Inet6Address.getByAddress(null, a6.getAddress(), iface.getIndex()), from.getPort());
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException("an IPv6 address of 16 bytes was refused", e);
            }
        }
        return from;
    }

    public int port() {
        return port;
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
            InetSocketAddress from = scopedTo((InetSocketAddress) p.getSocketAddress(), iface);
            SdpRequest req;
            try {
                req = SdpRequest.decode(buf, p.getLength());
            } catch (V2gtpException e) {
                rejected.incrementAndGet();
                LOG.warning("malformed SDP request from " + from + " (" + p.getLength() + " bytes): " + e.getMessage());
                continue;
            }
            SdpOffer o = offer.get();
            InetSocketAddress self = new InetSocketAddress(o.address(), port);
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
                if (stopped) {
                    return; // close() raced an answer in flight: the socket is gone on purpose, nothing to report
                }
                LOG.warning("SDP response to " + from + " failed: " + e);
            }
        }
    }

    /** Whether {@link #close()} has closed the socket (tests: to close while an answer is in flight). */
    boolean socketClosed() {
        return socket.isClosed();
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
