package org.secc.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Module arrows point one way (docs/ARCHITECTURE.md, "Modules"): common ← exi-codec, slac, hal,
 * transport ← ocpp, site-mqtt, ev-emulator, secc-app ← bench. Every reactor module must be listed
 * here, and each may depend (in any scope) only on the reactor modules its entry allows; in
 * particular nothing depends on ev-emulator but the bench, and the charger never does. The charger
 * uses the generated test PKI ({@code test-pki}) in its tests only: {@link #theChargerUsesTheTestPkiOnlyInTests}.
 */
class ModuleArrowsTest {

    static final Set<String> BASE = Set.of("common", "test-vectors");
    static final Set<String> LOWER = Set.of("common", "test-vectors", "exi-codec", "slac", "hal", "transport");

    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("test-vectors", Set.of()),
            Map.entry("common", Set.of("test-vectors")),
            Map.entry("exi-codec", BASE),
            Map.entry("slac", BASE),
            Map.entry("hal", BASE),
            Map.entry("transport", union(BASE, Set.of("exi-codec"))),
            Map.entry("test-pki", union(BASE, Set.of("exi-codec", "transport"))),
            Map.entry("ocpp", LOWER),
            Map.entry("site-mqtt", LOWER),
            Map.entry("ev-emulator", union(LOWER, Set.of("test-pki"))),
            Map.entry("secc-app", union(LOWER, Set.of("ocpp", "site-mqtt", "test-pki"))),
            Map.entry("bench", union(LOWER, Set.of("ocpp", "site-mqtt", "ev-emulator", "secc-app", "test-pki"))));

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("common/pom.xml"))) {
            p = p.getParent();
        }
        assertTrue(p != null, "reactor root not found above " + Path.of("").toAbsolutePath());
        return p;
    }

    static Document pom(Path file) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    static String text(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? "" : c.get(0).getTextContent().trim();
    }

    static List<String> modules(Path root) throws Exception {
        Element project = pom(root.resolve("pom.xml")).getDocumentElement();
        List<String> out = new ArrayList<>();
        for (Element mods : children(project, "modules")) {
            for (Element m : children(mods, "module")) {
                out.add(m.getTextContent().trim());
            }
        }
        return out;
    }

    /** The reactor modules a module's pom depends on, in any scope, profiles included. */
    static Set<String> reactorDependencies(Path modulePom) throws Exception {
        Set<String> out = new LinkedHashSet<>();
        var deps = pom(modulePom).getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if (text(d, "groupId").equals("org.secc")) {
                out.add(text(d, "artifactId"));
            }
        }
        return out;
    }

    @Test
    void everyModuleDependsOnlyOnWhatItsArrowsAllow() throws Exception {
        Path root = root();
        List<String> modules = modules(root);
        assertTrue(modules.containsAll(List.of("common", "transport", "secc-app", "ev-emulator", "bench")), modules.toString());
        List<String> wrong = new ArrayList<>();
        for (String m : modules) {
            Set<String> allowed = ALLOWED.get(m);
            if (allowed == null) {
                wrong.add(m + ": not in the arrows table of this test (add it with the modules it may use)");
                continue;
            }
            for (String dep : reactorDependencies(root.resolve(m).resolve("pom.xml"))) {
                if (!allowed.contains(dep)) {
                    wrong.add(m + " -> " + dep);
                }
            }
        }
        assertEquals(List.of(), wrong, "module arrows pointing the wrong way");
    }

    @Test
    void theChargerUsesTheTestPkiOnlyInTests() throws Exception {
        var deps = pom(root().resolve("secc-app/pom.xml")).getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if (text(d, "artifactId").equals("test-pki")) {
                assertEquals("test", text(d, "scope"), "secc-app may use test-pki in test scope only");
            }
        }
    }

    @Test
    void theCheckSeesAWrongArrow(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path pom = dir.resolve("pom.xml");
        Files.writeString(pom, """
                <project><dependencies>
                  <dependency><groupId>org.secc</groupId><artifactId>ev-emulator</artifactId><scope>test</scope></dependency>
                  <dependency><groupId>org.other</groupId><artifactId>secc-app</artifactId></dependency>
                </dependencies></project>
                """);
        Set<String> deps = reactorDependencies(pom);
        assertEquals(Set.of("ev-emulator"), deps);
        assertTrue(!ALLOWED.get("secc-app").contains("ev-emulator"));
    }
}
