package org.secc.transport.v2gtp;

/** SDP TransportProtocol byte (facts 2.3): only TCP is usable for V2G. */
public enum SdpTransport {
    TCP(0x00), UDP(0x10);

    private final int code;

    SdpTransport(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static SdpTransport of(int code) throws V2gtpException {
        for (SdpTransport t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new V2gtpException(V2gtpException.Reason.BAD_SDP_VALUE,
                String.format("SDP transport byte 0x%02x is neither 0x00 (TCP) nor 0x10 (UDP)", code));
    }
}
