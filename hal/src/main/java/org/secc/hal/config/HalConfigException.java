package org.secc.hal.config;

import java.util.List;

/** The configuration is invalid; {@link #problems()} lists every problem, one line each. */
public final class HalConfigException extends RuntimeException {
    private final List<String> problems;

    public HalConfigException(List<String> problems) {
        super("invalid hal configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
