package org.secc.exi.v2gtp;

/** The SDP TransportProtocol byte (facts sheet 2.3); only TCP carries V2G messages. */
public enum SdpTransport {
    TCP(0x00),
    UDP(0x10);

    private final int code;

    SdpTransport(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static SdpTransport of(int code) throws V2gtpException {
        for (SdpTransport t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new V2gtpException(V2gtpException.Reason.MALFORMED_PAYLOAD, String.format("SDP transport byte 0x%02x is not defined", code));
    }
}
