package org.secc.ev.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.secc.ev.conformance.cases.ConformanceCase;
import org.secc.ev.conformance.cases.ProtocolSuite;
import org.secc.ev.conformance.report.Catalogue;
import org.secc.ev.conformance.report.HtmlReport;
import org.secc.ev.conformance.report.JunitXml;
import org.secc.ev.conformance.report.PcapTap;
import org.secc.transport.sdp.SdpClient;
import org.secc.transport.v2gtp.SdpResponse;
import org.secc.transport.v2gtp.SdpSecurity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code conformance}: runs the conformance cases against one charger and writes the report
 * (report.html, junit.xml, pcap/ID.pcap). Exit 0 only when every selected case passes, 1 when one
 * fails or errs, 2 on a usage error.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Run the conformance suite against a charger and write JUnit XML, an HTML report and a pcap per case.")
public final class ConformanceCommand implements Callable<Integer> {
    @Option(names = "--host", description = "charger address (with --port; skips SDP)")
    String host;
    @Option(names = "--port", description = "charger V2GTP port (with --host)")
    Integer port;
    @Option(names = "--iface", description = "find the charger by SDP on this interface (IPv6 link-local)")
    String iface;
    @Option(names = "--tls", description = "TLS 1.3 with the -20 profile (and Security = TLS in SDP); enables the TLS cases")
    boolean tls;
    @Option(names = "--protocol", defaultValue = "iso20", description = "iso20, iso2 or din (default ${DEFAULT-VALUE})")
    String protocol;
    @Option(names = "--cases", description = "comma-separated globs on case IDs, e.g. 'SAP-*,SEQ-DC*' (default: all)")
    String cases;
    @Option(names = "--seed", description = "seed for everything random (default: from the clock; printed and in the report)")
    Long seed;
    @Option(names = "--report", description = "directory for report.html, junit.xml and pcap/")
    Path report;
    @Option(names = "--sequence-timeout-ms", defaultValue = "60000",
            description = "the charger's V2G_SECC_Sequence_Timeout (default ${DEFAULT-VALUE}, the standard's)")
    long sequenceTimeoutMs;
    @Option(names = "--loop-sequence-timeout-ms", defaultValue = "500",
            description = "the charger's sequence timeout in the charge loop (default ${DEFAULT-VALUE}, the standard's)")
    long loopSequenceTimeoutMs;
    @Option(names = "--close-slack-ms", defaultValue = "1000", description = "tolerance on every expected close (default ${DEFAULT-VALUE})")
    long closeSlackMs;
    @Option(names = "--ev-voltage-v", defaultValue = "400",
            description = "the EV's pack voltage: EVPresentVoltage and the precharge target (default ${DEFAULT-VALUE})")
    double evVoltageV;
    @Option(names = "--timing-scale", defaultValue = "1",
            description = "factor on every response-time limit (default ${DEFAULT-VALUE}; more only on an overloaded test host)")
    double timingScale;
    @Option(names = "--list", description = "list the selected cases and exit")
    boolean list;
    @Option(names = "--catalogue", description = "print the case catalogue (Markdown) and exit")
    boolean catalogue;

    private final PrintStream out;

    public ConformanceCommand() {
        this(System.out);
    }

    public ConformanceCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        String p = protocol.toLowerCase(Locale.ROOT);
        if (!List.of("iso20", "iso2", "din").contains(p)) {
            System.err.println("--protocol must be iso20, iso2 or din");
            return 2;
        }
        Optional<ProtocolSuite> suite = ProtocolSuite.of(p);
        if (suite.isEmpty()) {
            System.err.println("no conformance cases for " + p);
            return 2;
        }
        List<ConformanceCase> selected = SuiteRunner.select(suite.get().cases(), cases);
        if (selected.isEmpty()) {
            System.err.println("--cases " + cases + " selects no case; try --list");
            return 2;
        }
        if (catalogue) {
            out.print(Catalogue.markdown(selected));
            return 0;
        }
        if (list) {
            selected.forEach(c -> out.println(c.id() + "  " + c.title()));
            return 0;
        }
        if (timingScale < 1 || sequenceTimeoutMs < 1 || loopSequenceTimeoutMs < 1 || closeSlackMs < 0) {
            System.err.println("--timing-scale must be >= 1, timeouts positive, --close-slack-ms >= 0");
            return 2;
        }
        if (report == null) {
            System.err.println("--report DIR is required");
            return 2;
        }
        Optional<Target> target = target();
        if (target.isEmpty()) {
            return 2;
        }
        long s = seed != null ? seed : System.currentTimeMillis();
        Settings settings = new Settings(s, sequenceTimeoutMs, loopSequenceTimeoutMs, closeSlackMs, evVoltageV, timingScale);
        Files.createDirectories(report.resolve("pcap"));
        out.println("conformance " + p + " against " + target.get().describe() + ": " + selected.size() + " cases, seed " + s);
        SuiteRunner runner = new SuiteRunner(target.get(), settings, SuiteRunner::monotonicMs,
                id -> PcapTap.open(report.resolve("pcap").resolve(id + ".pcap"), target.get().address()),
                r -> out.printf(Locale.ROOT, "%-10s %-14s %6.2f s  %s%s%n", r.testCase().id(), r.verdict(), r.durationMs() / 1000.0,
                        r.testCase().title(), r.reason().isEmpty() ? "" : "  -- " + r.reason()));
        RunReport rr = runner.run(p, selected, cases, version());
        Files.writeString(report.resolve("junit.xml"), JunitXml.render(rr), StandardCharsets.UTF_8);
        Files.writeString(report.resolve("report.html"), HtmlReport.render(rr), StandardCharsets.UTF_8);
        out.printf(Locale.ROOT, "%s: %d pass, %d fail, %d error, %d not applicable in %.1f s; charger %s (%s); report %s%n",
                rr.passed() ? "PASSED" : "FAILED", rr.count(Verdict.PASS), rr.count(Verdict.FAIL), rr.count(Verdict.ERROR),
                rr.count(Verdict.NOT_APPLICABLE), rr.durationMs() / 1000.0, rr.identity().evseId(), rr.identity().sapDc(),
                report.resolve("report.html"));
        return rr.passed() ? 0 : 1;
    }

    static String version() {
        String v = ConformanceCommand.class.getPackage().getImplementationVersion();
        return "ev-emulator " + (v == null ? "development build" : v);
    }

    private Optional<Target> target() throws IOException {
        if (host != null && port != null) {
            return Optional.of(new Target(new InetSocketAddress(host, port), tls));
        }
        if (iface == null) {
            System.err.println("give --iface (SDP) or --host and --port");
            return Optional.empty();
        }
        java.net.NetworkInterface ni = java.net.NetworkInterface.getByName(iface);
        if (ni == null) {
            System.err.println("no network interface " + iface);
            return Optional.empty();
        }
        SdpResponse r = SdpClient.discover(SdpClient.Config.multicast(ni, tls ? SdpSecurity.TLS : SdpSecurity.NO_TLS))
                .map(SdpClient.Result::response).orElse(null);
        if (r == null) {
            throw new IOException("no SDP answer on " + iface + " after " + SdpClient.MAX_REQUESTS + " requests");
        }
        String addr = r.address().getHostAddress();
        if (r.address().isLinkLocalAddress() && !addr.contains("%")) {
            addr = addr + "%" + iface;
        }
        return Optional.of(new Target(new InetSocketAddress(addr, r.port()), r.security() == SdpSecurity.TLS));
    }
}
