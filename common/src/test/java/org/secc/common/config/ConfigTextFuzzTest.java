package org.secc.common.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the one configuration parser: the bytes of a file (bounded, UTF-8, no
 * NUL), its lines, and every typed reader over every key the text sets. Contract: the only failure is
 * a {@link ConfigException} with a message; readers record errors and never throw; a number read is
 * finite and inside its range (secc-app/README-bench.md, "Fuzzing").
 */
class ConfigTextFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void configText(byte[] file) {
        if (file.length > ConfigText.MAX_BYTES) {
            return;
        }
        String text;
        try {
            text = ConfigText.decode("fuzz.conf", file);
        } catch (ConfigException e) {
            assertFalse(e.errors().isEmpty() || e.errors().get(0).isEmpty());
            return;
        }
        ConfigText t = ConfigText.parse("fuzz.conf", text);
        int i = 0;
        for (String key : t.keysStartingWith("")) {
            switch (i++ % 5) {
                case 0 -> {
                    double v = t.number(key, 1, -1e6, 1e6, "W");
                    assertTrue(Double.isFinite(v) && v >= -1e6 - 1e-9 && v <= 1e6 + 1e-9, key + " read as " + v);
                }
                case 1 -> {
                    long v = t.integer(key, 7, 0, 65535, "");
                    assertTrue(v >= 0 && v <= 65535, key + " read as " + v);
                }
                case 2 -> t.bool(key, false);
                case 3 -> t.choice(key, "a", "a", "b", "c");
                default -> t.string(key, "");
            }
            assertTrue(t.has(key));
        }
        t.required("a.required.key", "anything");
        t.checkUnknownKeys();
        for (String e : t.errors()) {
            assertTrue(e != null && !e.isEmpty());
        }
        try {
            t.throwIfInvalid();
        } catch (ConfigException e) {
            assertFalse(e.errors().isEmpty());
        }
    }
}
