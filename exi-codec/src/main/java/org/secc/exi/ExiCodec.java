package org.secc.exi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.secc.exi.codec.AcCodec;
import org.secc.exi.codec.AcdpCodec;
import org.secc.exi.codec.CommonCodec;
import org.secc.exi.codec.CommonFragCodec;
import org.secc.exi.codec.DcCodec;
import org.secc.exi.codec.DinCodec;
import org.secc.exi.codec.Iso2Codec;
import org.secc.exi.codec.SapCodec;
import org.secc.exi.codec.WptCodec;
import org.secc.exi.codec.XmldsigFragCodec;
import org.secc.exi.json.JsonValues;
import org.secc.exi.runtime.BitReader;
import org.secc.exi.runtime.BitWriter;

/**
 * The production EXI codec of one grammar: generated, bit-level, no EXIficient at run time. Stateless
 * and thread-safe; obtain one with {@link #of(SchemaKind)}.
 *
 * <pre>
 * byte[] exi = ExiCodec.of(SchemaKind.COMMON).encode(sessionSetupReq);      // root chosen by the record type
 * SessionSetupReqType req = ExiCodec.of(SchemaKind.COMMON).decode(exi, SessionSetupReqType.class);
 * </pre>
 */
public final class ExiCodec {
    private static final Map<SchemaKind, ExiCodec> CODECS = new java.util.EnumMap<>(SchemaKind.class);

    static {
        for (SchemaKind k : SchemaKind.values()) {
            CODECS.put(k, new ExiCodec(k));
        }
    }

    private final SchemaKind kind;

    private ExiCodec(SchemaKind kind) {
        this.kind = kind;
    }

    public static ExiCodec of(SchemaKind kind) {
        return CODECS.get(kind);
    }

    public SchemaKind kind() {
        return kind;
    }

    /** The root elements this grammar accepts. */
    public List<String> roots() {
        return switch (kind) {
            case SAP -> SapCodec.ROOTS;
            case COMMON -> CommonCodec.ROOTS;
            case DC -> DcCodec.ROOTS;
            case AC -> AcCodec.ROOTS;
            case ACDP -> AcdpCodec.ROOTS;
            case WPT -> WptCodec.ROOTS;
            case COMMON_FRAG -> CommonFragCodec.ROOTS;
            case XMLDSIG_FRAG -> XmldsigFragCodec.ROOTS;
            case DIN -> DinCodec.ROOTS;
            case ISO2 -> Iso2Codec.ROOTS;
        };
    }

    /** The root element whose type is the message's record, or null if none or several. */
    public String rootOf(Object message) {
        return switch (kind) {
            case SAP -> SapCodec.rootOf(message);
            case COMMON -> CommonCodec.rootOf(message);
            case DC -> DcCodec.rootOf(message);
            case AC -> AcCodec.rootOf(message);
            case ACDP -> AcdpCodec.rootOf(message);
            case WPT -> WptCodec.rootOf(message);
            case COMMON_FRAG -> CommonFragCodec.rootOf(message);
            case XMLDSIG_FRAG -> XmldsigFragCodec.rootOf(message);
            case DIN -> DinCodec.rootOf(message);
            case ISO2 -> Iso2Codec.rootOf(message);
        };
    }

    /** Encodes a message record (e.g. SessionSetupReqType); the root element follows from its type. */
    public byte[] encode(Object message) {
        String root = rootOf(message);
        if (root == null) {
            throw new ExiEncodeException("no unique root element of " + kind.id() + " for " + message.getClass().getName()
                    + "; use encode(ExiDocument)");
        }
        return encode(new ExiDocument(root, message));
    }

    public byte[] encode(ExiDocument doc) {
        BitWriter w = new BitWriter(128);
        encode(w, doc);
        return w.toByteArray();
    }

    /** Encodes into a caller-owned writer (reset it between messages to avoid allocation). */
    public void encode(BitWriter w, ExiDocument doc) {
        String root = doc.root();
        Object value = doc.value();
        switch (kind) {
            case SAP -> SapCodec.encode(w, root, value);
            case COMMON -> CommonCodec.encode(w, root, value);
            case DC -> DcCodec.encode(w, root, value);
            case AC -> AcCodec.encode(w, root, value);
            case ACDP -> AcdpCodec.encode(w, root, value);
            case WPT -> WptCodec.encode(w, root, value);
            case COMMON_FRAG -> CommonFragCodec.encode(w, root, value);
            case XMLDSIG_FRAG -> XmldsigFragCodec.encode(w, root, value);
            case DIN -> DinCodec.encode(w, root, value);
            case ISO2 -> Iso2Codec.encode(w, root, value);
        }
    }

    /** Decodes a whole stream; malformed input of any kind throws {@link ExiDecodeException}. */
    public ExiDocument decode(byte[] exi) {
        return decode(exi, 0, exi.length);
    }

    public ExiDocument decode(byte[] exi, int offset, int length) {
        BitReader r = new BitReader(exi, offset, length);
        try {
            return switch (kind) {
                case SAP -> SapCodec.decode(r);
                case COMMON -> CommonCodec.decode(r);
                case DC -> DcCodec.decode(r);
                case AC -> AcCodec.decode(r);
                case ACDP -> AcdpCodec.decode(r);
                case WPT -> WptCodec.decode(r);
                case COMMON_FRAG -> CommonFragCodec.decode(r);
                case XMLDSIG_FRAG -> XmldsigFragCodec.decode(r);
            case DIN -> DinCodec.decode(r);
            case ISO2 -> Iso2Codec.decode(r);
            };
        } catch (StackOverflowError e) {
            // cannot happen with these schemas (no recursive types); kept so that no input escapes the contract
            throw new ExiDecodeException(r.position(), "nesting too deep");
        }
    }

    /** Decodes and checks the root's type. */
    public <T> T decode(byte[] exi, Class<T> type) {
        Object v = decode(exi).value();
        if (!type.isInstance(v)) {
            throw new ExiDecodeException(0, "expected " + type.getSimpleName() + ", got " + v.getClass().getSimpleName());
        }
        return type.cast(v);
    }

    /** The JSON document shape of the vectors: {@code {"<root>": {...}}}. */
    public Map<String, Object> toJson(ExiDocument doc) {
        Object v = switch (kind) {
            case SAP -> SapCodec.toJson(doc.root(), doc.value());
            case COMMON -> CommonCodec.toJson(doc.root(), doc.value());
            case DC -> DcCodec.toJson(doc.root(), doc.value());
            case AC -> AcCodec.toJson(doc.root(), doc.value());
            case ACDP -> AcdpCodec.toJson(doc.root(), doc.value());
            case WPT -> WptCodec.toJson(doc.root(), doc.value());
            case COMMON_FRAG -> CommonFragCodec.toJson(doc.root(), doc.value());
            case XMLDSIG_FRAG -> XmldsigFragCodec.toJson(doc.root(), doc.value());
            case DIN -> DinCodec.toJson(doc.root(), doc.value());
            case ISO2 -> Iso2Codec.toJson(doc.root(), doc.value());
        };
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(doc.root(), v);
        return m;
    }

    /** The document from its JSON shape; IllegalArgumentException names the offending path. */
    public ExiDocument fromJson(Object json) {
        Map<String, Object> m = JsonValues.obj(json, "/");
        if (m.size() != 1) {
            throw JsonValues.bad("/", "expected exactly one root element");
        }
        var e = m.entrySet().iterator().next();
        String root = e.getKey();
        Object v = switch (kind) {
            case SAP -> SapCodec.fromJson(root, e.getValue());
            case COMMON -> CommonCodec.fromJson(root, e.getValue());
            case DC -> DcCodec.fromJson(root, e.getValue());
            case AC -> AcCodec.fromJson(root, e.getValue());
            case ACDP -> AcdpCodec.fromJson(root, e.getValue());
            case WPT -> WptCodec.fromJson(root, e.getValue());
            case COMMON_FRAG -> CommonFragCodec.fromJson(root, e.getValue());
            case XMLDSIG_FRAG -> XmldsigFragCodec.fromJson(root, e.getValue());
            case DIN -> DinCodec.fromJson(root, e.getValue());
            case ISO2 -> Iso2Codec.fromJson(root, e.getValue());
        };
        return new ExiDocument(root, v);
    }
}
