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

    public ConfigException(List<String> errors) {
        super("invalid configuration:\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
    }

    public ConfigException(String error) {
        this(List.of(error));
    }

    public List<String> errors() {
        return errors;
    }
}
