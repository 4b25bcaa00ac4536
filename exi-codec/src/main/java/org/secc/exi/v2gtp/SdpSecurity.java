package org.secc.exi.v2gtp;

/** The SDP Security byte (facts sheet 2.3). */
public enum SdpSecurity {
    TLS(0x00),
    NO_TRANSPORT_SECURITY(0x10);

    private final int code;

    SdpSecurity(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static SdpSecurity of(int code) throws V2gtpException {
        for (SdpSecurity s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new V2gtpException(V2gtpException.Reason.MALFORMED_PAYLOAD, String.format("SDP security byte 0x%02x is not defined", code));
    }
}
