package org.secc.ev.link;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.util.logging.Logger;
import org.secc.exi.v2gtp.SdpRequest;
import org.secc.exi.v2gtp.SdpResponse;
import org.secc.exi.v2gtp.SdpSecurity;
import org.secc.exi.v2gtp.SdpTransport;
import org.secc.exi.v2gtp.V2gtpException;

/**
 * SDP client (facts 2.3): sends the 10-byte request to ff02::1 UDP 15118 on the given interface every
 * 250 ms, at most 50 times ([V2G2-159/161]), and returns the first valid response.
 */
public final class SdpClient {
    private static final Logger LOG = Logger.getLogger(SdpClient.class.getName());
    public static final int SDP_PORT = 15118;
    static final int MAX_REQUESTS = 50;
    static final int RETRY_MS = 250;

    private SdpClient() {
    }

    /** Discovers the SECC; {@code target} is ff02::1 on the interface unless given (tests use ::1). */
    public static SdpResponse discover(String iface, InetAddress target, boolean tls) throws IOException {
        InetAddress dst = target;
        if (dst == null) {
            NetworkInterface ni = NetworkInterface.getByName(iface);
            if (ni == null) {
                throw new IOException("no network interface " + iface);
            }
            dst = Inet6Address.getByAddress("ff02::1", InetAddress.getByName("ff02::1").getAddress(), ni);
        }
        byte[] req = new SdpRequest(tls ? SdpSecurity.TLS : SdpSecurity.NO_TLS, SdpTransport.TCP).toFrameBytes();
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(RETRY_MS);
            byte[] buf = new byte[64];
            for (int i = 0; i < MAX_REQUESTS; i++) {
                s.send(new DatagramPacket(req, req.length, dst, SDP_PORT));
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    s.receive(p);
                    SdpResponse r = SdpResponse.decode(p.getData(), p.getLength());
                    LOG.info("SDP: SECC at [" + r.address().getHostAddress() + "]:" + r.port() + " " + r.security());
                    return r;
                } catch (SocketTimeoutException e) {
                    // retry after 250 ms
                } catch (V2gtpException e) {
                    LOG.warning("ignoring malformed SDP response: " + e.getMessage());
                }
            }
        }
        throw new IOException("no SDP response after " + MAX_REQUESTS + " requests");
    }
}
