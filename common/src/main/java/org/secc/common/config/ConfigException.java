package org.secc.common.config;

import java.util.List;

/**
 * Every problem found in a configuration (service, HAL or policy file, or a command-line option that
 * overrides one of their keys), each naming where it is, the key, what is wrong and what is allowed.
 * The command line exits with {@link #EXIT_CODE} for every configuration error.
 */
public class ConfigException extends IllegalArgumentException {
    /** The exit code of every configuration error. */
    public static final int EXIT_CODE = 2;

    private final List<String> errors;

    /**
     * Errors shown in the message: a 1 MiB file of nonsense (the read bound) has tens of thousands, and a
     * screen of them says no more than the first ones and a count; {@link #errors()} keeps them all.
     */
    public static final int SHOWN = 50;

    public ConfigException(List<String> errors) {
        super(message(errors));
        this.errors = List.copyOf(errors);
    }

    private static String message(List<String> errors) {
        return "invalid configuration:\n  " + String.join("\n  ", shown(errors));
    }

    /** The errors to print: all up to {@link #SHOWN}, else the first {@link #SHOWN} and a line with the count of the rest. */
    public static List<String> shown(List<String> errors) {
        if (errors.size() <= SHOWN) {
            return errors;
        }
        List<String> out = new java.util.ArrayList<>(errors.subList(0, SHOWN));
        out.add("... and " + (errors.size() - SHOWN) + " more errors (" + errors.size() + " in all; the first " + SHOWN + " shown)");
        return out;
    }

    /** {@link #shown(List)} of this exception's errors. */
    public List<String> shown() {
        return shown(errors);
    }

    public ConfigException(String error) {
        this(List.of(error));
    }

    public List<String> errors() {
        return errors;
    }
}
