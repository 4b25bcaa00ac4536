package org.secc.ev.conformance;

import org.secc.exi.ExiCodec;
import org.secc.exi.ExiDocument;
import org.secc.exi.SchemaKind;

/** Which grammar and V2GTP payload type a typed -20 message belongs to (facts sheet 2.2), and its readable form. */
public final class Wire {
    private Wire() {
    }

    /** The grammar of a typed message record, from its generated package. */
    public static SchemaKind schemaOf(Object message) {
        String p = message.getClass().getPackageName();
        if (p.endsWith(".apphand")) {
            return SchemaKind.SAP;
        }
        if (p.endsWith(".iso20.dc")) {
            return SchemaKind.DC;
        }
        if (p.endsWith(".iso20.ac")) {
            return SchemaKind.AC;
        }
        if (p.endsWith(".iso20.common")) {
            return SchemaKind.COMMON;
        }
        throw new IllegalArgumentException("not a V2G message: " + message.getClass().getName());
    }

    /** The grammar a received payload type routes to, or null for a type the suite does not decode. */
    public static SchemaKind schemaOfPayloadType(int payloadType) {
        return switch (payloadType) {
            case 0x8001 -> SchemaKind.SAP;
            case 0x8002 -> SchemaKind.COMMON;
            case 0x8003 -> SchemaKind.AC;
            case 0x8004 -> SchemaKind.DC;
            default -> null;
        };
    }

    /** The message's element name: the record name without its XSD "Type" suffix. */
    public static String nameOf(Object message) {
        String n = message.getClass().getSimpleName();
        return n.endsWith("Type") ? n.substring(0, n.length() - 4) : n;
    }

    /** The decoded JSON form of a message for the trace, on one line. */
    public static String readable(SchemaKind kind, ExiDocument doc) {
        return org.secc.common.json.Json.compact(ExiCodec.of(kind).toJson(doc));
    }
}
