package org.secc.ev.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.secc.ev.conformance.cases.ConformanceCase;
import org.secc.ev.conformance.cases.Iso20Suite;
import org.secc.ev.conformance.cases.ProtocolSuite;
import org.secc.ev.conformance.report.Catalogue;

/** The README's case catalogue is the one the case definitions generate, and every case is well described. */
class CatalogueTest {
    static final Path README = Path.of("README-conformance.md");

    @ParameterizedTest
    @ValueSource(strings = {"iso20", "din", "iso2"})
    void readmeCatalogueIsCurrent(String protocol) throws Exception {
        String readme = Files.readString(README);
        int b = readme.indexOf(Catalogue.begin(protocol));
        int e = readme.indexOf(Catalogue.end(protocol));
        assertTrue(b >= 0 && e > b, protocol + " catalogue markers in " + README);
        String embedded = readme.substring(b + Catalogue.begin(protocol).length(), e).strip();
        String generated = Catalogue.markdown(ProtocolSuite.of(protocol).orElseThrow().cases()).strip();
        assertEquals(generated, embedded, "regenerate with: java -jar target/ev-emulator.jar conformance --protocol " + protocol + " --catalogue");
    }

    @ParameterizedTest
    @ValueSource(strings = {"din", "iso2"})
    void everyDinAndIso2CaseNamesItsRequirementsStimulusAndExpectation(String protocol) {
        List<ConformanceCase> cases = ProtocolSuite.of(protocol).orElseThrow().cases();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (ConformanceCase c : cases) {
            assertTrue(ids.add(c.id()), "duplicate " + c.id());
            assertFalse(c.title().isBlank(), c.id());
            assertFalse(c.stimulus().isBlank(), c.id() + " stimulus");
            assertFalse(c.expected().isBlank(), c.id() + " expected");
            assertFalse(c.requirements().isEmpty(), c.id() + " requirements");
            for (String r : c.requirements()) {
                assertTrue(r.matches(protocol.equals("din") ? "\\[V2G-DC-\\d+\\]" : "\\[V2G2-\\d+\\]") || r.startsWith("V2G_"), c.id() + ": " + r);
            }
        }
        assertTrue(cases.size() >= 30, protocol + " cases: " + cases.size());
    }

    @Test
    void everyCaseNamesItsRequirementsStimulusAndExpectation() {
        for (ConformanceCase c : Iso20Suite.INSTANCE.cases()) {
            assertFalse(c.title().isBlank(), c.id());
            assertFalse(c.stimulus().isBlank(), c.id() + " stimulus");
            assertFalse(c.expected().isBlank(), c.id() + " expected");
            if (!c.group().equals("ROB") || c.id().compareTo("ROB-03") < 0) {
                assertFalse(c.requirements().isEmpty(), c.id() + " requirements");
            }
            for (String r : c.requirements()) {
                assertTrue(r.matches("\\[V2G20-\\d+\\]") || r.startsWith("V2G_"), c.id() + ": " + r);
            }
        }
        assertTrue(Iso20Suite.INSTANCE.cases().size() >= 60, "cases: " + Iso20Suite.INSTANCE.cases().size());
    }
}
