package org.secc.app.ctl;

/**
 * Just enough JSON for the control socket's one-line replies: string escaping and a flat object builder.
 * Replies are built in one place, so the first member is always {@code "ok"}; the client relies on that.
 */
public final class Json {
    private Json() {
    }

    /** The JSON string literal for {@code s} (null becomes {@code null}); never contains a raw line break. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    // U+2028/2029 are legal in JSON but break line-oriented JavaScript readers
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    public static Obj object() {
        return new Obj();
    }

    /** Builds {@code {"k":v,...}} in insertion order; keys are written as given (callers use literals). */
    public static final class Obj {
        private final StringBuilder sb = new StringBuilder("{");

        private Obj key(String k) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(quote(k)).append(':');
            return this;
        }

        public Obj put(String k, String v) {
            key(k).sb.append(quote(v));
            return this;
        }

        public Obj put(String k, boolean v) {
            key(k).sb.append(v);
            return this;
        }

        /** Inserts already-serialised JSON (the service's status object) verbatim. */
        public Obj putRaw(String k, String json) {
            key(k).sb.append(json);
            return this;
        }

        @Override
        public String toString() {
            return sb.toString() + "}";
        }
    }
}
