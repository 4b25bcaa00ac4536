package org.secc.transport.v2gtp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * SDP response payload (20 bytes: SECC IPv6 address, port, security, transport) in a 28-byte
 * V2GTP frame of type 0x9001 (facts 2.3). The address carries no scope on the wire; a client
 * applies the scope of the interface it received the response on.
 */
public record SdpResponse(Inet6Address address, int port, SdpSecurity security, SdpTransport transport) {
    public static final int PAYLOAD_LENGTH = 20;
    public static final int FRAME_LENGTH = V2gtpHeader.LENGTH + PAYLOAD_LENGTH;

    public SdpResponse {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public byte[] toFrameBytes() {
        byte[] p = new byte[PAYLOAD_LENGTH];
        System.arraycopy(address.getAddress(), 0, p, 0, 16);
        p[16] = (byte) (port >>> 8);
        p[17] = (byte) port;
        p[18] = (byte) security.code();
        p[19] = (byte) transport.code();
        return new V2gtpFrame(PayloadType.SDP_RESPONSE, p).toBytes();
    }

    public static SdpResponse decode(byte[] datagram, int len) throws V2gtpException {
        V2gtpFrame f = new V2gtpCodec(PAYLOAD_LENGTH).decode(datagram, 0, len);
        if (f.payloadType() != PayloadType.SDP_RESPONSE.code()) {
            throw new V2gtpException(V2gtpException.Reason.UNEXPECTED_PAYLOAD_TYPE,
                    String.format("payload type 0x%04x where an SDP response (0x9001) was expected", f.payloadType()));
        }
        byte[] p = f.payload();
        if (p.length != PAYLOAD_LENGTH) {
            throw new V2gtpException(V2gtpException.Reason.WRONG_PAYLOAD_LENGTH,
                    "SDP response payload is " + p.length + " bytes, expected 20");
        }
        byte[] a = new byte[16];
        System.arraycopy(p, 0, a, 0, 16);
        Inet6Address addr;
        try {
            InetAddress ia = InetAddress.getByAddress(a);
            if (!(ia instanceof Inet6Address)) { // an IPv4-mapped address collapses to Inet4Address
                throw new V2gtpException(V2gtpException.Reason.BAD_SDP_VALUE, "SDP response address is IPv4-mapped: " + ia.getHostAddress());
            }
            addr = (Inet6Address) ia;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always a valid address
        }
        int port = ((p[16] & 0xFF) << 8) | (p[17] & 0xFF);
        return new SdpResponse(addr, port, SdpSecurity.of(p[18] & 0xFF), SdpTransport.of(p[19] & 0xFF));
    }

    public static SdpResponse decode(byte[] datagram) throws V2gtpException {
        return decode(datagram, datagram.length);
    }
}
