package org.secc.hal.yocto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.secc.testsupport.Prerequisites;
import org.junit.jupiter.api.Test;
import org.secc.hal.config.HalConfig;

/**
 * Lints what can be linted of yocto/meta-secc without BitBake: layer.conf and recipe assignment
 * syntax and required variables, that every SRC_URI file is there (or staged by stage-jar.sh), the
 * systemd unit with {@code systemd-analyze verify} when available plus the settings it must have,
 * and that the default secc.conf is a properties file HalConfig accepts for the linux backend.
 */
class YoctoLayerTest {
    static final Path YOCTO = Path.of("..", "yocto").toAbsolutePath().normalize();
    static final Path LAYER = YOCTO.resolve("meta-secc");
    static final Path RECIPE_DIR = LAYER.resolve("recipes-secc/secc");
    static final Path FILES = RECIPE_DIR.resolve("files");

    /** BitBake assignment: NAME[:override...] op "value" with balanced quotes, continuation lines joined. */
    private static final Pattern ASSIGN = Pattern.compile(
            "^([A-Za-z_][A-Za-z0-9_${}.\\-]*(?::[A-Za-z0-9_${}.\\-]+)*)\\s*(\\?\\?=|\\?=|:=|\\+=|=\\+|\\.=|=\\.|=)\\s*\"(.*)\"$");

    /** Parses the assignments of a .conf/.bb file, failing on any line that is not one (functions skipped). */
    static Map<String, String> assignments(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> joined = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inFunction = false;
        for (String l : lines) {
            if (inFunction) {
                inFunction = !l.equals("}");
                continue;
            }
            if (l.matches("^[a-z_:${}A-Z]+\\(\\)\\s*\\{\\s*$")) {
                inFunction = true;
                continue;
            }
            if (l.endsWith("\\")) {
                cur.append(l, 0, l.length() - 1);
                continue;
            }
            cur.append(l);
            joined.add(cur.toString().strip());
            cur.setLength(0);
        }
        assertEquals(0, cur.length(), file + ": continuation at end of file");
        assertFalse(inFunction, file + ": unterminated function");
        for (String l : joined) {
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("inherit ")) {
                continue;
            }
            Matcher m = ASSIGN.matcher(l);
            if (!m.matches() || m.group(3).contains("\"")) {
                fail(file.getFileName() + ": not a BitBake assignment: " + l);
            }
            out.merge(m.group(1), m.group(3).strip(), (a, b) -> a + " " + b);
        }
        return out;
    }

    @Test
    void layerConfHasWhatBitbakeNeeds() throws IOException {
        Map<String, String> a = assignments(LAYER.resolve("conf/layer.conf"));
        assertEquals(":${LAYERDIR}", a.get("BBPATH"));
        assertTrue(a.get("BBFILES").contains("${LAYERDIR}/recipes-*/*/*.bb"), a.toString());
        assertEquals("meta-secc", a.get("BBFILE_COLLECTIONS"));
        assertEquals("^${LAYERDIR}/", a.get("BBFILE_PATTERN_meta-secc"));
        assertTrue(a.get("BBFILE_PRIORITY_meta-secc").matches("\\d+"));
        assertEquals("core", a.get("LAYERDEPENDS_meta-secc"));
        List<String> series = List.of(a.get("LAYERSERIES_COMPAT_meta-secc").split("\\s+"));
        assertTrue(series.contains("scarthgap") && series.contains("walnascar"), series.toString());
        assertFalse(series.contains("kirkstone"), "no Java 17 runtime layer is assumed for kirkstone");
    }

    @Test
    void recipeInstallsWhatItFetches() throws IOException {
        Path bb = RECIPE_DIR.resolve("secc_0.1.bb");
        Map<String, String> a = assignments(bb);
        String recipe = Files.readString(bb);
        List<String> uris = new ArrayList<>();
        Matcher m = Pattern.compile("file://(\\S+)").matcher(a.get("SRC_URI"));
        while (m.find()) {
            uris.add(m.group(1));
        }
        assertEquals(List.of("secc-app.jar", "secc.conf", "policy.conf", "secc.service", "99-secc-gpio.rules"), uris);
        for (String u : uris) {
            if (u.equals("secc-app.jar")) {
                assertTrue(Files.isExecutable(YOCTO.resolve("stage-jar.sh")), "the jar is staged by stage-jar.sh");
                assertTrue(Files.readString(YOCTO.resolve("stage-jar.sh")).contains("secc-app/target/secc-app.jar"));
            } else {
                assertTrue(Files.isRegularFile(FILES.resolve(u)), "missing " + u);
            }
            assertTrue(recipe.contains("${SECC_SRC}/" + u), u + " is fetched but not installed");
        }
        assertTrue(recipe.contains("${D}${datadir}/secc/secc-app.jar"));
        assertTrue(recipe.contains("${D}${sysconfdir}/secc/secc.conf"));
        assertEquals("${SECC_SRC}", a.get("S"), "never S = WORKDIR (an error from styhead on)");
        assertEquals("secc.service", a.get("SYSTEMD_SERVICE:${PN}"));
        assertTrue(a.get("USERADD_PARAM:${PN}").contains("secc"));
        assertTrue(recipe.contains("inherit allarch systemd useradd"));
        assertTrue(a.get("RDEPENDS:${PN}").contains("${SECC_JRE}"));
    }

    @Test
    void systemdUnitRunsTheJarAsSeccWithOnlyNetRaw() throws Exception {
        Path unit = FILES.resolve("secc.service");
        Map<String, List<String>> svc = new LinkedHashMap<>();
        String section = "";
        for (String l : Files.readAllLines(unit)) {
            l = l.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("[")) {
                section = l;
                continue;
            }
            int eq = l.indexOf('=');
            assertTrue(eq > 0, "not key=value: " + l);
            svc.computeIfAbsent(section + l.substring(0, eq), k -> new ArrayList<>()).add(l.substring(eq + 1));
        }
        assertEquals(List.of("/usr/bin/java $SECC_JAVA_OPTS -jar /usr/share/secc/secc-app.jar run --config "
                + "/etc/secc/secc.conf"), svc.get("[Service]ExecStart"));
        assertEquals(List.of("secc"), svc.get("[Service]User"));
        assertEquals(List.of("CAP_NET_RAW"), svc.get("[Service]AmbientCapabilities"));
        assertEquals(List.of("CAP_NET_RAW"), svc.get("[Service]CapabilityBoundingSet"));
        assertEquals(List.of("on-failure"), svc.get("[Service]Restart"));
        assertEquals(List.of("multi-user.target"), svc.get("[Install]WantedBy"));
        for (String forbidden : List.of("PrivateDevices", "ProtectKernelTunables", "WatchdogSec")) {
            assertFalse(svc.containsKey("[Service]" + forbidden), forbidden + " would break GPIO/sysfs or kill the app");
        }
        // an Environment= value with blanks must be quoted, or systemd splits it into several assignments
        svc.getOrDefault("[Service]Environment", List.of())
                .forEach(e -> assertTrue(!e.contains(" ") || e.startsWith("\""), e));

        Path analyze = Path.of("/usr/bin/systemd-analyze");
        Prerequisites.require(Files.isExecutable(analyze) && Files.isExecutable(Path.of("/usr/bin/java")),
                "systemd-analyze or /usr/bin/java not installed: unit verified by the checks above only");
        Process p = new ProcessBuilder(analyze.toString(), "verify", unit.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.strip(), "systemd-analyze verify warns: " + out);
    }

    @Test
    void udevRulesAreWellFormed() throws IOException {
        for (String l : Files.readAllLines(FILES.resolve("99-secc-gpio.rules"))) {
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            for (String part : l.split(",\\s*(?=[A-Z+]+[=!+]=?|[A-Z]+=)")) {
                assertTrue(part.strip().matches("[A-Z]+(\\{[a-z_]+\\})?(==|!=|=|\\+=)\"[^\"]*\""), "bad udev token: " + part);
            }
        }
    }

    @Test
    void defaultConfigIsAPropertiesFileTheLinuxHalAccepts() throws IOException {
        String text = Files.readString(FILES.resolve("secc.conf"));
        HalConfig cfg = HalConfig.parse(text);
        assertEquals("linux", cfg.backend());
        Properties props = new Properties();
        props.load(new StringReader(text));
        int halKeys = 0;
        for (String line : HalConfig.describe()) {
            String key = line.substring(0, line.indexOf(' '));
            if (props.containsKey(key)) {
                halKeys++;
                assertEquals(cfg.string(key), props.getProperty(key), "Properties and HalConfig disagree on " + key);
            } else {
                assertTrue(key.startsWith("sim."), "secc.conf lacks " + key);
            }
        }
        long halPrefixed = props.stringPropertyNames().stream().filter(k -> k.matches("(hal|cp|power|grid|sim|linux|isolation)\\..*")).count();
        assertEquals(halPrefixed, halKeys, "every HAL-prefixed key in secc.conf is a HAL key");
        assertTrue(text.contains("# network, session, charge control, policy:"), "the application's keys follow the marker");
    }
}
