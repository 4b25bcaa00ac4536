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
        if (p.equals("org.secc.exi.din")) {
            return SchemaKind.DIN;
        }
        if (p.equals("org.secc.exi.iso2")) {
            return SchemaKind.ISO2;
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

    /**
     * The message's element name: the record name without its XSD "Type" suffix; for a DIN or -2
     * {@code V2G_Message} the name of its body element ({@code SessionSetupRes}).
     */
    public static String nameOf(Object message) {
        Object group = bodyGroup(message);
        if (group != null) {
            return group.getClass().getSimpleName();
        }
        String n = message.getClass().getSimpleName();
        return n.endsWith("Type") ? n.substring(0, n.length() - 4) : n;
    }

    /** A DIN / -2 {@code V2G_Message}'s body element (the group alternative), or null for any other message. */
    static Object bodyGroup(Object message) {
        if (!message.getClass().getSimpleName().equals("V2G_Message")) {
            return null;
        }
        Object body = get(message, "Body");
        return body == null ? null : get(body, "BodyElementGroup");
    }

    /** The body element's content of a DIN / -2 {@code V2G_Message} (e.g. a SessionSetupResType); any other message as it is. */
    public static Object body(Object message) {
        Object group = bodyGroup(message);
        return group == null ? message : get(group, "value");
    }

    /** The SessionID in a DIN / -2 message's header, or null for any other message. */
    public static byte[] headerSessionId(Object message) {
        if (!message.getClass().getSimpleName().equals("V2G_Message")) {
            return null;
        }
        return (byte[]) get(get(message, "Header"), "SessionID");
    }

    /** The name of a response's ResponseCode ({@code OK}, {@code FAILED_SequenceError}, ...), or null when it has none. */
    public static String responseCode(Object message) {
        Object b = body(message);
        try {
            Object c = b.getClass().getMethod("ResponseCode").invoke(b);
            return c == null ? null : c.toString();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** A record component by name (null when the record has none or it is absent). */
    public static Object get(Object record, String component) {
        if (record == null) {
            return null;
        }
        try {
            return record.getClass().getMethod(component).invoke(record);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded JSON form of a message for the trace, on one line. */
    public static String readable(SchemaKind kind, ExiDocument doc) {
        return org.secc.common.json.Json.compact(ExiCodec.of(kind).toJson(doc));
    }
}
