package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive as the board makes and uses it (yocto/README.md, "Fast start"): the layer's
 * own {@code secc-cds} script dumps an AppCDS archive from the firmware jar and the class list the
 * build's training run wrote, and the firmware jar then starts ({@code run --check}, "SECC up") with
 * the unit's JVM options and {@code -Xshare:on}, which refuses to start if the archive cannot be
 * mapped; the class-loading log shows the application's start-up classes coming from the archive.
 * No timing is asserted here: the start-up figures are in the README, with the load they were measured under.
 */
class SeccCdsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SECC_CDS = ROOT.resolve("yocto/meta-secc/recipes-secc/secc/files/secc-cds");
    private static final Path UNIT = ROOT.resolve("yocto/meta-secc/recipes-secc/secc/files/secc.service");

    private static String javaBin() {
        return System.getProperty("java.home") + "/bin/java";
    }

    private static Process start(List<String> cmd, Path out, String... env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        return pb.start();
    }

    private static int run(List<String> cmd, Path out, String... env) throws Exception {
        Process p = start(cmd, out, env);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(cmd + " did not finish in 120 s:\n" + Files.readString(out));
        }
        return p.exitValue();
    }

    /** The unit's JVM options ({@code Environment="SECC_JAVA_OPTS=..."}), so the check runs the JVM as the board does. */
    private static List<String> unitJavaOpts() throws Exception {
        for (String line : Files.readAllLines(UNIT)) {
            if (line.startsWith("Environment=\"SECC_JAVA_OPTS=")) {
                String v = line.substring("Environment=\"SECC_JAVA_OPTS=".length(), line.length() - 1);
                return Arrays.asList(v.trim().split("\\s+"));
            }
        }
        throw new AssertionError("no SECC_JAVA_OPTS in " + UNIT);
    }

    @Test
    void theLayersArchiveIsBuiltFromTheFirmwareJarAndTheServiceStartsWithIt(@TempDir Path dir) throws Exception {
        Path jar = RunProcessTest.chargerJar();
        Path list = jar.resolveSibling("secc-app.classlist");
        assertTrue(Files.isRegularFile(list), list + " is missing: the build's training run writes it in the package phase");
        Path jsa = dir.resolve("secc-app.jsa");
        String[] env = {"SECC_CDS_JAR", jar.toString(), "SECC_CDS_CLASSLIST", list.toString(), "SECC_CDS_JAVA", javaBin()};

        Path dump = dir.resolve("secc-cds.out");
        assertEquals(0, run(List.of("sh", SECC_CDS.toString(), jsa.toString()), dump, env), Files.readString(dump));
        assertTrue(Files.readString(dump).contains("secc-cds: class-data archive " + jsa + " built"),
                Files.readString(dump) + Files.readString(dir.resolve("secc-app.jsa.log")));
        assertTrue(Files.size(jsa) > 1_000_000, "archive of " + Files.size(jsa) + " bytes");

        // Again with nothing changed: the archive stays as it is (no dump before every start).
        FileTime made = Files.getLastModifiedTime(jsa);
        assertEquals(0, run(List.of("sh", SECC_CDS.toString(), jsa.toString()), dump, env));
        assertEquals("", Files.readString(dump));
        assertEquals(made, Files.getLastModifiedTime(jsa));

        // The service's start with the archive: the unit's options, -Xshare:on instead of auto so a
        // stale or unusable archive fails the start instead of being skipped.
        Path classes = dir.resolve("class-load.log");
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-XX:+ExitOnOutOfMemoryError", "-Xshare:on",
                "-XX:SharedArchiveFile=" + jsa, "-Xlog:class+load=info:file=" + classes));
        cmd.addAll(unitJavaOpts());
        cmd.addAll(List.of("-jar", jar.toString(), "run", "--check",
                "--config", ROOT.resolve("secc-app/src/cds/training.conf").toString(),
                "--iface", "lo", "--no-slac", "--tls", "--no-ctl")); // TLS 1.3 with the build's training PKI
        Path out = dir.resolve("secc.out");
        assertEquals(0, run(cmd, out), String.join(" ", cmd) + "\n" + Files.readString(out));
        String log = Files.readString(out);
        assertTrue(log.contains("SECC up: V2G TLS"), log);

        // Which of the application's and the TLS provider's classes came from the archive.
        List<String> loaded = Files.readAllLines(classes);
        List<String> app = fromArchive(loaded, " org.secc.");
        assertTrue(app.stream().anyMatch(l -> l.contains(" org.secc.app.run.SeccService ")), String.join("\n", app));
        assertTrue(app.stream().anyMatch(l -> l.contains(" org.secc.app.run.RunCommand ")), String.join("\n", app));
        assertTrue(fromArchive(loaded, " org.bouncycastle.").size() > 100, "the TLS provider's classes from the archive");
    }

    /** The lines of classes whose name starts with {@code prefix}, after checking that at least 90 % came from the archive. */
    private static List<String> fromArchive(List<String> classLoadLog, String prefix) {
        List<String> all = classLoadLog.stream().filter(l -> l.contains(prefix)).collect(Collectors.toList());
        List<String> shared = all.stream().filter(l -> l.contains("source: shared objects file")).collect(Collectors.toList());
        assertTrue(!all.isEmpty() && shared.size() * 10 >= all.size() * 9, shared.size() + " of " + all.size() + prefix.trim()
                + "* classes from the archive; from elsewhere:\n"
                + all.stream().filter(l -> !l.contains("source: shared objects file")).collect(Collectors.joining("\n")));
        return shared;
    }
}
