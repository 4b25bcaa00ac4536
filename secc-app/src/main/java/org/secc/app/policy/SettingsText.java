package org.secc.app.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parsed text of a policy file: {@code key = value} lines, {@code #} comments, blank lines.
 * Keeps the line number of every key so that each error names where it is. Reading a value checks it
 * and records an exact error (key, what is wrong, what is allowed) instead of throwing, so one pass
 * reports every problem of a file.
 */
public final class SettingsText {
    private record Entry(String value, int line) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final Set<String> used = new java.util.HashSet<>();

    private SettingsText() {
    }

    public static SettingsText parse(String text) {
        SettingsText s = new SettingsText();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int n = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                s.errors.add("line " + n + ": '" + line + "' is not 'key = value'");
                continue;
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            int hash = value.indexOf(" #");
            if (hash >= 0) {
                value = value.substring(0, hash).strip();
            }
            Entry prev = s.entries.put(key, new Entry(value, n));
            if (prev != null) {
                s.errors.add("line " + n + ": " + key + " is set twice (first on line " + prev.line + ")");
            }
        }
        return s;
    }

    /** An empty file: every key takes its default. */
    public static SettingsText empty() {
        return new SettingsText();
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    private String where(String key) {
        Entry e = entries.get(key);
        return e == null ? "" : "line " + e.line + ": ";
    }

    public String string(String key, String dflt) {
        used.add(key);
        Entry e = entries.get(key);
        return e == null ? dflt : e.value;
    }

    /** A number in [min, max]; on error records it and returns the default. */
    public double number(String key, double dflt, double min, double max, String unit) {
        used.add(key);
        Entry e = entries.get(key);
        if (e == null) {
            return dflt;
        }
        double v;
        try {
            v = Double.parseDouble(e.value);
        } catch (NumberFormatException ex) {
            error(key, "'" + e.value + "' is not a number; allowed " + range(min, max, unit));
            return dflt;
        }
        if (!Double.isFinite(v) || v < min - 1e-9 || v > max + 1e-9) { // tolerance: 60 + 1.8 is not 61.8 in binary
            error(key, e.value + " is out of range; allowed " + range(min, max, unit));
            return dflt;
        }
        return v;
    }

    /** One of the given words (case-insensitive); on error records it and returns the default. */
    public String choice(String key, String dflt, String... allowed) {
        used.add(key);
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

    /** Records an error about a key, prefixed with its line when the key is in the file. */
    public void error(String key, String what) {
        errors.add(where(key) + key + (entries.containsKey(key) ? "" : " (default)") + ": " + what);
    }

    /** Keys under these prefixes belong to another reader (the HAL's keys in the service config). */
    public void ownedElsewhere(String... prefixes) {
        for (String k : entries.keySet()) {
            for (String p : prefixes) {
                if (k.startsWith(p)) {
                    used.add(k);
                }
            }
        }
    }

    /** The keys that start with {@code prefix}, in file order (keys are lower case). */
    public List<String> keysStartingWith(String prefix) {
        return entries.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    /** Every key under the prefix with its value, marked as read (a module that validates its own keys). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : entries.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                used.add(e.getKey());
                out.put(e.getKey(), e.getValue().value);
            }
        }
        return out;
    }

    /** Keys that nobody read are typos: report them, so a misspelt setting never silently keeps a default. */
    public void checkUnknownKeys() {
        for (var e : entries.entrySet()) {
            if (!used.contains(e.getKey())) {
                errors.add("line " + e.getValue().line + ": " + e.getKey() + ": unknown key");
            }
        }
    }

    public List<String> errors() {
        return Collections.unmodifiableList(errors);
    }

    static String range(double min, double max, String unit) {
        return fmt(min) + " to " + fmt(max) + (unit.isEmpty() ? "" : " " + unit);
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
