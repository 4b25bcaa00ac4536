package org.secc.common.json;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reactor's one JSON helper, on Jackson 3's streaming core (the generation the OCPP schema validator
 * and data binding are built on, so that the charger carries one Jackson). Values are plain Java: objects
 * {@code LinkedHashMap<String, Object>} (member order kept), arrays {@code List<Object>}, integers
 * {@code Long} (or {@code BigInteger} beyond 64 bits), other numbers {@code BigDecimal} (never a
 * binary floating-point value, so a number reads back and writes out with the digits it had), plus
 * {@code String}, {@code Boolean} and {@code null}.
 *
 * <p>Parsing is bounded: nesting depth, number and string lengths are capped before anything is
 * allocated for them, duplicate keys are refused, and every problem is one
 * {@link IllegalArgumentException} naming the offset.
 */
public final class Json {
    /** Deep enough for every message of the -20 schemas, far below what could exhaust the stack. */
    public static final int MAX_DEPTH = 256;
    /** Longer than any number or string the messages or the control socket carry. */
    static final int MAX_NUMBER_LENGTH = 1000;
    static final int MAX_STRING_LENGTH = 1 << 20;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .characterEscapes(new Escapes())
            // Double.toString's digits, as the vectors and the control socket always had them
            .disable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    /**
     * Control characters as the short escapes (backslash b, t, n, f, r) or a lowercase six-character unicode escape, and U+2028/U+2029 escaped too:
     * they are legal in JSON but end a line for line-oriented readers (the control socket is one line
     * per reply).
     */
    static final class Escapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] codes = standardAsciiEscapesForJSON();

        Escapes() {
            for (int c = 0; c < 0x20; c++) {
                if (c != '\b' && c != '\t' && c != '\n' && c != '\f' && c != '\r') {
                    codes[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch < 0x20 || ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }

    /** Two-space indentation, {@code "key": value}, empty containers as {@code {}} and {@code []}: the vectors' layout. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    /** Jackson 3 takes the pretty printer from the write context; a fresh instance per document (it keeps the depth). */
    private static final ObjectWriteContext PRETTY_CONTEXT = new ObjectWriteContext.Base() {
        @Override
        public PrettyPrinter getPrettyPrinter() {
            return PRETTY.createInstance();
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    };

    private Json() {
    }

    /** Parses exactly one JSON value; malformed text gives an IllegalArgumentException naming the offset. */
    public static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IllegalArgumentException("JSON: unexpected end at offset 0");
            }
            Object v = value(p, t);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new IllegalArgumentException("JSON: trailing characters at offset " + p.currentTokenLocation().getCharOffset());
            }
            return v;
        } catch (JacksonException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            throw new IllegalArgumentException("JSON: " + e.getOriginalMessage() + " at offset " + at, e);
        }
    }

    private static Object value(JsonParser p, JsonToken t) {
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                yield m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    l.add(value(p, e));
                }
                yield l;
            }
            case VALUE_STRING -> p.getString();
            case VALUE_NUMBER_INT -> {
                BigInteger b = p.getBigIntegerValue();
                yield b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
            case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("JSON: unexpected " + t + " at offset " + p.currentTokenLocation().getCharOffset());
        };
    }

    /** The value as indented JSON (two spaces, keys in map order): the layout of the EXI vectors' JSON. */
    public static String write(Object v) {
        return write(v, true);
    }

    /** The value as JSON on one line without spaces (the control socket's replies). */
    public static String compact(Object v) {
        return write(v, false);
    }

    /** The JSON string literal for {@code s} ({@code null} becomes {@code null}); never contains a raw line break. */
    public static String quote(String s) {
        return compact(s);
    }

    private static String write(Object v, boolean pretty) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(pretty ? PRETTY_CONTEXT : ObjectWriteContext.empty(), w)) {
            write(g, v);
        }
        return w.toString();
    }

    private static void write(JsonGenerator g, Object v) {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (var e : m.entrySet()) {
                g.writeName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            g.writeNumber(d);
        } else if (v instanceof Raw r) {
            g.writeRawValue(r.json());
        } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
        }
    }

    /** Already-serialised JSON, written verbatim (the service's status object inside a control reply). */
    public record Raw(String json) {
    }

    public static Obj object() {
        return new Obj();
    }

    /** Builds a one-line object in insertion order: {@code {"k":v,...}}. */
    public static final class Obj {
        private final Map<String, Object> members = new LinkedHashMap<>();

        public Obj put(String k, String v) {
            members.put(k, v);
            return this;
        }

        public Obj put(String k, boolean v) {
            members.put(k, v);
            return this;
        }

        public Obj put(String k, long v) {
            members.put(k, v);
            return this;
        }

        public Obj put(String k, double v) {
            members.put(k, v);
            return this;
        }

        /** Inserts already-serialised JSON verbatim. */
        public Obj putRaw(String k, String json) {
            members.put(k, new Raw(json));
            return this;
        }

        @Override
        public String toString() {
            return compact(members);
        }
    }
}
