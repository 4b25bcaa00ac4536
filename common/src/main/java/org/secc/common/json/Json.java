package org.secc.common.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reactor's one JSON helper, written for the reactor (RFC 8259; no library, so that the charger jar carries
 * no JSON framework). Values are plain Java: objects {@code LinkedHashMap<String, Object>} (member order kept),
 * arrays {@code List<Object>}, integers {@code Long} (or {@code BigInteger} beyond 64 bits), other numbers
 * {@code BigDecimal} (never a binary floating-point value, so a number reads back and writes out with the digits
 * it had), plus {@code String}, {@code Boolean} and {@code null}. {@link JsonNode} is the same data as a tree with
 * typed accessors (the OCPP module's payloads).
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

    private Json() {
    }

    /** Parses exactly one JSON value; malformed text gives an IllegalArgumentException naming the offset. */
    public static Object parse(String text) {
        Reader r = new Reader(text);
        r.skipSpace();
        if (r.pos >= text.length()) {
            throw r.error("unexpected end");
        }
        Object v = r.value(0);
        r.skipSpace();
        if (r.pos < text.length()) {
            throw r.error("trailing characters");
        }
        return v;
    }

    /** A recursive-descent reader over one text; depth bounded by {@link #MAX_DEPTH}. */
    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at offset " + pos);
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        Object value(int depth) {
            char c = peek();
            switch (c) {
                case '{':
                    return object(depth + 1);
                case '[':
                    return array(depth + 1);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character '" + printable(c) + "'");
            }
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, pos)) {
                throw error("unrecognised token");
            }
            pos += word.length();
            if (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                throw error("unrecognised token");
            }
            return v;
        }

        private Map<String, Object> object(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
            pos++;
            Map<String, Object> m = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return m;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a member name");
                }
                int at = pos;
                String name = string();
                skipSpace();
                expect(':');
                skipSpace();
                Object v = value(depth);
                if (m.containsKey(name)) {
                    pos = at;
                    throw error("duplicate member \"" + abbreviate(name) + "\"");
                }
                m.put(name, v);
                skipSpace();
                char c = peek();
                pos++;
                if (c == '}') {
                    return m;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> array(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
            pos++;
            List<Object> l = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                return l;
            }
            while (true) {
                skipSpace();
                l.add(value(depth));
                skipSpace();
                char c = peek();
                pos++;
                if (c == ']') {
                    return l;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string() {
            pos++; // the opening quote
            StringBuilder b = null;
            int start = pos;
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    String out = b == null ? s.substring(start, pos) : b.append(s, start, pos).toString();
                    pos++;
                    return out;
                }
                if (c < 0x20) {
                    throw error("unescaped control character in a string");
                }
                if (pos - start + (b == null ? 0 : b.length()) >= MAX_STRING_LENGTH) {
                    throw error("string longer than " + MAX_STRING_LENGTH);
                }
                if (c != '\\') {
                    pos++;
                    continue;
                }
                if (b == null) {
                    b = new StringBuilder();
                }
                b.append(s, start, pos);
                pos++;
                char e = peek();
                pos++;
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("unterminated escape");
                        }
                        int v = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = Character.digit(s.charAt(pos + i), 16);
                            if (d < 0) {
                                throw error("bad unicode escape");
                            }
                            v = v * 16 + d;
                        }
                        pos += 4;
                        b.append((char) v);
                    }
                    default -> {
                        pos -= 2;
                        throw error("unrecognised escape '\\" + printable(e) + "'");
                    }
                }
                start = pos;
            }
        }

        private Object number() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            int intStart = pos;
            digits();
            if (pos - intStart > 1 && s.charAt(intStart) == '0') {
                pos = intStart;
                throw error("leading zero in a number");
            }
            boolean integral = true;
            if (pos < s.length() && s.charAt(pos) == '.') {
                integral = false;
                pos++;
                digits();
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                integral = false;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                digits();
            }
            String t = s.substring(start, pos);
            if (integral) {
                BigInteger b = new BigInteger(t);
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
            return new BigDecimal(t);
        }

        /** One or more digits, at most {@link #MAX_NUMBER_LENGTH} of them. */
        private void digits() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                if (pos - start >= MAX_NUMBER_LENGTH) {
                    throw error("number longer than " + MAX_NUMBER_LENGTH + " digits");
                }
                pos++;
            }
            if (pos == start) {
                throw error("expected a digit");
            }
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** The value as indented JSON (two spaces, keys in map order): the layout of the EXI vectors' JSON. */
    public static String write(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v, 0);
        return b.toString();
    }

    /** The value as JSON on one line without spaces (the control socket's replies). */
    public static String compact(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v, -1);
        return b.toString();
    }

    /** The JSON string literal for {@code s} ({@code null} becomes {@code null}); never contains a raw line break. */
    public static String quote(String s) {
        return compact(s);
    }

    /** Writes {@code v}; {@code indent} is the depth of pretty output, or negative for one line. */
    static void write(StringBuilder b, Object v, int indent) {
        if (v instanceof JsonNode n) {
            n.writeTo(b, indent);
        } else if (v instanceof Map<?, ?> m) {
            writeObject(b, m.entrySet(), indent);
        } else if (v instanceof List<?> l) {
            writeArray(b, l, indent);
        } else {
            writeScalar(b, v);
        }
    }

    static void writeObject(StringBuilder b, Iterable<? extends Map.Entry<?, ?>> members, int indent) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : members) {
            if (!first) {
                b.append(',');
            }
            first = false;
            newline(b, indent < 0 ? -1 : indent + 1);
            quote(b, (String) e.getKey());
            b.append(indent < 0 ? ":" : ": ");
            write(b, e.getValue(), indent < 0 ? -1 : indent + 1);
        }
        if (!first) {
            newline(b, indent);
        }
        b.append('}');
    }

    static void writeArray(StringBuilder b, Iterable<?> elements, int indent) {
        b.append('[');
        boolean first = true;
        for (Object o : elements) {
            if (!first) {
                b.append(',');
            }
            first = false;
            newline(b, indent < 0 ? -1 : indent + 1);
            write(b, o, indent < 0 ? -1 : indent + 1);
        }
        if (!first) {
            newline(b, indent);
        }
        b.append(']');
    }

    private static void newline(StringBuilder b, int indent) {
        if (indent < 0) {
            return;
        }
        b.append('\n');
        for (int i = 0; i < indent; i++) {
            b.append("  ");
        }
    }

    static void writeScalar(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            quote(b, s);
        } else if (v instanceof Boolean x) {
            b.append(x.booleanValue());
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            b.append(((Number) v).longValue());
        } else if (v instanceof BigInteger x) {
            b.append(x);
        } else if (v instanceof BigDecimal d) {
            b.append(d); // BigDecimal.toString: the digits it was read with (scientific form as Java writes it)
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            b.append(Double.toString(d)); // the digits the vectors and the control socket always had
        } else if (v instanceof Raw r) {
            b.append(r.json());
        } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
        }
    }

    /**
     * Quote, backslash and the control characters escaped (the short escapes for backspace, tab, newline, form feed
     * and carriage return, else a lowercase six-character unicode escape), and U+2028/U+2029 escaped too: they are
     * legal in JSON but end a line for line-oriented readers (the control socket is one line per reply).
     */
    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\f' -> b.append("\\f");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
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
