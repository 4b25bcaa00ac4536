package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loopback bench of the README, from the repository's root as a new user runs it: `secc run --config
 * bench/secc-bench.conf` and `ev-emulator run --scenario charge-discharge-stop --host ::1 --port 50000`,
 * two processes, nothing else. The README must show exactly these commands (with the jars; the test
 * runs the same main classes from the build's class path).
 */
class BenchCommandsTest {
    static final String SECC = "java -jar secc-app/target/secc-app.jar run --config bench/secc-bench.conf";
    static final String EV = "java -jar ev-emulator/target/ev-emulator.jar run --scenario charge-discharge-stop --host ::1 --port 50000";

    @Test
    void theReadmeBenchCommandsPassWithNothingElse(@TempDir Path dir) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String readme = Files.readString(root.resolve("README.md"));
        assertTrue(readme.contains(SECC), "the README shows: " + SECC);
        assertTrue(readme.contains(EV), "the README shows: " + EV);

        Path seccLog = dir.resolve("secc.log");
        Process secc = java(root, "org.secc.app.cli.SeccMain", SECC, seccLog);
        try {
            waitFor(seccLog, "SECC up: V2G TCP", 60); // a JVM start: long on a loaded machine, the bench tests run in three JVMs
            assertTrue(Files.readString(seccLog).contains("secc: SIMULATED hardware (hal.backend = sim)"), "the banner of the simulated HAL");
            Path evLog = dir.resolve("ev.log");
            Process ev = java(root, "org.secc.ev.cli.EvMain", EV, evLog);
            assertTrue(ev.waitFor(120, TimeUnit.SECONDS), "the EV emulator finished");
            assertEquals(0, ev.exitValue(), Files.readString(evLog) + "\n--- secc ---\n" + Files.readString(seccLog));
            String out = Files.readString(evLog);
            assertTrue(out.contains("PASSED"), out);
        } finally {
            secc.destroy(); // SIGTERM: power off, contactors open
            assertTrue(secc.waitFor(20, TimeUnit.SECONDS));
        }
        assertTrue(Files.readString(seccLog).contains("secc: stopped; power off, contactors open"), Files.readString(seccLog));
    }

    /** The command's arguments after the jar, run as {@code java -cp <build> MAIN ...} in the repository's root. */
    private static Process java(Path root, String main, String command, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-cp", System.getProperty("java.class.path"), main));
        String[] words = command.split(" ");
        cmd.addAll(List.of(words).subList(3, words.length));
        return new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void waitFor(Path log, String text, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        fail("'" + text + "' did not appear: " + (Files.exists(log) ? Files.readString(log) : "no log"));
    }
}
