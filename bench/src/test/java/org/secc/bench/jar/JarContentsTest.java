package org.secc.bench.jar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.testpki.PkiGenerator;

/**
 * The charger jar ({@code secc-app/target/secc-app.jar}, built by the reactor before this module): within its
 * size budget, the charger only, nothing kept that links to a class its shade filters left out (except the
 * links listed here, which no code path of the charger reaches), and the TLS of both V2G profiles working
 * from the jar alone.
 */
class JarContentsTest {
    /** Issue #12's target for the artifact flashed onto a charger: at most 8 MB. */
    static final long BUDGET_BYTES = 8_000_000;

    static Path chargerJar() {
        Path jar = Path.of("..", "secc-app", "target", "secc-app.jar").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build it first (mvn -B -ntp -pl bench -am verify)");
        return jar;
    }

    @Test
    void theJarIsWithinItsBudgetAndHoldsTheChargerOnly() throws IOException {
        Path jar = chargerJar();
        long size = Files.size(jar);
        List<String> foreign = new ArrayList<>();
        int classes = 0;
        try (ZipFile z = new ZipFile(jar.toFile())) {
            for (var en = z.entries(); en.hasMoreElements(); ) {
                String n = en.nextElement().getName();
                if (n.endsWith(".class")) {
                    classes++;
                }
                // no JSON framework or schema library (OCPP has its own validator over common's JSON helper), no
                // emulator, bench or test code
                for (String p : List.of("tools/jackson/", "com/fasterxml/", "com/networknt/", "com/ethlo/", "org/secc/ev/", "org/secc/bench/",
                        "org/secc/testpki/", "org/bouncycastle/pqc/crypto/", "org/openjdk/", "org/junit/")) {
                    if (n.startsWith(p)) {
                        foreign.add(n);
                    }
                }
            }
        }
        assertEquals(List.of(), foreign.stream().limit(20).toList());
        assertTrue(size <= BUDGET_BYTES, "secc-app.jar is " + size + " bytes with " + classes + " classes, over its budget of " + BUDGET_BYTES);
    }

    /**
     * jdeps lists every class the jar's classes name that the jar (and the JDK) lacks. Those links exist in the
     * libraries but lead only to what the shade filters removed on purpose; each one listed here is unreachable
     * from the charger: a new entry means a filter cut something still in use.
     */
    @Test
    void nothingKeptLinksToWhatTheFiltersLeftOut() throws Exception {
        Path jar = chargerJar();
        String jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps").toString();
        Process p = new ProcessBuilder(jdeps, "--multi-release", "17", "--missing-deps", jar.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        Set<String> missing = new TreeSet<>();
        for (String line : out.split("\n")) {
            // "   org.a.B  -> org.c.D  not found", a multi-release class with its version first ("17/org.a.B")
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[1].equals("->") && !f[2].equals("not") && line.contains("not found")) {
                missing.add(f[0].replaceFirst("^\\d+/", "") + " -> " + f[2]);
            }
        }
        Set<String> unexpected = new TreeSet<>();
        for (String m : missing) {
            if (ALLOWED.stream().noneMatch(m::matches)) {
                unexpected.add(m);
            }
        }
        assertTrue(!missing.isEmpty(), "jdeps found nothing at all, which means it did not run:\n" + out);
        assertEquals(Set.of(), unexpected, "links from kept classes to classes not in the jar");
    }

    /** Links that end in what was left out on purpose; each is a regular expression over "from -> to". */
    static final List<String> ALLOWED = List.of(
            // the post-quantum implementations (left out since the module split): their JCA key factories, parameter
            // specs and TLS glue stay, and nothing the charger negotiates reaches them
            ".* -> org\\.bouncycastle\\.pqc\\.(crypto|legacy)\\..*",
            // bcutil's TSP structures are left out; a CMS Evidence is never parsed
            "org\\.bouncycastle\\.asn1\\.cms\\.Evidence -> org\\.bouncycastle\\.asn1\\.tsp\\..*",
            // ciphers of families left out, named only by code the V2G TLS never runs: key wrapping for a named
            // KeyAgreement secret, CMS content ciphers, GOST parameter specs, the SM2 cipher, the lightweight
            // BcTlsCrypto (BCJSSE runs on the JCA), a deprecated Twofish PBE
            "org\\.bouncycastle\\.jcajce\\.provider\\.asymmetric\\.util\\.WrapUtil -> org\\.bouncycastle\\.crypto\\.engines\\.(ARIA|Camellia|SEED)Engine",
            "org\\.bouncycastle\\.crypto\\.util\\.CipherFactory -> org\\.bouncycastle\\.crypto\\.engines\\.(CAST5|RC4)Engine",
            "org\\.bouncycastle\\.jcajce\\.spec\\.GOST28147(Wrap)?ParameterSpec -> org\\.bouncycastle\\.crypto\\.engines\\.GOST28147Engine",
            "org\\.bouncycastle\\.jcajce\\.provider\\.asymmetric\\.ec\\.GMCipherSpi(\\$\\w+)? -> org\\.bouncycastle\\.crypto\\.engines\\.SM2Engine",
            "org\\.bouncycastle\\.tls\\.crypto\\.impl\\.bc\\.BcTlsCrypto -> org\\.bouncycastle\\.crypto\\.engines\\.(ARIA|Camellia|SEED|SM4)Engine",
            "org\\.bouncycastle\\.jce\\.provider\\.BrokenJCEBlockCipher\\$OldPBEWithSHAAndTwofish -> org\\.bouncycastle\\.crypto\\.engines\\.TwofishEngine",
            "org\\.bouncycastle\\.crypto\\.digests\\.GOST3411Digest -> org\\.bouncycastle\\.crypto\\.engines\\.GOST28147Engine",
            // the finite-field DH family is left out (the V2G PKI is ECC); its helper stays with the shared utilities
            "org\\.bouncycastle\\.jcajce\\.provider\\.asymmetric\\.util\\.DHUtil -> org\\.bouncycastle\\.jcajce\\.provider\\.asymmetric\\.dh\\..*",
            // jSerialComm's Android port class (the charger is Linux)
            "com\\.fazecast\\.jSerialComm\\.android\\..* -> android\\..*");

    /** Every -20 suite with both key types and the -2 suite, handshaken by a JVM that has only the jar. */
    @Test
    void tlsOfBothProfilesWorksFromTheJarAlone(@TempDir Path dir) throws Exception {
        char[] pw = PkiGenerator.DEFAULT_PASSWORD.toCharArray();
        List<String> pkis = new ArrayList<>();
        for (PkiGenerator.KeyType t : List.of(PkiGenerator.KeyType.EC_P521, PkiGenerator.KeyType.ED448, PkiGenerator.KeyType.EC_P256)) {
            Path d = dir.resolve(t.name());
            new PkiGenerator(java.time.Instant.now(), PkiGenerator.DEFAULT_SECC_CN, PkiGenerator.DEFAULT_VEHICLE_CN, t).generate(d, pw);
            pkis.add(d.toString());
        }
        Path probeClasses = Path.of(TlsProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", chargerJar() + java.io.File.pathSeparator + probeClasses, TlsProbe.class.getName()));
        cmd.addAll(pkis);
        cmd.add(new String(pw));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), out);
        assertEquals(0, p.exitValue(), out);
        // 2 suites × 2 key types for -20, 1 for -2
        assertEquals(5, out.lines().filter(l -> l.startsWith("OK ")).count(), out);
        assertTrue(out.contains("ECDSA: no Bouncy Castle JCA provider"), out);
    }
}
