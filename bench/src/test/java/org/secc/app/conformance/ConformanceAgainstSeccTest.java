package org.secc.app.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.pki.TestPkiSupport;
import org.secc.bench.BenchPack;
import org.secc.app.run.SeccConfig;
import org.secc.app.run.SeccService;
import org.secc.ev.conformance.CaseResult;
import org.secc.ev.conformance.ChargerIdentity;
import org.secc.ev.conformance.ConformanceCommand;
import org.secc.ev.conformance.RunReport;
import org.secc.ev.conformance.Settings;
import org.secc.ev.conformance.SuiteRunner;
import org.secc.ev.conformance.Target;
import org.secc.ev.conformance.Verdict;
import org.secc.ev.conformance.cases.ConformanceCase;
import org.secc.ev.conformance.cases.Iso20Suite;
import org.secc.ev.conformance.report.HtmlReport;
import org.secc.ev.conformance.report.JunitXml;
import org.secc.ev.conformance.report.PcapTap;
import picocli.CommandLine;

/**
 * Acceptance: the whole ISO 15118-20 conformance suite of the EV emulator against the charger's service
 * ({@code secc run} in-process: sim HAL in real time, grid supervisor, policy, V2GTP server on ::1) over
 * TCP, and the TLS cases through the command line over TLS 1.3. Every case must pass (the TLS cases are
 * not applicable over TCP). The charger's sequence timeouts run at short values (2 s, 0.5 s in the loop)
 * so that the silence cases stay quick.
 *
 * <p>The machine that runs the tests is shared and loaded: response-time limits are scaled by 10 and
 * closes get 3 s of slack here (that each case's checks fail at scale 1 is {@link NegativeSelfTest}'s
 * job). Load can also starve the simulated pilot past its watchdog; the charger then treats the pilot
 * as lost and keeps the PWM off until it restarts, so no contactor closes any more. The charger is
 * restarted before a case when its pilot is down, and a case that fails while the pilot is down is run
 * once more on a restarted charger; the log says so.
 */
class ConformanceAgainstSeccTest {
    static final String CONFIG = BenchPack.HAL + """
            network.iface = lo
            network.slac = false
            cp.pilot_lost_ms = 80
            session.services = DC_BPT, DC, AC_BPT, AC
            session.control_modes = scheduled, dynamic
            session.sequence_timeout_ms = 2000
            session.loop_sequence_timeout_ms = 500
            session.cable_check_cap_s = 10
            power.current_ramp_a_per_s = 1000
            policy.file = policy.conf
            """;

    @TempDir
    static Path dir;
    static SeccConfig tcpConfig;
    static SeccService tcp;
    static SeccService tls;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("policy.conf"), BenchPack.policy(0, 1));
        var pki = TestPkiSupport.pki(); // before the services: generating keys starves their pilot threads
        tcpConfig = SeccConfig.parse(CONFIG, dir);
        tcp = startReady(tcpConfig);
        // the suite's TLS client offers no certificate: the bench setting serves it (tls.require_client_certificate)
        tls = startReady(SeccConfig.parse(CONFIG + "network.tls = true\ntls.require_client_certificate = false\ntls.pki_dir = "
                + pki.dir().toAbsolutePath() + "\n", dir));
    }

    /** A service whose pilot is up (5 % PWM, the simulated EV in C): the contactors may close. */
    static SeccService startReady(SeccConfig c) throws Exception {
        for (int attempt = 0; ; attempt++) {
            SeccService s = new SeccService(c, new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0), Optional.empty(),
                    Optional.empty(), false));
            Thread.sleep(1500); // the grid enters service (delay 0, ramp 1 s) on the real-time bench
            if (s.chargePoint().pilot().closeAllowed() || attempt == 4) {
                return s;
            }
            s.close();
        }
    }

    @AfterAll
    static void stop() {
        tcp.close();
        tls.close();
    }

    /** The simulated pack's voltage: the charger's output meets it once the contactors close. */
    static String packVoltage(SeccService s) {
        return String.format(java.util.Locale.ROOT, "%.1f", s.chargePoint().hal().bench().orElseThrow().battery().openCircuitV());
    }

    static Target target(SeccService s, boolean tls) throws Exception {
        return new Target(new InetSocketAddress(InetAddress.getByName("::1"), s.v2gServer().port()), tls);
    }

    @Test
    void everyCasePassesAgainstTheChargerOverTcp() throws Exception {
        Path report = dir.resolve("report-tcp");
        Files.createDirectories(report.resolve("pcap"));
        // -Dconformance.cases=PATTERN narrows the run while developing a case
        String pattern = System.getProperty("conformance.cases", "");
        List<ConformanceCase> cases = SuiteRunner.select(Iso20Suite.INSTANCE.cases(), pattern);
        Settings settings = new Settings(42, 2000, 500, 3000, Double.parseDouble(packVoltage(tcp)), 10);
        Instant started = Instant.now();
        long t0 = SuiteRunner.monotonicMs();
        ChargerIdentity id = runner(settings, report).identify();
        assertEquals("DE*SEC*E0001", id.evseId());
        assertEquals(List.of(6, 2, 5, 1), id.energyServices());
        List<CaseResult> results = new ArrayList<>();
        for (ConformanceCase c : cases) {
            if (!tcp.chargePoint().pilot().closeAllowed()) {
                System.out.println("before " + c.id() + ": the simulated pilot is down, restarting the charger");
                tcp.close();
                tcp = startReady(tcpConfig);
            }
            CaseResult r = runner(settings, report).runCase(c, id);
            if ((r.verdict() == Verdict.FAIL || r.verdict() == Verdict.ERROR) && !tcp.chargePoint().pilot().closeAllowed()) {
                System.out.println(c.id() + " failed with the simulated pilot down (" + r.reason() + "): restarting the charger, running it again");
                tcp.close();
                tcp = startReady(tcpConfig);
                r = runner(settings, report).runCase(c, id);
            }
            System.out.printf("%-10s %-14s %6.2f s  %s  %s%n", c.id(), r.verdict(), r.durationMs() / 1000.0, r.worstTiming(), r.reason());
            results.add(r);
        }
        RunReport rr = new RunReport("iso20", target(tcp, false).describe(), 42, "ev-emulator (test)", id, settings, pattern, started,
                SuiteRunner.monotonicMs() - t0, results);
        Files.writeString(report.resolve("junit.xml"), JunitXml.render(rr));
        Files.writeString(report.resolve("report.html"), HtmlReport.render(rr));
        keep(report);
        List<String> bad = results.stream().filter(r -> r.verdict() == Verdict.FAIL || r.verdict() == Verdict.ERROR)
                .map(r -> r.testCase().id() + ": " + r.reason()).toList();
        assertEquals(List.of(), bad);
        List<String> notApplicable = results.stream().filter(r -> r.verdict() == Verdict.NOT_APPLICABLE).map(r -> r.testCase().id()).toList();
        assertTrue(notApplicable.stream().allMatch(x -> x.startsWith("TLS-")), "only the TLS cases are not applicable over TCP: " + notApplicable);
        assertTrue(rr.passed());
        System.out.printf("%d cases in %.1f s%n", results.size(), rr.durationMs() / 1000.0);
    }

    /** A copy under target/ for a look in a browser after the build (the temporary directory goes away). */
    static void keep(Path report) throws java.io.IOException {
        Path to = Path.of("target", "conformance-report");
        Files.createDirectories(to.resolve("pcap"));
        try (var files = Files.walk(report)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(report.relativize(f).toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private SuiteRunner runner(Settings settings, Path report) throws Exception {
        Target t = target(tcp, false);
        return new SuiteRunner(t, settings, SuiteRunner::monotonicMs, cid -> PcapTap.open(report.resolve("pcap").resolve(cid + ".pcap"),
                t.address()), r -> { });
    }

    static int run(StringBuilder out, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
                System.out.write(b);
            }
        }, true, StandardCharsets.UTF_8);
        int rc = new CommandLine(new ConformanceCommand(tee)).execute(args);
        out.append(bytes.toString(StandardCharsets.UTF_8));
        return rc;
    }

    /** The command as the README shows it, over TLS 1.3: the TLS cases and a session prefix pass, the report names the charger. */
    @Test
    void theCommandRunsTheTlsCasesOverTls13() throws Exception {
        Path report = dir.resolve("report-tls");
        StringBuilder out = new StringBuilder();
        int rc = run(out, "--host", "::1", "--port", Integer.toString(tls.v2gServer().port()), "--tls", "--cases", "TLS-*,SES-01,SAP-0?",
                "--seed", "7", "--timing-scale", "10", "--report", report.toString());
        assertEquals(0, rc, out.toString());
        assertTrue(out.toString().contains("PASSED: 15 pass, 0 fail, 0 error, 0 not applicable"), out.toString());
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("DE*SEC*E0001") && html.contains("TLSv1.3 TLS_AES_256_GCM_SHA384"), "identity and TLS in the report");
        assertTrue(Files.readString(report.resolve("junit.xml")).contains("tests=\"15\" failures=\"0\" errors=\"0\" skipped=\"0\""));
        assertTrue(Files.size(report.resolve("pcap").resolve("SES-01.pcap")) > 200);
    }
}
