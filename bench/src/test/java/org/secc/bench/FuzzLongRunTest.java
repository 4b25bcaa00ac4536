package org.secc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.secc.testsupport.Prerequisites;

/**
 * The long-run command of secc-app/README-bench.md ("Fuzzing"), shortened: bench/fuzz-long.sh builds a
 * module from this tree and runs one target under libFuzzer until the number of executions; exit 0
 * and libFuzzer's closing line.
 */
class FuzzLongRunTest {

    @Test
    void theLongRunScriptRunsATarget() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String readme = Files.readString(root.resolve("secc-app/README-bench.md"));
        assertTrue(readme.contains("bench/fuzz-long.sh exi-codec org.secc.exi.fuzz.ExiDecodeFuzzTest dc 10000000 3600"), "the README shows the command");
        boolean mvn = List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream().anyMatch(d -> Files.isExecutable(Path.of(d, "mvn")));
        Prerequisites.require(mvn, "mvn on the PATH (the script builds the module)");
        Path log = Files.createTempFile("fuzz-long", ".log");
        try {
            // a target in a module that needs others of the reactor (common, exi-codec, hal, ...): the build installs none
            // of them, and the script once looked for them in the local repository, so it failed on a fresh machine
            Process p = new ProcessBuilder(root.resolve("bench/fuzz-long.sh").toString(), "secc-app", "org.secc.app.ctl.CtlRequestFuzzTest",
                    "requestLine", "300", "120").directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the script finished");
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.matches("(?s).*Done \\d+ runs in \\d+ second\\(s\\).*"), out);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
