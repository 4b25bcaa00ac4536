package org.secc.transport.v2gtp;

/** SDP Security byte (facts 2.3). */
public enum SdpSecurity {
    TLS(0x00), NO_TLS(0x10);

    private final int code;

    SdpSecurity(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static SdpSecurity of(int code) throws V2gtpException {
        for (SdpSecurity s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new V2gtpException(V2gtpException.Reason.BAD_SDP_VALUE,
                String.format("SDP security byte 0x%02x is neither 0x00 (TLS) nor 0x10 (no TLS)", code));
    }
}
