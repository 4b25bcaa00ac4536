package org.secc.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one configuration parser: key rule, value readers, error style, bounded reads. */
class ConfigTextTest {
    @Test
    void readsTypedValuesAndReportsEveryProblemWithItsOrigin() {
        ConfigText t = ConfigText.parse("a.conf", """
                # comment
                net.port = 50050.9
                net.name = eth1   # trailing comment
                net.ratio = 0x1p3
                net.mode = FAST
                Net.Name = eth2
                net.count = 7
                net.count = 8
                broken line
                """);
        assertEquals(0, t.integer("net.port", 0, 0, 65535, ""));
        assertEquals("eth1", t.string("net.name", "eth0"));
        assertEquals(1.0, t.number("net.ratio", 1, 0, 10, ""));
        assertEquals("fast", t.choice("net.mode", "slow", "slow", "fast"), "values in any case");
        assertEquals(7, t.integer("net.count", 0, 0, 10, ""), "the first value counts");
        assertEquals(5.5, t.number("net.absent", 5.5, 0, 10, ""));
        t.checkUnknownKeys();
        assertEquals(List.of(
                "a.conf:8: net.count: set twice (first at a.conf:7); allowed once",
                "a.conf:9: 'broken line' is not 'key = value'",
                "a.conf:2: net.port: '50050.9' is not a whole number; allowed 0 to 65535",
                "a.conf:4: net.ratio: '0x1p3' is not a decimal number; allowed 0 to 10",
                "a.conf:6: Net.Name: unknown key; keys are case-sensitive: did you mean net.name?"), t.errors());
        ConfigException e = assertThrows(ConfigException.class, t::throwIfInvalid);
        assertEquals(5, e.errors().size());
        assertEquals(2, ConfigException.EXIT_CODE);
    }

    /** A file of nonsense: every error is kept, the message shows the first ones and a count. */
    @Test
    void aFileOfManyErrorsShowsTheFirstFiftyAndACount() {
        for (int n : new int[] {ConfigException.SHOWN - 1, ConfigException.SHOWN, ConfigException.SHOWN + 1, 20_000}) {
            ConfigText t = ConfigText.parse("big.conf", "garbage\n".repeat(n));
            ConfigException e = assertThrows(ConfigException.class, t::throwIfInvalid);
            assertEquals(n, e.errors().size());
            long shown = e.getMessage().lines().filter(l -> l.contains("is not 'key = value'")).count();
            assertEquals(Math.min(n, ConfigException.SHOWN), shown, "errors in the message of " + n);
            assertEquals(n > ConfigException.SHOWN, e.getMessage().contains("... and " + (n - ConfigException.SHOWN) + " more errors ("
                    + n + " in all"), () -> e.getMessage().lines().reduce((a, b) -> b).orElse(""));
            assertTrue(e.getMessage().contains("big.conf:1: 'garbage' is not 'key = value'"), "the first error comes first");
        }
    }

    @Test
    void linesSplitAtLfAndCrLfOnlyAndKeepTheirNumbers() {
        for (String text : List.of("", "a", "a\n", "a\r\nb", "a\rb\n", "a\r\r\nb", "\r\n\r\n", "\n\n", "a\r", "\r", "x\n\r")) {
            assertEquals(List.of(text.split("\r?\n", -1)), ConfigText.lines(text), () -> "lines of '" + text.replace("\r", "<CR>") + "'");
        }
        ConfigText t = ConfigText.parse("a.conf", "a = 1\r\n\r\nbroken\rline\r\nb = 2\nc\n");
        assertEquals(List.of("a.conf:3: 'broken\rline' is not 'key = value'", "a.conf:5: 'c' is not 'key = value'"), t.errors());
        assertEquals("a.conf:4", t.origin("b"));
    }

    @Test
    void aFileAtTheBoundIsParsedLineByLine() {
        // 1 MiB of 'k<i> = <i>' lines: every key kept with its own line number
        StringBuilder sb = new StringBuilder();
        int n = 0;
        while (sb.length() < ConfigText.MAX_BYTES - 40) {
            sb.append("k").append(n).append(" = ").append(n).append("\r\n");
            n++;
        }
        ConfigText t = ConfigText.parse("big.conf", sb.toString());
        assertEquals(n, t.keysStartingWith("k").size());
        assertEquals("big.conf:" + n, t.origin("k" + (n - 1)));
        assertEquals(n - 1, t.integer("k" + (n - 1), -1, 0, Integer.MAX_VALUE, ""));
        assertTrue(t.errors().isEmpty(), t.errors()::toString);
    }

    @Test
    void unknownKeysAreHintedFromAnIndexOfTheKnownOnes() {
        StringBuilder sb = new StringBuilder("NET.PORT = 1\nnet.\u212Aey = 2\npol_x = 3\nzzz = 4\n.a_b = 5\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("net.k").append(i).append(" = 1\n");
        }
        ConfigText t = ConfigText.parse("a.conf", sb.toString());
        t.integer("net.port", 0, 0, 65535, "");
        t.string("net.key", "");
        t.string("net.name", "");
        t.string("pol_limit", "");
        t.string(".a_c", "");
        t.checkUnknownKeys();
        List<String> e = t.errors();
        assertEquals(20_005, e.size());
        assertEquals("a.conf:1: NET.PORT: unknown key; keys are case-sensitive: did you mean net.port?", e.get(0));
        assertEquals("a.conf:2: net.\u212Aey: unknown key; keys are case-sensitive: did you mean net.key?", e.get(1), "the Kelvin sign is a k ignoring case");
        assertEquals("a.conf:3: pol_x: unknown key; allowed: pol_limit", e.get(2));
        assertEquals("a.conf:4: zzz: unknown key; allowed: the keys of the configuration reference", e.get(3));
        assertEquals("a.conf:5: .a_b: unknown key; allowed: .a_c", e.get(4));
        assertEquals("a.conf:20005: net.k19999: unknown key; allowed: net.key, net.name, net.port", e.get(20_004));
    }

    @Test
    void anOptionOverridesAKeyAndErrorsNameTheOption() {
        ConfigText t = ConfigText.parse("a.conf", "net.port = 1\n").override("net.port", "99999", "--port");
        assertEquals(0, t.integer("net.port", 0, 0, 65535, ""));
        assertEquals(List.of("option --port: net.port: 99999 is out of range; allowed 0 to 65535"), t.errors());
        assertEquals("option --port", t.origin("net.port"));
    }

    @Test
    void requiredKeysAndDefaultsAreNamed() {
        ConfigText t = ConfigText.parse("a.conf", "");
        assertEquals(null, t.required("hal.backend", "sim or linux"));
        t.error("x.y", "too small");
        assertEquals(List.of("a.conf: hal.backend: missing; it has no default, allowed sim or linux", "a.conf: x.y (default): too small"),
                t.errors());
        ConfigText unnamed = ConfigText.parse("k = v\nk = w\n");
        assertEquals(List.of("line 2: k: set twice (first at line 1); allowed once"), unnamed.errors());
    }

    @Test
    void filesAreReadWithABoundAndMustBeUtf8Text(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.conf");
        Files.write(f, ("\uFEFFnet.name = eth1\n").getBytes(StandardCharsets.UTF_8));
        ConfigText t = ConfigText.read(f);
        assertEquals("eth1", t.string("net.name", ""));
        t.checkUnknownKeys();
        assertTrue(t.errors().isEmpty(), "a byte-order mark is tolerated: " + t.errors());
        Files.write(f, new byte[ConfigText.MAX_BYTES + 1]);
        assertEquals(List.of(f + ": longer than 1048576 bytes; a configuration file is a short text file"),
                assertThrows(ConfigException.class, () -> ConfigText.read(f)).errors());
        Files.write(f, new byte[] {'a', '=', 0});
        assertEquals(List.of(f + ": not a text file (a NUL byte at offset 2); expected UTF-8 'key = value' lines"),
                assertThrows(ConfigException.class, () -> ConfigText.read(f)).errors());
        assertEquals(List.of(dir.resolve("b.conf") + ": no such file"),
                assertThrows(ConfigException.class, () -> ConfigText.read(dir.resolve("b.conf"))).errors());
    }
}
