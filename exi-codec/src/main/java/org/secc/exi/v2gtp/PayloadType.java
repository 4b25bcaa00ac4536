package org.secc.exi.v2gtp;

import org.secc.exi.SchemaKind;

/**
 * V2GTP payload types that ISO 15118-20 and its SDP define (facts sheet 2.2). Reserved codes are not
 * members: a header carrying one is refused. The manufacturer range 0xA000-0xFFFF is valid on the
 * wire but carries nothing this product understands ({@link #isManufacturerSpecific(int)}).
 */
public enum PayloadType {
    SUPPORTED_APP_PROTOCOL(0x8001, SchemaKind.SAP),
    COMMON_MESSAGES(0x8002, SchemaKind.COMMON),
    AC_MAIN_STREAM(0x8003, SchemaKind.AC),
    DC_MAIN_STREAM(0x8004, SchemaKind.DC),
    ACDP_MAIN_STREAM(0x8005, SchemaKind.ACDP),
    WPT_MAIN_STREAM(0x8006, SchemaKind.WPT),
    /** Multiplexed side stream for schedule renegotiation (CommonMessages). */
    SCHEDULE_RENEGOTIATION(0x8101, SchemaKind.COMMON),
    /** Side stream for MeteringConfirmationReq/Res (CommonMessages). */
    METERING_CONFIRMATION(0x8102, SchemaKind.COMMON),
    /** Side stream for ACDP_SystemStatusReq/Res. */
    ACDP_SYSTEM_STATUS(0x8103, SchemaKind.ACDP),
    /** Side stream for VehicleCheckIn/CheckOut (CommonMessages). */
    PARKING_STATUS(0x8104, SchemaKind.COMMON),
    SDP_REQUEST(0x9000, null),
    SDP_RESPONSE(0x9001, null),
    SDP_REQUEST_WIRELESS(0x9002, null),
    SDP_RESPONSE_WIRELESS(0x9003, null);

    private static final PayloadType[] BY_LOW_BYTE_8000 = new PayloadType[0x105];
    private static final PayloadType[] BY_LOW_BYTE_9000 = new PayloadType[4];

    static {
        for (PayloadType t : values()) {
            if (t.code < 0x9000) {
                BY_LOW_BYTE_8000[t.code - 0x8000] = t;
            } else {
                BY_LOW_BYTE_9000[t.code - 0x9000] = t;
            }
        }
    }

    private final int code;
    private final SchemaKind schema;

    PayloadType(int code, SchemaKind schema) {
        this.code = code;
        this.schema = schema;
    }

    public int code() {
        return code;
    }

    /** The EXI grammar of this payload, or {@code null} for SDP payloads (raw bytes). */
    public SchemaKind schema() {
        return schema;
    }

    public boolean isExi() {
        return schema != null;
    }

    /** The defined type with this code, or {@code null} for reserved and manufacturer codes. */
    public static PayloadType lookup(int code) {
        if (code >= 0x8000 && code < 0x8000 + BY_LOW_BYTE_8000.length) {
            return BY_LOW_BYTE_8000[code - 0x8000];
        }
        if (code >= 0x9000 && code < 0x9000 + BY_LOW_BYTE_9000.length) {
            return BY_LOW_BYTE_9000[code - 0x9000];
        }
        return null;
    }

    /** The type that carries messages of this grammar on the main stream. */
    public static PayloadType forSchema(SchemaKind kind) {
        return switch (kind) {
            case SAP -> SUPPORTED_APP_PROTOCOL;
            case COMMON -> COMMON_MESSAGES;
            case AC -> AC_MAIN_STREAM;
            case DC -> DC_MAIN_STREAM;
            case ACDP -> ACDP_MAIN_STREAM;
            case WPT -> WPT_MAIN_STREAM;
            case COMMON_FRAG, XMLDSIG_FRAG -> throw new IllegalArgumentException(kind.id() + " is a signature fragment, never sent in a V2GTP frame");
        };
    }

    /** 0xA000-0xFFFF: valid on the wire, meaning defined by a manufacturer. */
    public static boolean isManufacturerSpecific(int code) {
        return code >= 0xA000 && code <= 0xFFFF;
    }
}
