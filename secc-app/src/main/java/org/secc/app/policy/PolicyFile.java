package org.secc.app.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.secc.app.grid.GridCode;

/** Loads and validates the policy file ({@code key = value}; see secc-app/README-grid.md for every key). */
public final class PolicyFile {
    private static final long MAX_BYTES = 256 * 1024;

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
        SettingsText s = SettingsText.parse(text);
        GridCode code = GridCode.fromSettings(s);
        DischargePolicy d = DischargePolicy.fromSettings(s, code == null ? 60.0 : code.nominalHz);
        s.checkUnknownKeys();
        if (!s.errors().isEmpty()) {
            return new Invalid(s.errors());
        }
        return new Loaded(new Policy(d, code));
    }

    public static Result load(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return new Invalid(List.of(file + ": " + size + " bytes; a policy file is at most " + MAX_BYTES));
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | java.io.UncheckedIOException e) {
            return new Invalid(List.of(file + ": cannot read: " + e.getMessage()));
        }
    }

    /** The policy of an empty file: defaults, no grid code, so charge-only. */
    public static Policy defaults() {
        return ((Loaded) parse("")).policy();
    }
}
