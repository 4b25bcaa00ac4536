package org.secc.exi.v2gtp;

/**
 * SECC Discovery Protocol request: V2GTP type 0x9000 with two payload bytes, Security and
 * TransportProtocol; 10 bytes on the wire (facts sheet 2.3).
 */
public record SdpRequest(SdpSecurity security, SdpTransport transport) {
    public static final int PAYLOAD_LENGTH = 2;

    public V2gtpFrame toFrame() {
        return new V2gtpFrame(PayloadType.SDP_REQUEST, new byte[] {(byte) security.code(), (byte) transport.code()});
    }

    public byte[] toBytes() {
        return toFrame().toBytes();
    }

    /** Parses a whole datagram; anything but a 10-byte SDP request is refused. */
    public static SdpRequest parse(byte[] datagram, int off, int len) throws V2gtpException {
        V2gtpFrame f = V2gtpFrame.parse(datagram, off, len, PAYLOAD_LENGTH);
        return fromFrame(f);
    }

    public static SdpRequest fromFrame(V2gtpFrame f) throws V2gtpException {
        if (f.payloadType() != PayloadType.SDP_REQUEST.code()) {
            throw new V2gtpException(V2gtpException.Reason.UNEXPECTED_PAYLOAD_TYPE,
                    String.format("payload type 0x%04x is not an SDP request", f.payloadType()));
        }
        if (f.payload().length != PAYLOAD_LENGTH) {
            throw new V2gtpException(V2gtpException.Reason.MALFORMED_PAYLOAD, "SDP request payload has " + f.payload().length + " bytes, expected 2");
        }
        return new SdpRequest(SdpSecurity.of(f.payload()[0] & 0xFF), SdpTransport.of(f.payload()[1] & 0xFF));
    }
}
