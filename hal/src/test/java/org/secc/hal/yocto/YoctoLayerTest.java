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
 * Keeps yocto/meta-secc consistent with the build where BitBake cannot run (CI reaches no layer
 * repositories): assignment syntax, version and licence checksum against the reactor, file names the
 * Maven build produces, everything installed where the unit and secc-cds expect it; the unit with
 * {@code systemd-analyze verify} and {@code security} (exposure at most 3.0); the udev rules; and
 * that the default secc.conf is a properties file HalConfig accepts for the linux backend.
 */
class YoctoLayerTest {
    static final Path YOCTO = Path.of("..", "yocto").toAbsolutePath().normalize();
    static final Path LAYER = YOCTO.resolve("meta-secc");
    static final Path RECIPE_DIR = LAYER.resolve("recipes-secc/secc");
    static final Path FILES = RECIPE_DIR.resolve("files");

    /** BitBake assignment: NAME[:override...][[flag]] op "value" with balanced quotes, continuation lines joined. */
    private static final Pattern ASSIGN = Pattern.compile(
            "^([A-Za-z_][A-Za-z0-9_${}.\\-]*(?::[A-Za-z0-9_${}.\\-]+)*(?:\\[[a-z_]+\\])?)\\s*(\\?\\?=|\\?=|:=|\\+=|=\\+|\\.=|=\\.|=)\\s*\"(.*)\"$");

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
            if (l.matches("^(python )?[a-z_:${}A-Z]+\\(\\)\\s*\\{\\s*$")) {
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

    private static final Path ROOT = YOCTO.getParent();
    private static final Path RECIPE = RECIPE_DIR.resolve("secc_0.1.0.bb");

    /** Under CI a missing tool fails the test; elsewhere it skips with the reason. */
    static void requireTool(Path tool, String why) {
        Prerequisites.require(Files.isExecutable(tool), tool + " not installed (.ci/run installs it): " + why);
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), cmd + " hangs");
        return p.exitValue() + "\n" + out;
    }

    static Map<String, List<String>> unit(Path unit) throws IOException {
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
        return svc;
    }

    @Test
    void layerConfHasWhatBitbakeNeeds() throws IOException {
        Map<String, String> a = assignments(LAYER.resolve("conf/layer.conf"));
        assertEquals(":${LAYERDIR}", a.get("BBPATH"));
        assertTrue(a.get("BBFILES").contains("${LAYERDIR}/recipes-*/*/*.bb"), a.toString());
        assertEquals("meta-secc", a.get("BBFILE_COLLECTIONS"));
        assertEquals("^${LAYERDIR}/", a.get("BBFILE_PATTERN_meta-secc"));
        assertTrue(a.get("BBFILE_PRIORITY_meta-secc").matches("\\d+"));
        // The JRE, the JDK and Maven are this layer's own recipes: nothing but oe-core is needed.
        assertEquals("core", a.get("LAYERDEPENDS_meta-secc"));
        List<String> series = List.of(a.get("LAYERSERIES_COMPAT_meta-secc").split("\\s+"));
        assertTrue(series.contains("scarthgap"), "the LTS the layer was checked on: " + series);
        assertEquals("${@os.path.normpath('${LAYERDIR}/../..')}", a.get("SECC_PROJECT_DIR"));
        assertTrue(Files.isRegularFile(LAYER.resolve("../../pom.xml").normalize()), "SECC_PROJECT_DIR is the project root");
    }

    @Test
    void recipeLicenceMatchesTheProjectsLicenceFile() throws Exception {
        Map<String, String> a = assignments(RECIPE);
        assertEquals("Apache-2.0", a.get("LICENSE"));
        Matcher m = Pattern.compile("^file://LICENSE;md5=([0-9a-f]{32})$").matcher(a.get("LIC_FILES_CHKSUM"));
        assertTrue(m.matches(), a.get("LIC_FILES_CHKSUM"));
        byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(Files.readAllBytes(ROOT.resolve("LICENSE")));
        assertEquals(java.util.HexFormat.of().formatHex(md5), m.group(1), "LIC_FILES_CHKSUM is the md5 of LICENSE");
        assertTrue(Files.readString(ROOT.resolve("LICENSE")).contains("Apache License\n                           Version 2.0"));
    }

    @Test
    void recipeBuildsTheJarFromSourceAndInstallsWhatTheUnitRuns() throws Exception {
        Map<String, String> a = assignments(RECIPE);
        String recipe = Files.readString(RECIPE);
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        String appPom = Files.readString(ROOT.resolve("secc-app/pom.xml"));
        // Version: the recipe's PV is the reactor's version (without -SNAPSHOT), git-suffixed.
        Matcher v = Pattern.compile("<artifactId>secc-parent</artifactId>\\s*<version>([0-9.]+)(-SNAPSHOT)?</version>").matcher(pom);
        assertTrue(v.find());
        assertEquals(v.group(1) + "+git", a.get("PV"));
        assertEquals("secc_" + v.group(1) + ".bb", RECIPE.getFileName().toString());
        // Source: the project's own git checkout, built with Maven from an offline repository filled in do_fetch.
        assertTrue(a.get("SRC_URI").startsWith("git://${SECC_PROJECT_DIR};protocol=file;usehead=1;destsuffix=secc-src "), a.get("SRC_URI"));
        assertFalse(a.get("SRC_URI").contains(".jar"), "no jar copied in by hand");
        assertTrue(a.get("DEPENDS").contains("temurin-jdk-17-native") && a.get("DEPENDS").contains("maven-native"));
        assertTrue(a.get("do_fetch[postfuncs]").contains("secc_fetch_maven_repository"));
        assertTrue(recipe.contains("mvn --offline ${SECC_MAVEN_ARGS}"));
        // do_compile's start-up run of the jar needs loopback in the task's own network namespace.
        assertTrue(a.get("do_compile[prefuncs]").contains("secc_loopback_up"));
        assertTrue(recipe.contains("bb.utils.enable_loopback_networking()"));
        assertTrue(a.get("SECC_MAVEN_ARGS").contains("-pl secc-app -am package"));
        // What the Maven build produces under those names.
        assertTrue(appPom.contains("<outputFile>${project.build.directory}/secc-app.jar</outputFile>"));
        assertTrue(appPom.contains("-XX:DumpLoadedClassList=${project.build.directory}/secc-app.classlist"));
        assertTrue(appPom.contains("<thirdPartyFilename>THIRD-PARTY-NOTICES.txt</thirdPartyFilename>"));
        for (String built : List.of("secc-app/target/secc-app.jar", "secc-app/target/secc-app.classlist",
                "secc-app/target/generated-sources/license/THIRD-PARTY-NOTICES.txt", "LICENSE", "README.md")) {
            assertTrue(recipe.contains("${S}/" + built), built + " is not installed");
        }
        // Every local file is fetched, present and installed.
        List<String> files = new ArrayList<>();
        Matcher f = Pattern.compile("file://(\\S+)").matcher(a.get("SRC_URI"));
        while (f.find()) {
            files.add(f.group(1));
        }
        assertEquals(List.of("secc.conf", "policy.conf", "secc.service", "secc-cds", "99-secc-gpio.rules"), files);
        for (String u : files) {
            assertTrue(Files.isRegularFile(FILES.resolve(u)), "missing " + u);
            assertTrue(recipe.contains("${SECC_FILES}/" + u), u + " is fetched but not installed");
        }
        assertTrue(Files.isExecutable(FILES.resolve("secc-cds")));
        assertEquals("${SECC_FILES}/secc-src", a.get("S"), "never S = WORKDIR (an error from styhead on)");
        assertEquals("secc.service", a.get("SYSTEMD_SERVICE:${PN}"));
        assertTrue(a.get("USERADD_PARAM:${PN}").contains("secc"));
        assertTrue(a.get("RDEPENDS:${PN}").contains("${SECC_JRE}"));
        assertEquals("temurin-jre-17", a.get("SECC_JRE"));
        assertTrue(Files.isRegularFile(LAYER.resolve("recipes-devtools/temurin/temurin-jre-17_17.0.12.bb")));

        // Installed where the unit and secc-cds expect them (bitbake paths → target paths).
        Map<String, String> paths = Map.of("${D}${datadir}/", "/usr/share/", "${D}${sysconfdir}/", "/etc/",
                "${D}${systemd_system_unitdir}/", "/lib/systemd/system/");
        List<String> installed = new ArrayList<>();
        Matcher ins = Pattern.compile("install -m 0\\d{3}(?: -g secc)? \\S+ (\\$\\{D\\}\\S+)").matcher(recipe);
        while (ins.find()) {
            String t = ins.group(1);
            for (var e : paths.entrySet()) {
                t = t.replace(e.getKey(), e.getValue());
            }
            installed.add(t);
        }
        Map<String, List<String>> svc = unit(FILES.resolve("secc.service"));
        String exec = svc.get("[Service]ExecStart").get(0);
        for (String want : List.of("/usr/share/secc/secc-app.jar", "/etc/secc/secc.conf")) {
            assertTrue(exec.contains(want), exec);
            assertTrue(installed.contains(want), want + " not installed: " + installed);
        }
        String pre = svc.get("[Service]ExecStartPre").get(0);
        assertTrue(installed.contains(pre.split(" ")[0]), pre + " not installed: " + installed);
        String cds = Files.readString(FILES.resolve("secc-cds"));
        for (String want : List.of("/usr/share/secc/secc-app.jar", "/usr/share/secc/secc-app.classlist")) {
            assertTrue(cds.contains(want) && installed.contains(want), want);
        }
        // The archive secc-cds writes is the one the JVM maps, in the unit's StateDirectory.
        String jsa = pre.split(" ")[1];
        assertTrue(exec.contains("-XX:SharedArchiveFile=" + jsa), exec);
        assertTrue(jsa.startsWith("/var/lib/" + svc.get("[Service]StateDirectory").get(0) + "/"), jsa);
        assertTrue(installed.contains("/lib/systemd/system/secc.service"));
        String conf = Files.readString(FILES.resolve("secc.conf"));
        assertTrue(conf.contains("policy.file = /etc/secc/policy.conf") && installed.contains("/etc/secc/policy.conf"));
        assertTrue(conf.contains("ctl.socket = /run/" + svc.get("[Service]RuntimeDirectory").get(0) + "/secc.sock"));
        // SECC_IFACE rewrites the interface in the unit and the configuration alike: both patterns must match.
        assertTrue(conf.contains("\nnetwork.iface = eth1\n"));
        assertTrue(svc.get("[Unit]BindsTo").contains("sys-subsystem-net-devices-eth1.device"));
        assertTrue(recipe.contains("s/sys-subsystem-net-devices-eth1\\.device/sys-subsystem-net-devices-${SECC_IFACE}.device/g"));
        assertTrue(recipe.contains("s/^network.iface = .*/network.iface = ${SECC_IFACE}/"));
    }

    @Test
    void imageRecipeHoldsTheServiceAndTheJre() throws IOException {
        Map<String, String> a = assignments(LAYER.resolve("recipes-secc/images/secc-image.bb"));
        assertTrue(a.get("IMAGE_INSTALL").contains("secc ") && a.get("IMAGE_INSTALL").contains("${SECC_JRE}"), a.toString());
        assertEquals("systemd", a.get("REQUIRED_DISTRO_FEATURES"));
    }

    @Test
    void unitIsANotifyServiceWithWatchdogBackoffAndHardening() throws Exception {
        Path file = FILES.resolve("secc.service");
        Map<String, List<String>> svc = unit(file);
        assertEquals(List.of("notify"), svc.get("[Service]Type"));
        assertTrue(svc.get("[Service]WatchdogSec").get(0).matches("\\d+s"));
        assertEquals(List.of("always"), svc.get("[Service]Restart"));
        assertEquals(List.of("0"), svc.get("[Unit]StartLimitIntervalSec"), "never give up restarting");
        assertTrue(svc.containsKey("[Service]RestartSteps") && svc.containsKey("[Service]RestartMaxDelaySec"), "back-off");
        assertTrue(svc.get("[Service]ExecStart").get(0).startsWith("/usr/bin/java -XX:+ExitOnOutOfMemoryError "));
        assertEquals(List.of("no"), svc.get("[Service]MemoryDenyWriteExecute"), "the JIT writes then executes code");
        assertEquals(List.of("secc"), svc.get("[Service]User"));
        assertEquals(List.of("CAP_NET_RAW"), svc.get("[Service]AmbientCapabilities"));
        assertEquals(List.of("CAP_NET_RAW"), svc.get("[Service]CapabilityBoundingSet"));
        // the safety threads' SCHED_FIFO priority (RealtimeScheduling.SAFETY_PRIORITY) without CAP_SYS_NICE
        assertEquals(List.of(String.valueOf(org.secc.hal.linux.RealtimeScheduling.SAFETY_PRIORITY)), svc.get("[Service]LimitRTPRIO"));
        assertEquals(List.of("no"), svc.get("[Service]RestrictRealtime"), "RestrictRealtime=yes refuses SCHED_FIFO");
        assertEquals(svc.get("[Unit]BindsTo"), svc.get("[Unit]After").stream().map(s -> s.split(" ")[0]).toList());
        assertEquals(List.of("multi-user.target"), svc.get("[Install]WantedBy"));
        for (String forbidden : List.of("PrivateDevices", "ProtectKernelTunables", "PrivateUsers")) {
            assertFalse(svc.containsKey("[Service]" + forbidden), forbidden + " would hide GPIO, make /sys read-only or void CAP_NET_RAW");
        }
        svc.getOrDefault("[Service]Environment", List.of()).forEach(e -> assertTrue(!e.contains(" ") || e.startsWith("\""), e));

        Path analyze = Path.of("/usr/bin/systemd-analyze");
        requireTool(analyze, "systemd-analyze verify and security check the unit");
        // verify resolves the unit's commands and dependencies: a root with the host's units, the unit,
        // and stand-ins for the programs the image installs.
        Path root = Path.of("target", "systemd-root").toAbsolutePath();
        Path units = root.resolve("lib/systemd/system");
        Files.createDirectories(units);
        for (Path dir : List.of(Path.of("/lib/systemd/system"), Path.of("/usr/lib/systemd/system"))) {
            if (Files.isDirectory(dir)) {
                try (var s = Files.list(dir)) {
                    for (Path u : s.filter(Files::isRegularFile).toList()) {
                        Files.copy(u, units.resolve(u.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        Files.copy(file, units.resolve("secc.service"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (String exe : List.of("usr/bin/java", "usr/share/secc/secc-cds", "bin/kill")) {
            Path x = root.resolve(exe);
            Files.createDirectories(x.getParent());
            Files.writeString(x, "#!/bin/sh\n");
            x.toFile().setExecutable(true);
        }
        String version = run(List.of(analyze.toString(), "--version"));
        Matcher sv = Pattern.compile("systemd (\\d+)").matcher(version);
        assertTrue(sv.find(), version);
        int systemd = Integer.parseInt(sv.group(1));
        String out = run(List.of(analyze.toString(), "verify", "--root=" + root, "secc.service"));
        List<String> warnings = new ArrayList<>();
        for (String l : out.lines().skip(1).toList()) {
            // RestartSteps= and RestartMaxDelaySec= came with systemd 254; every release the layer claims has a newer one.
            if (systemd < 254 && l.matches(".*Unknown key '(RestartSteps|RestartMaxDelaySec)' in section \\[Service\\], ignoring\\.")) {
                continue;
            }
            warnings.add(l);
        }
        assertTrue(out.startsWith("0\n"), out);
        assertEquals(List.of(), warnings, "systemd-analyze verify warns");
        // Exposure 3.0 and below ("OK"); --threshold counts in tenths.
        String sec = run(List.of(analyze.toString(), "security", "--offline=true", "--threshold=30", "--no-pager",
                units.resolve("secc.service").toString()));
        Matcher score = Pattern.compile("Overall exposure level for secc.service: (\\d+\\.\\d)").matcher(sec);
        assertTrue(score.find(), sec);
        assertTrue(Double.parseDouble(score.group(1)) <= 3.0, sec);
        assertTrue(sec.startsWith("0\n"), sec);
    }

    @Test
    void udevRulesAreWellFormedAndFollowPwmExport() throws IOException {
        boolean change = false;
        boolean gpio = false;
        for (String l : Files.readAllLines(FILES.resolve("99-secc-gpio.rules"))) {
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            for (String part : l.split(",\\s*(?=[A-Z+]+[=!+]=?|[A-Z]+=)")) {
                assertTrue(part.strip().matches("[A-Z]+(\\{[a-z_]+\\})?(==|!=|=|\\+=)\"[^\"]*\""), "bad udev token: " + part);
            }
            // Exporting a PWM channel emits "change" on the chip, not "add".
            change |= l.contains("SUBSYSTEM==\"pwm\"") && l.contains("ACTION==\"change\"");
            gpio |= l.contains("KERNEL==\"gpiochip*\"") && l.contains("GROUP=\"gpio\"");
        }
        assertTrue(change, "no rule for the PWM export's change event");
        assertTrue(gpio, "no rule for the GPIO character devices");
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
