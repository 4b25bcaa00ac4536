package org.secc.transport.v2gtp;

import org.secc.exi.SchemaKind;

import java.util.Optional;

/**
 * V2GTP payload types (facts sheet 2.2). Codes 0xA000–0xFFFF are manufacturer specific and have no
 * constant here; {@link #isKnown(int)} accepts them, every reserved code is unknown.
 */
public enum PayloadType {
    SUPPORTED_APP_PROTOCOL(0x8001, SchemaKind.SAP),
    COMMON_MESSAGES(0x8002, SchemaKind.COMMON),
    AC_MAIN(0x8003, SchemaKind.AC),
    DC_MAIN(0x8004, SchemaKind.DC),
    ACDP_MAIN(0x8005, SchemaKind.ACDP),
    WPT_MAIN(0x8006, SchemaKind.WPT),
    SCHEDULE_RENEGOTIATION(0x8101, SchemaKind.COMMON),
    METERING_CONFIRMATION(0x8102, SchemaKind.COMMON),
    ACDP_SYSTEM_STATUS(0x8103, SchemaKind.ACDP),
    PARKING_STATUS(0x8104, null),
    SDP_REQUEST(0x9000, null),
    SDP_RESPONSE(0x9001, null),
    SDP_REQUEST_WIRELESS(0x9002, null),
    SDP_RESPONSE_WIRELESS(0x9003, null);

    public static final int MANUFACTURER_FIRST = 0xA000;
    public static final int MANUFACTURER_LAST = 0xFFFF;

    private final int code;
    private final SchemaKind schema;

    PayloadType(int code, SchemaKind schema) {
        this.code = code;
        this.schema = schema;
    }

    public int code() {
        return code;
    }

    /** The EXI grammar of this payload, empty for raw payloads (SDP) and for parking status, whose schema is not known. */
    public Optional<SchemaKind> schema() {
        return Optional.ofNullable(schema);
    }

    /** True if the payload is an EXI stream. */
    public boolean isExi() {
        return schema != null;
    }

    /** The constant for a code, empty for reserved and manufacturer-specific codes. */
    public static Optional<PayloadType> of(int code) {
        switch (code) {
            case 0x8001: return Optional.of(SUPPORTED_APP_PROTOCOL);
            case 0x8002: return Optional.of(COMMON_MESSAGES);
            case 0x8003: return Optional.of(AC_MAIN);
            case 0x8004: return Optional.of(DC_MAIN);
            case 0x8005: return Optional.of(ACDP_MAIN);
            case 0x8006: return Optional.of(WPT_MAIN);
            case 0x8101: return Optional.of(SCHEDULE_RENEGOTIATION);
            case 0x8102: return Optional.of(METERING_CONFIRMATION);
            case 0x8103: return Optional.of(ACDP_SYSTEM_STATUS);
            case 0x8104: return Optional.of(PARKING_STATUS);
            case 0x9000: return Optional.of(SDP_REQUEST);
            case 0x9001: return Optional.of(SDP_RESPONSE);
            case 0x9002: return Optional.of(SDP_REQUEST_WIRELESS);
            case 0x9003: return Optional.of(SDP_RESPONSE_WIRELESS);
            default: return Optional.empty();
        }
    }

    public static boolean isManufacturerSpecific(int code) {
        return code >= MANUFACTURER_FIRST && code <= MANUFACTURER_LAST;
    }

    /** A code this stack accepts on the wire: a listed type or a manufacturer-specific one. */
    public static boolean isKnown(int code) {
        return of(code).isPresent() || isManufacturerSpecific(code);
    }

    /** The EXI grammar of an EXI-carrying payload type code; empty for everything else. */
    public static Optional<SchemaKind> schemaOf(int code) {
        return of(code).flatMap(PayloadType::schema);
    }

    /** The payload type a message of this schema is sent with on the main stream (facts 2.2: answer with the response's own schema). */
    public static PayloadType mainStreamOf(SchemaKind kind) {
        switch (kind) {
            case SAP:
            case DIN:
            case ISO2: return SUPPORTED_APP_PROTOCOL; // DIN 70121 and -2 share 0x8001 with SAP
            case COMMON: return COMMON_MESSAGES;
            case AC: return AC_MAIN;
            case DC: return DC_MAIN;
            case ACDP: return ACDP_MAIN;
            case WPT: return WPT_MAIN;
            default: throw new IllegalArgumentException(String.valueOf(kind));
        }
    }
}
