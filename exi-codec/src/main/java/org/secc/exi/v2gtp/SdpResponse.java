package org.secc.exi.v2gtp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * SECC Discovery Protocol response: V2GTP type 0x9001 with 20 payload bytes: the SECC's IPv6
 * address (16), its TCP port (2, big-endian), Security (1), TransportProtocol (1); 28 bytes on the
 * wire (facts sheet 2.3).
 *
 * @param address 16 bytes of the SECC's (link-local) IPv6 address
 */
public record SdpResponse(byte[] address, int port, SdpSecurity security, SdpTransport transport) {
    public static final int PAYLOAD_LENGTH = 20;

    public SdpResponse {
        if (address == null || address.length != 16) {
            throw new IllegalArgumentException("SDP response needs a 16-byte IPv6 address");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        address = address.clone();
    }

    public SdpResponse(Inet6Address address, int port, SdpSecurity security, SdpTransport transport) {
        this(address.getAddress(), port, security, transport);
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    /** The address as an {@link Inet6Address} without a scope; the receiver adds its interface's scope. */
    public Inet6Address inetAddress() {
        try {
            return (Inet6Address) InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always a valid IPv6 address
        }
    }

    public V2gtpFrame toFrame() {
        byte[] p = new byte[PAYLOAD_LENGTH];
        System.arraycopy(address, 0, p, 0, 16);
        p[16] = (byte) (port >>> 8);
        p[17] = (byte) port;
        p[18] = (byte) security.code();
        p[19] = (byte) transport.code();
        return new V2gtpFrame(PayloadType.SDP_RESPONSE, p);
    }

    public byte[] toBytes() {
        return toFrame().toBytes();
    }

    public static SdpResponse parse(byte[] datagram, int off, int len) throws V2gtpException {
        V2gtpFrame f = V2gtpFrame.parse(datagram, off, len, PAYLOAD_LENGTH);
        if (f.payloadType() != PayloadType.SDP_RESPONSE.code()) {
            throw new V2gtpException(V2gtpException.Reason.UNEXPECTED_PAYLOAD_TYPE,
                    String.format("payload type 0x%04x is not an SDP response", f.payloadType()));
        }
        byte[] p = f.payload();
        if (p.length != PAYLOAD_LENGTH) {
            throw new V2gtpException(V2gtpException.Reason.MALFORMED_PAYLOAD, "SDP response payload has " + p.length + " bytes, expected 20");
        }
        return new SdpResponse(Arrays.copyOf(p, 16), ((p[16] & 0xFF) << 8) | (p[17] & 0xFF),
                SdpSecurity.of(p[18] & 0xFF), SdpTransport.of(p[19] & 0xFF));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SdpResponse r && Arrays.equals(r.address, address) && r.port == port
                && r.security == security && r.transport == transport;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address) * 31 + port;
    }

    @Override
    public String toString() {
        return "SdpResponse[" + inetAddress().getHostAddress() + " port " + port + ", " + security + ", " + transport + "]";
    }
}
