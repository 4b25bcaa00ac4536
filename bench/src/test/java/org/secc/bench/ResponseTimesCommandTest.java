package org.secc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The response-time benchmark measures the product as shipped: the JVM options README-bench gives its
 * command are the Yocto unit's ({@code SECC_JAVA_OPTS} in secc.service), so the two cannot drift apart.
 */
class ResponseTimesCommandTest {

    @Test
    void readmeRunsTheHarnessUnderTheUnitsJvmOptions() throws Exception {
        String unit = Files.readString(Path.of("..", "yocto", "meta-secc", "recipes-secc", "secc", "files", "secc.service"));
        Matcher u = Pattern.compile("Environment=\"SECC_JAVA_OPTS=([^\"]+)\"").matcher(unit);
        assertTrue(u.find(), "SECC_JAVA_OPTS in secc.service");
        String readme = Files.readString(Path.of("..", "secc-app", "README-bench.md"));
        Matcher r = Pattern.compile("-Dbench\\.jvm=\"([^\"]+)\" \\\\\\n\\s+-Dbench\\.main=org\\.secc\\.app\\.bench\\.ResponseTimes").matcher(readme);
        assertTrue(r.find(), "README-bench runs ResponseTimes with -Dbench.jvm");
        assertEquals(u.group(1).trim(), r.group(1).trim());
    }
}
