package org.secc.ev.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.ev.conformance.cases.ConformanceCase;
import org.secc.ev.conformance.cases.Iso20Suite;
import picocli.CommandLine;

/** Case selection by glob, and the command's usage errors and its verdict when nothing answers. */
class SelectionAndCliTest {
    @TempDir
    Path dir;

    static int run(StringBuilder out, String... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int rc = new CommandLine(new ConformanceCommand(new PrintStream(b, true, StandardCharsets.UTF_8))).execute(args);
        out.append(b.toString(StandardCharsets.UTF_8));
        return rc;
    }

    @Test
    void globsSelectByIdCaseInsensitively() {
        List<ConformanceCase> all = Iso20Suite.INSTANCE.cases();
        assertEquals(all, SuiteRunner.select(all, null));
        List<ConformanceCase> sap = SuiteRunner.select(all, "sap-*");
        assertEquals(11, sap.size());
        assertTrue(sap.stream().allMatch(c -> c.id().startsWith("SAP-")));
        List<String> two = SuiteRunner.select(all, "DC-0?, TLS-05").stream().map(ConformanceCase::id).toList();
        assertEquals(List.of("DC-01", "DC-02", "DC-03", "DC-04", "TLS-05"), two);
        assertTrue(SuiteRunner.select(all, "NOPE-*").isEmpty());
    }

    @Test
    void usageErrorsExitTwo() {
        StringBuilder out = new StringBuilder();
        assertEquals(2, run(out, "--host", "::1", "--port", "1", "--protocol", "xyz", "--report", dir.toString()));
        assertEquals(2, run(out, "--host", "::1", "--port", "1"), "--report is required");
        assertEquals(2, run(out, "--report", dir.toString()), "no target");
        assertEquals(2, run(out, "--host", "::1", "--port", "1", "--cases", "NOPE-*", "--report", dir.toString()));
        assertEquals(2, run(out, "--host", "::1", "--port", "1", "--timing-scale", "0.5", "--report", dir.toString()));
    }

    @Test
    void listAndCatalogue() {
        StringBuilder out = new StringBuilder();
        assertEquals(0, run(out, "--list", "--cases", "SEQ-DC01"));
        assertTrue(out.toString().startsWith("SEQ-DC01  DC: every disallowed request after SessionSetupRes"), out.toString());
        out.setLength(0);
        assertEquals(0, run(out, "--catalogue", "--cases", "ROB-07"));
        assertTrue(out.toString().contains("| ROB-07 | A payload length of 2 GiB"), out.toString());
        out.setLength(0);
        assertEquals(0, run(out, "--protocol", "din", "--list", "--cases", "SEQ-01,AUT-*"));
        assertEquals("SEQ-01  Every disallowed request after SessionSetupRes", out.toString().lines().toList().get(1), out.toString());
        assertTrue(out.toString().startsWith("AUT-01  ContractAuthentication (EIM)"), out.toString());
        out.setLength(0);
        assertEquals(0, run(out, "--protocol", "iso2", "--catalogue", "--cases", "PAU-01"));
        assertTrue(out.toString().contains("| PAU-01 | Pause after welding detection"), out.toString());
    }

    @Test
    void aChargerThatRefusesConnectionsFailsEveryCaseAndTheReportSaysWhy() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        StringBuilder out = new StringBuilder();
        int rc = run(out, "--host", "::1", "--port", Integer.toString(port), "--cases", "SAP-06,SES-01", "--seed", "5", "--report", dir.toString());
        assertEquals(1, rc, out.toString());
        String junit = Files.readString(dir.resolve("junit.xml"));
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());
        assertEquals(2, doc.getElementsByTagName("failure").getLength(), "well-formed XML, one failure per case");
        assertTrue(junit.contains("tests=\"2\" failures=\"2\""), junit);
        assertTrue(junit.contains("<property name=\"seed\" value=\"5\"/>"), junit);
        assertTrue(junit.contains("Connection refused"), junit);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("identity probe failed"), "the identity row says why it is unknown");
        assertTrue(html.contains("href=\"#SES-01\""), "failed cases link to their trace");
        assertTrue(Files.exists(dir.resolve("pcap/SES-01.pcap")));
    }
}
