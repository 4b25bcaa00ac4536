package org.secc.ev.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.secc.ev.conformance.cases.ConformanceCase;
import org.secc.ev.conformance.cases.Iso20Suite;
import org.secc.ev.conformance.report.Catalogue;

/** The README's case catalogue is the one the case definitions generate, and every case is well described. */
class CatalogueTest {
    static final Path README = Path.of("README-conformance.md");

    @Test
    void readmeCatalogueIsCurrent() throws Exception {
        String readme = Files.readString(README);
        int b = readme.indexOf(Catalogue.BEGIN);
        int e = readme.indexOf(Catalogue.END);
        assertTrue(b >= 0 && e > b, "catalogue markers in " + README);
        String embedded = readme.substring(b + Catalogue.BEGIN.length(), e).strip();
        String generated = Catalogue.markdown(Iso20Suite.INSTANCE.cases()).strip();
        assertEquals(generated, embedded, "regenerate with: java -jar target/ev-emulator.jar conformance --catalogue");
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
