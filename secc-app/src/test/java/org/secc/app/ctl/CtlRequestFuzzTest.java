package org.secc.app.ctl;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the control socket's request line parser (the same parser checks the
 * CLI's words). Contract: a line parses or is refused with {@link IllegalArgumentException} whose
 * message says what is allowed; nothing else escapes (secc-app/README-bench.md, "Fuzzing").
 */
class CtlRequestFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void requestLine(byte[] line) {
        // what the server hands the parser: one line of at most 4,096 bytes, decoded as UTF-8
        if (line.length > 4096) {
            return;
        }
        String s = new String(line, StandardCharsets.UTF_8);
        try {
            assertNotNull(CtlRequest.parse(s));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
    }
}
