package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.secc.app.policy.PolicyFile;
import org.secc.common.config.ConfigException;

/**
 * Coverage-guided fuzzing of the configuration files' readers on top of the one parser: the service
 * file (with the HAL's keys) and the discharge policy. Contract: a text is accepted or refused with a
 * {@link ConfigException} (the policy: an Invalid result) listing at least one error; nothing else
 * escapes (secc-app/README-bench.md, "Fuzzing").
 */
class ConfigFilesFuzzTest {

    /** Relative paths resolve against a directory that holds nothing. */
    private static final Path BASE = Path.of(System.getProperty("java.io.tmpdir"), "secc-fuzz-no-such-dir");

    /**
     * The text as it reaches these readers from a file: ConfigText.read refuses a file with a NUL byte
     * (ConfigTextFuzzTest covers that), so no value carries one (a path with NUL is not a path).
     */
    private static boolean readable(byte[] file) {
        for (byte b : file) {
            if (b == 0) {
                return false;
            }
        }
        return true;
    }

    @FuzzTest(maxDuration = "5s")
    void serviceConfig(byte[] file) {
        if (!readable(file)) {
            return;
        }
        try {
            assertNotNull(SeccConfig.parse(new String(file, StandardCharsets.UTF_8), BASE));
        } catch (ConfigException e) {
            assertFalse(e.errors().isEmpty());
        }
    }

    @FuzzTest(maxDuration = "5s")
    void policyFile(byte[] file) {
        if (!readable(file)) {
            return;
        }
        PolicyFile.Result r = PolicyFile.parse(new String(file, StandardCharsets.UTF_8));
        if (r instanceof PolicyFile.Invalid i) {
            assertFalse(i.errors().isEmpty());
        }
    }
}
