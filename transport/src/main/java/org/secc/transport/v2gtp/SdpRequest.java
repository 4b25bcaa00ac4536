package org.secc.transport.v2gtp;

/** SDP request payload (2 bytes: security, transport), sent in a 10-byte V2GTP frame of type 0x9000. */
public record SdpRequest(SdpSecurity security, SdpTransport transport) {
    public static final int PAYLOAD_LENGTH = 2;
    public static final int FRAME_LENGTH = V2gtpHeader.LENGTH + PAYLOAD_LENGTH;

    public byte[] toFrameBytes() {
        return new V2gtpFrame(PayloadType.SDP_REQUEST,
                new byte[] {(byte) security.code(), (byte) transport.code()}).toBytes();
    }

    /** Decodes a whole UDP datagram; every deviation is a {@link V2gtpException}. */
    public static SdpRequest decode(byte[] datagram, int len) throws V2gtpException {
        V2gtpFrame f = new V2gtpCodec(PAYLOAD_LENGTH).decode(datagram, 0, len);
        if (f.payloadType() != PayloadType.SDP_REQUEST.code()) {
            throw new V2gtpException(V2gtpException.Reason.UNEXPECTED_PAYLOAD_TYPE,
                    String.format("payload type 0x%04x where an SDP request (0x9000) was expected", f.payloadType()));
        }
        if (f.payload().length != PAYLOAD_LENGTH) {
            throw new V2gtpException(V2gtpException.Reason.WRONG_PAYLOAD_LENGTH,
                    "SDP request payload is " + f.payload().length + " bytes, expected 2");
        }
        return new SdpRequest(SdpSecurity.of(f.payload()[0] & 0xFF), SdpTransport.of(f.payload()[1] & 0xFF));
    }

    public static SdpRequest decode(byte[] datagram) throws V2gtpException {
        return decode(datagram, datagram.length);
    }
}
