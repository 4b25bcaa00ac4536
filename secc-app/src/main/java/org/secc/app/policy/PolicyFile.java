package org.secc.app.policy;

import org.secc.common.config.ConfigText;
import java.nio.file.Path;
import java.util.List;
import org.secc.app.grid.GridCode;

/** Loads and validates the policy file ({@code key = value}; see secc-app/README-grid.md for every key). */
public final class PolicyFile {
    private PolicyFile() {
    }

    /** Result of a load: either a policy or every error found. */
    public sealed interface Result permits Loaded, Invalid {
    }

    public record Loaded(Policy policy) implements Result {
    }

    public record Invalid(List<String> errors) implements Result {
        public String message() {
            return String.join("\n", errors);
        }
    }

    public static Result parse(String text) {
        return parse(ConfigText.parse(text));
    }

    /** Validates parsed text (errors name the file and line when the text came from a file). */
    public static Result parse(ConfigText s) {
        GridCode code = GridCode.fromSettings(s);
        DischargePolicy d = DischargePolicy.fromSettings(s, code == null ? 60.0 : code.nominalHz);
        s.checkUnknownKeys();
        if (!s.errors().isEmpty()) {
            return new Invalid(s.errors());
        }
        return new Loaded(new Policy(d, code));
    }

    /** Reads with a bound (a /dev/zero or binary file is one clear error) and validates. */
    public static Result load(Path file) {
        try {
            return parse(ConfigText.read(file));
        } catch (org.secc.common.config.ConfigException e) {
            return new Invalid(e.errors());
        }
    }

    /** The policy of an empty file: defaults, no grid code, so charge-only. */
    public static Policy defaults() {
        return ((Loaded) parse("")).policy();
    }
}
