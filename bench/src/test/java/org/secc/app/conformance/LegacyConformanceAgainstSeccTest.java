package org.secc.app.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.secc.app.run.SeccConfig;
import org.secc.app.run.SeccService;
import org.secc.bench.BenchPack;
import org.secc.ev.conformance.CaseResult;
import org.secc.ev.conformance.ChargerIdentity;
import org.secc.ev.conformance.RunReport;
import org.secc.ev.conformance.Settings;
import org.secc.ev.conformance.SuiteRunner;
import org.secc.ev.conformance.Target;
import org.secc.ev.conformance.Verdict;
import org.secc.ev.conformance.cases.ConformanceCase;
import org.secc.ev.conformance.cases.ProtocolSuite;
import org.secc.ev.conformance.report.HtmlReport;
import org.secc.ev.conformance.report.JunitXml;
import org.secc.ev.conformance.report.PcapTap;

/**
 * Acceptance: the whole DIN SPEC 70121 and the whole ISO 15118-2 DC conformance suite against the
 * charger's service ({@code secc run} in-process, sim HAL in real time, V2GTP over TCP on ::1), every
 * case must pass. Same charger configuration and the same allowances for the loaded test machine as
 * {@link ConformanceAgainstSeccTest} (limits x 10, 3 s slack on closes, restart when the simulated
 * pilot is down).
 */
class LegacyConformanceAgainstSeccTest {
    @TempDir
    static Path dir;
    static SeccConfig config;
    static SeccService secc;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("policy.conf"), BenchPack.policy(0, 1));
        config = SeccConfig.parse(ConformanceAgainstSeccTest.CONFIG, dir);
        secc = ConformanceAgainstSeccTest.startReady(config);
    }

    @AfterAll
    static void stop() {
        secc.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"din", "iso2"})
    void everyCasePassesAgainstTheCharger(String protocol) throws Exception {
        Path report = dir.resolve("report-" + protocol);
        Files.createDirectories(report.resolve("pcap"));
        String pattern = System.getProperty("conformance.cases", "");
        ProtocolSuite suite = ProtocolSuite.of(protocol).orElseThrow();
        List<ConformanceCase> cases = SuiteRunner.select(suite.cases(), pattern);
        Settings settings = new Settings(42, 2000, 500, 3000, Double.parseDouble(ConformanceAgainstSeccTest.packVoltage(secc)), 10);
        Instant started = Instant.now();
        long t0 = SuiteRunner.monotonicMs();
        ChargerIdentity id = suite.identify(runner(settings, report));
        assertEquals("OK_SuccessfulNegotiation SchemaID 1", id.sapDc(), id.toString());
        assertFalse(id.evseId().startsWith("?"), id.evseId());
        List<CaseResult> results = new ArrayList<>();
        for (ConformanceCase c : cases) {
            if (!secc.chargePoint().pilot().closeAllowed()) {
                System.out.println("before " + c.id() + ": the simulated pilot is down, restarting the charger");
                secc.close();
                secc = ConformanceAgainstSeccTest.startReady(config);
            }
            CaseResult r = runner(settings, report).runCase(c, id);
            if ((r.verdict() == Verdict.FAIL || r.verdict() == Verdict.ERROR) && !secc.chargePoint().pilot().closeAllowed()) {
                System.out.println(c.id() + " failed with the simulated pilot down (" + r.reason() + "): restarting the charger, running it again");
                secc.close();
                secc = ConformanceAgainstSeccTest.startReady(config);
                r = runner(settings, report).runCase(c, id);
            }
            System.out.printf("%s %-8s %-14s %6.2f s  %s  %s%n", protocol, c.id(), r.verdict(), r.durationMs() / 1000.0, r.worstTiming(), r.reason());
            results.add(r);
        }
        RunReport rr = new RunReport(protocol, ConformanceAgainstSeccTest.target(secc, false).describe(), 42, "ev-emulator (test)", id, settings,
                pattern, started, SuiteRunner.monotonicMs() - t0, results);
        Files.writeString(report.resolve("junit.xml"), JunitXml.render(rr));
        Files.writeString(report.resolve("report.html"), HtmlReport.render(rr));
        List<String> bad = results.stream().filter(r -> r.verdict() != Verdict.PASS).map(r -> r.testCase().id() + " " + r.verdict() + ": "
                + r.reason()).toList();
        assertEquals(List.of(), bad);
        assertTrue(rr.passed());
        System.out.printf("%s: %d cases in %.1f s%n", protocol, results.size(), rr.durationMs() / 1000.0);
    }

    /** The command as the README shows it, {@code --protocol din}: a selection passes, the report is DIN's. */
    @Test
    void theCommandRunsTheDinCases() throws Exception {
        Path report = dir.resolve("report-cli-din");
        StringBuilder out = new StringBuilder();
        int rc = ConformanceAgainstSeccTest.run(out, "--host", "::1", "--port", Integer.toString(secc.v2gServer().port()), "--protocol", "din",
                "--cases", "SAP-*,SES-*,DC-03", "--seed", "3", "--timing-scale", "10", "--ev-voltage-v", ConformanceAgainstSeccTest.packVoltage(secc),
                "--report", report.toString());
        assertEquals(0, rc, out.toString());
        assertTrue(out.toString().contains("conformance din against [0:0:0:0:0:0:0:1]:"), out.toString());
        assertTrue(out.toString().contains("PASSED: 6 pass, 0 fail, 0 error, 0 not applicable"), out.toString());
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("SAP answer to DIN SPEC 70121 2.0") && html.contains("OK_SuccessfulNegotiation SchemaID 1"), "DIN identity in the report");
        assertTrue(Files.readString(report.resolve("junit.xml")).contains("classname=\"conformance.din.DC\""));
        assertTrue(Files.size(report.resolve("pcap").resolve("DC-03.pcap")) > 500);
    }

    private SuiteRunner runner(Settings settings, Path report) throws Exception {
        Target t = ConformanceAgainstSeccTest.target(secc, false);
        return new SuiteRunner(t, settings, SuiteRunner::monotonicMs, cid -> PcapTap.open(report.resolve("pcap").resolve(cid + ".pcap"),
                t.address()), r -> { });
    }
}
