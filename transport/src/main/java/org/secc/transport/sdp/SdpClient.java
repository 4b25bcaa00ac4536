package org.secc.transport.sdp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.secc.transport.v2gtp.SdpRequest;
import org.secc.transport.v2gtp.SdpResponse;
import org.secc.transport.v2gtp.SdpSecurity;
import org.secc.transport.v2gtp.SdpTransport;
import org.secc.transport.v2gtp.V2gtpException;

/**
 * EVCC side of SDP: sends a request, waits up to {@code requestInterval} for a response and repeats,
 * at most {@code maxRequests} times ([V2G2-159]/[V2G2-161]: 250 ms, 50 requests). Malformed
 * datagrams are logged and ignored within the current wait.
 */
public final class SdpClient {
    private static final Logger LOG = Logger.getLogger(SdpClient.class.getName());
    public static final Duration REQUEST_INTERVAL = Duration.ofMillis(250);
    public static final int MAX_REQUESTS = 50;

    /**
     * @param target          ff02::1%iface:15118 on a PLC link, or a unicast address (tests: [::1]:port)
     * @param iface           interface for multicast and for scoping a link-local answer; null for loopback tests
     * @param security        what the EV asks for
     * @param requestInterval wait per request
     * @param maxRequests     requests per discovery cycle
     */
    public record Config(InetSocketAddress target, NetworkInterface iface, SdpSecurity security,
                         Duration requestInterval, int maxRequests) {

        /** Multicast to ff02::1 on {@code iface}, port 15118, with the standard's retry values. */
        public static Config multicast(NetworkInterface iface, SdpSecurity security) throws IOException {
            InetAddress group = Inet6Address.getByAddress(null, InetAddress.getByName("ff02::1").getAddress(), iface);
            return new Config(new InetSocketAddress(group, 15118), iface, security, REQUEST_INTERVAL, MAX_REQUESTS);
        }
    }

    /** The result with the number of requests it took. */
    public record Result(SdpResponse response, int requestsSent) {
    }

    private SdpClient() {
    }

    /** Runs one discovery cycle; empty if no valid response came within {@code maxRequests} requests. */
    public static Optional<Result> discover(Config c) throws IOException {
        byte[] req = new SdpRequest(c.security(), SdpTransport.TCP).toFrameBytes();
        try (MulticastSocket s = new MulticastSocket(0)) {
            if (c.iface() != null) {
                s.setNetworkInterface(c.iface());
            }
            byte[] buf = new byte[1500];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            for (int n = 1; n <= c.maxRequests(); n++) {
                s.send(new DatagramPacket(req, req.length, c.target()));
                long deadline = System.nanoTime() + c.requestInterval().toNanos();
                while (true) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    s.setSoTimeout((int) Math.max(1, left / 1_000_000));
                    in.setLength(buf.length);
                    try {
                        s.receive(in);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    try {
                        SdpResponse r = SdpResponse.decode(buf, in.getLength());
                        return Optional.of(new Result(scoped(r, c.iface()), n));
                    } catch (V2gtpException e) {
                        LOG.warning("ignoring malformed SDP response from " + in.getSocketAddress() + ": " + e.getMessage());
                    }
                }
            }
        }
        LOG.warning(() -> "no SDP response after " + c.maxRequests() + " requests to " + c.target());
        return Optional.empty();
    }

    /** A link-local address needs the scope of the interface it was learned on to be connectable. */
    static SdpResponse scoped(SdpResponse r, NetworkInterface iface) throws IOException {
        if (iface == null || !r.address().isLinkLocalAddress()) {
            return r;
        }
        Inet6Address a = Inet6Address.getByAddress(null, r.address().getAddress(), iface);
        return new SdpResponse(a, r.port(), r.security(), r.transport());
    }
}
