package org.secc.common.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one parser of the product's configuration files (service, HAL and policy): {@code key = value}
 * lines, {@code #} comments, blank lines, UTF-8 (a byte-order mark is tolerated). One key rule: keys
 * are exact and case-sensitive; an unknown, miscased or duplicate key is an error. Every value is read
 * through a typed reader that checks it and records an exact error instead of throwing, so one pass
 * reports every problem of a file; each error names where the key came from (the file and line, or
 * the command-line option that overrode it), the key, what is wrong and what is allowed.
 *
 * <p>Numbers are strict: decimal only ({@code 12}, {@code -3.5}, {@code 1e3}); hex floats, {@code NaN},
 * {@code Infinity} and suffixes such as {@code 1d} are refused, and whole-number keys (ports, counts)
 * refuse fractions. Files are read with a bound ({@link #MAX_BYTES}); binary input is refused.
 */
public final class ConfigText {
    /** The largest configuration file read; anything longer is refused before it is held in memory. */
    public static final int MAX_BYTES = 1 << 20;

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d{1,4})?");
    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d{1,18}");

    /** Where a value came from: a file's line, or a command-line option. */
    private record Entry(String value, String origin) {
    }

    private final String source;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final Set<String> known = new HashSet<>();
    private final List<String> ownedElsewhere = new ArrayList<>();

    private ConfigText(String source) {
        this.source = source;
    }

    /** Reads a file with a bound: missing, unreadable, too long or binary files are one clear error. */
    public static ConfigText read(Path file) {
        String name = file.toString();
        byte[] bytes;
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new ConfigException(name + ": longer than " + MAX_BYTES + " bytes; a configuration file is a short text file");
        }
        return parse(name, decode(name, bytes));
    }

    /** The text of a file: UTF-8, a leading byte-order mark dropped, no NUL bytes. */
    static String decode(String name, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new ConfigException(name + ": not a text file (a NUL byte at offset " + i + "); expected UTF-8 'key = value' lines");
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(name + ": not UTF-8 text; expected UTF-8 'key = value' lines");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Parses text; {@code source} names it in errors (a file name). */
    public static ConfigText parse(String source, String text) {
        ConfigText t = new ConfigText(source);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = lines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String at = t.named() ? source + ":" + (i + 1) : "line " + (i + 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                t.errors.add(at + ": '" + abbreviate(line) + "' is not 'key = value'");
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            int hash = value.indexOf(" #");
            if (hash >= 0) {
                value = value.substring(0, hash).strip();
            }
            Entry prev = t.entries.get(key);
            if (prev != null) {
                t.errors.add(at + ": " + key + ": set twice (first at " + prev.origin + "); allowed once");
                continue;
            }
            t.entries.put(key, new Entry(value, at));
        }
        return t;
    }

    /**
     * The lines of a text, split at LF or CR LF (a CR elsewhere stays in its line), with the empty line
     * after a final line break: one linear scan, no regular expression per file.
     */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            int end = nl > start && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
            out.add(text.substring(start, end));
            start = nl + 1;
        }
        out.add(text.substring(start));
        return out;
    }

    /** Parses text without a file name (errors say "line N"). */
    public static ConfigText parse(String text) {
        return parse(null, text);
    }

    private boolean named() {
        return source != null;
    }

    private String prefix() {
        return named() ? source + ": " : "";
    }

    /** An empty configuration: every key takes its default. */
    public static ConfigText empty() {
        return new ConfigText("(defaults)");
    }

    /** A command-line option sets {@code key}: it replaces the file's value, and errors name the option. */
    public ConfigText override(String key, String value, String option) {
        entries.put(key, new Entry(value, "option " + option));
        return this;
    }

    public String source() {
        return source;
    }

    public boolean has(String key) {
        known.add(key);
        return entries.containsKey(key);
    }

    /** The keys that start with {@code prefix}, in file order; reading them is up to the caller. */
    public List<String> keysStartingWith(String prefix) {
        return entries.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    /**
     * Every key under the prefix with its value, marked as read: for a module that validates its own
     * keys (the MQTT site interface, the OCPP station) and reports its errors itself.
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : entries.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                known.add(e.getKey());
                out.put(e.getKey(), e.getValue().value);
            }
        }
        return out;
    }

    /** Where a key's value came from ("secc.conf:12", "option --port"), or empty when it is not set. */
    public String origin(String key) {
        Entry e = entries.get(key);
        return e == null ? "" : e.origin;
    }

    public String string(String key, String dflt) {
        known.add(key);
        Entry e = entries.get(key);
        return e == null ? dflt : e.value;
    }

    /** A decimal number in [min, max]; on error records it and returns the default. */
    public double number(String key, double dflt, double min, double max, String unit) {
        known.add(key);
        Entry e = entries.get(key);
        if (e == null) {
            return dflt;
        }
        if (!DECIMAL.matcher(e.value).matches()) {
            error(key, "'" + e.value + "' is not a decimal number; allowed " + range(min, max, unit));
            return dflt;
        }
        double v = Double.parseDouble(e.value);
        if (!Double.isFinite(v) || v < min - 1e-9 || v > max + 1e-9) { // tolerance: 60 + 1.8 is not 61.8 in binary
            error(key, e.value + " is out of range; allowed " + range(min, max, unit));
            return dflt;
        }
        return v;
    }

    /** A whole number in [min, max] (ports, counts, identifiers); on error records it and returns the default. */
    public long integer(String key, long dflt, long min, long max, String unit) {
        known.add(key);
        Entry e = entries.get(key);
        if (e == null) {
            return dflt;
        }
        if (!WHOLE.matcher(e.value).matches()) {
            error(key, "'" + e.value + "' is not a whole number; allowed " + min + " to " + max + (unit.isEmpty() ? "" : " " + unit));
            return dflt;
        }
        long v = Long.parseLong(e.value);
        if (v < min || v > max) {
            error(key, e.value + " is out of range; allowed " + min + " to " + max + (unit.isEmpty() ? "" : " " + unit));
            return dflt;
        }
        return v;
    }

    /** One of the given words (values, unlike keys, in any case); on error records it and returns the default. */
    public String choice(String key, String dflt, String... allowed) {
        known.add(key);
        Entry e = entries.get(key);
        if (e == null) {
            return dflt;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(e.value)) {
                return a;
            }
        }
        error(key, "'" + e.value + "' is not allowed; allowed " + String.join(", ", allowed));
        return dflt;
    }

    /** {@code true} or {@code false}. */
    public boolean bool(String key, boolean dflt) {
        return Boolean.parseBoolean(choice(key, Boolean.toString(dflt), "true", "false"));
    }

    /** A key that must be set; records an error when it is missing and returns null. */
    public String required(String key, String allowed) {
        known.add(key);
        Entry e = entries.get(key);
        if (e == null) {
            errors.add(prefix() + key + ": missing; it has no default, allowed " + allowed);
            return null;
        }
        return e.value;
    }

    /** Records an error about a key, prefixed with where its value came from. */
    public void error(String key, String what) {
        Entry e = entries.get(key);
        errors.add((e == null ? prefix() + key + " (default)" : e.origin + ": " + key) + ": " + what);
    }

    /** Keys under these prefixes are read by another reader of the same text (none here). */
    public void ownedElsewhere(String... prefixes) {
        ownedElsewhere.addAll(List.of(prefixes));
    }

    /**
     * Keys nobody read are unknown: an error for each, so a misspelt or miscased setting never
     * silently keeps a default. A key that differs from a known one only in case is named.
     */
    public void checkUnknownKeys() {
        checkUnknownKeys(new String[0]);
    }

    /** Only keys under these prefixes (a reader of part of a file, like the HAL's); none = every key. */
    public void checkUnknownKeys(String... onlyPrefixes) {
        // the known keys indexed once (by case fold, by group), so a file of n unknown keys costs n
        // look-ups, not n scans of every known key
        Map<String, String> byFold = null;
        Map<String, List<String>> byGroup = null;
        for (var e : entries.entrySet()) {
            String k = e.getKey();
            if (known.contains(k) || ownedElsewhere.stream().anyMatch(k::startsWith)) {
                continue;
            }
            if (onlyPrefixes.length > 0 && java.util.Arrays.stream(onlyPrefixes).noneMatch(k::startsWith)) {
                continue;
            }
            if (byFold == null) {
                byFold = new java.util.HashMap<>();
                byGroup = new java.util.HashMap<>();
                for (String x : known) {
                    byFold.merge(fold(x), x, (a, b) -> a.compareTo(b) <= 0 ? a : b); // two known keys alike: the first in order
                    for (char sep : new char[] {'.', '_'}) {
                        int i = x.indexOf(sep);
                        if (i > 0) {
                            byGroup.computeIfAbsent(x.substring(0, i + 1), g -> new ArrayList<>()).add(x);
                        }
                    }
                }
            }
            String same = byFold.get(fold(k));
            String hint;
            if (same != null) {
                hint = "keys are case-sensitive: did you mean " + same + "?";
            } else {
                // the keys of the same group: up to the first '.' (service, HAL) or '_' (policy)
                int dot = k.indexOf('.') > 0 ? k.indexOf('.') : k.indexOf('_');
                List<String> near = dot > 0 ? byGroup.getOrDefault(k.substring(0, dot + 1), List.of()) : List.of();
                if (near.size() > 1) {
                    near.sort(null); // in order (a list sorted before: one pass)
                }
                hint = near.isEmpty() ? "allowed: the keys of the configuration reference" : "allowed: " + String.join(", ", near);
            }
            errors.add(e.getValue().origin + ": " + k + ": unknown key; " + hint);
        }
    }

    /** A key folded as {@link String#equalsIgnoreCase} compares characters: equal folds = equal ignoring case. */
    private static String fold(String key) {
        char[] c = key.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.toLowerCase(Character.toUpperCase(c[i]));
        }
        return new String(c);
    }

    public List<String> errors() {
        return Collections.unmodifiableList(errors);
    }

    /** Throws every recorded error at once. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }

    public static String range(double min, double max, String unit) {
        return fmt(min) + " to " + fmt(max) + (unit.isEmpty() ? "" : " " + unit);
    }

    public static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
