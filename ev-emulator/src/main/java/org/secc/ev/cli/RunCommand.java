package org.secc.ev.cli;

import java.util.concurrent.Callable;
import org.secc.ev.link.Connector;
import org.secc.ev.link.EdgeClock;
import org.secc.transport.sdp.SdpClient;
import org.secc.ev.link.V2gClientConnector;
import org.secc.ev.scenario.Scenario;
import org.secc.ev.scenario.ScenarioResult;
import org.secc.ev.scenario.ScenarioRunner;
import org.secc.ev.scenario.Scenarios;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.Service;
import org.secc.transport.v2gtp.SdpResponse;
import org.secc.transport.v2gtp.SdpSecurity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: one scenario against an SECC; exit 0 when its expectations hold, 1 otherwise. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a scenario against an SECC and check its expectations.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--iface", description = "network interface for SDP (IPv6 link-local)")
    String iface;
    @Option(names = "--scenario", required = true, description = "scenario name (see `scenarios`)")
    String scenario;
    @Option(names = "--host", description = "SECC address; with --port skips SDP")
    String host;
    @Option(names = "--port", description = "SECC TCP/TLS port; with --host skips SDP")
    Integer port;
    @Option(names = "--tls", description = "use TLS (and ask for it in SDP): TLS 1.3, or TLS 1.2 with --protocol iso2")
    boolean tls;
    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "with --tls: present the vehicle certificate chain from this PKCS#12 file (e.g. vehicle.p12 of `pki`); the SECC requires one by default")
    java.nio.file.Path tlsCert;
    @Option(names = "--tls-password", defaultValue = "secc-test", description = "password of the --tls-cert file (default ${DEFAULT-VALUE})")
    String tlsPassword;
    @Option(names = "--tls-suite", defaultValue = "ecdhe", paramLabel = "ecdhe|ecdh",
            description = "with --protocol iso2 --tls: the [V2G2-602] suite to offer, ecdhe (TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256) or ecdh"
                    + " (only TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256, static ECDH, as some -2 cars) (default ${DEFAULT-VALUE})")
    String tlsSuite;
    @Option(names = "--service", defaultValue = "DC_BPT", description = "preferred service: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Service service;
    @Option(names = "--mode", defaultValue = "dynamic", description = "dynamic or scheduled (default ${DEFAULT-VALUE})")
    String mode;
    @Option(names = "--loop-period-ms", defaultValue = "100", description = "pause between charge-loop requests (default ${DEFAULT-VALUE})")
    long loopPeriodMs;
    @Option(names = "--protocol", defaultValue = "iso20",
            description = "iso20, iso2 (ISO 15118-2, DC or AC by --service, charge only) or din (DIN SPEC 70121, DC, no TLS) (default ${DEFAULT-VALUE})")
    String protocol;
    @Option(names = "--loop-timeout-ms", defaultValue = "250",
            description = "DIN and -2: the EV's CurrentDemand response deadline (0.25 s in both; more for a busy host) (default ${DEFAULT-VALUE})")
    long loopTimeoutMs;
    @Option(names = "--timeout-scale", defaultValue = "1",
            description = "-20: multiplies the EV's response deadlines (2 s, 5 s, 0.5 s in the loops) for a charger on an emulated"
                    + " or very slow host; 1 checks the standard's (default ${DEFAULT-VALUE})")
    int timeoutScale;
    @Option(names = "--quirks", defaultValue = "",
            description = "DIN and -2 real-car quirks, comma-separated (-2: all but unit-omitted): " + org.secc.ev.din.DinQuirks.NAMES)
    String quirks;

    @Override
    public Integer call() throws Exception {
        Scenario sc = Scenarios.get(scenario);
        if (sc == null) {
            System.err.println("unknown scenario " + scenario + "; try `scenarios`");
            return 2;
        }
        ControlMode m = switch (mode.toLowerCase(java.util.Locale.ROOT)) {
            case "dynamic" -> ControlMode.DYNAMIC;
            case "scheduled" -> ControlMode.SCHEDULED;
            default -> null;
        };
        if (m == null) {
            System.err.println("--mode must be dynamic or scheduled");
            return 2;
        }
        if (timeoutScale < 1 || timeoutScale > 100) {
            System.err.println("--timeout-scale must be 1 to 100");
            return 2;
        }
        org.secc.ev.din.DinQuirks dinQuirks = null;
        org.secc.ev.din.DinQuirks iso2Quirks = null;
        switch (protocol.toLowerCase(java.util.Locale.ROOT)) {
            case "iso20" -> {
                if (!quirks.isBlank()) {
                    System.err.println("--quirks needs --protocol din or iso2");
                    return 2;
                }
            }
            case "din" -> {
                try {
                    dinQuirks = org.secc.ev.din.DinQuirks.parse(quirks);
                } catch (IllegalArgumentException e) {
                    System.err.println(e.getMessage());
                    return 2;
                }
                if (tls) {
                    System.err.println("DIN 70121 runs without TLS; drop --tls");
                    return 2;
                }
                if (timeoutScale != 1) {
                    System.err.println("--timeout-scale applies to -20 sessions; for DIN give --loop-timeout-ms");
                    return 2;
                }
            }
            case "iso2" -> {
                try {
                    iso2Quirks = org.secc.ev.din.DinQuirks.parse(quirks);
                } catch (IllegalArgumentException e) {
                    System.err.println(e.getMessage());
                    return 2;
                }
                if (iso2Quirks.unitOmitted()) {
                    System.err.println("unit-omitted: ISO 15118-2 makes the Unit of every PhysicalValue mandatory");
                    return 2;
                }
                if (service.bpt) {
                    // -2 is charge only: the default DC_BPT (and AC_BPT) mean their charge-only service
                    service = service.dc ? Service.DC : Service.AC;
                    System.out.println("ISO 15118-2 charges only: service " + service);
                }
                if (timeoutScale != 1) {
                    System.err.println("--timeout-scale applies to -20 sessions; for -2 give --loop-timeout-ms");
                    return 2;
                }
                if (!tlsSuite.equals("ecdhe") && !tlsSuite.equals("ecdh")) {
                    System.err.println("--tls-suite must be ecdhe or ecdh");
                    return 2;
                }
            }
            default -> {
                System.err.println("--protocol must be iso20, iso2 or din");
                return 2;
            }
        }
        if (!tlsSuite.equals("ecdhe") && (iso2Quirks == null || !tls)) {
            System.err.println("--tls-suite needs --protocol iso2 --tls");
            return 2;
        }
        java.security.KeyStore vehicleKeys = null;
        if (tlsCert != null) {
            if (!tls) {
                System.err.println("--tls-cert needs --tls");
                return 2;
            }
            try {
                vehicleKeys = org.secc.transport.tls.Tls.loadPkcs12(tlsCert, tlsPassword.toCharArray());
            } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                System.err.println("--tls-cert " + tlsCert + ": cannot read it as PKCS#12 with --tls-password: " + e.getMessage());
                return 2;
            }
        }
        Connector c;
        if (host != null && port != null) {
            c = !tls ? V2gClientConnector.tcp(host, port) : iso2Quirks != null ? iso2Tls(host, port)
                    : tlsConnector(host, port, vehicleKeys);
        } else if (iface != null) {
            java.net.NetworkInterface ni = java.net.NetworkInterface.getByName(iface);
            if (ni == null) {
                System.err.println("no network interface " + iface);
                return 2;
            }
            SdpResponse r = SdpClient.discover(SdpClient.Config.multicast(ni, tls ? SdpSecurity.TLS : SdpSecurity.NO_TLS))
                    .map(SdpClient.Result::response).orElse(null);
            if (r == null) {
                System.err.println("FAILED: no SDP answer on " + iface + " after " + SdpClient.MAX_REQUESTS + " requests");
                return 1;
            }
            if (tls && r.security() != SdpSecurity.TLS) {
                System.err.println("FAILED: asked for TLS, the SECC offered " + r.security());
                return 1;
            }
            String addr = r.address().getHostAddress();
            if (r.address().isLinkLocalAddress() && !addr.contains("%")) {
                addr = addr + "%" + iface;
            }
            c = r.security() != SdpSecurity.TLS ? V2gClientConnector.tcp(addr, r.port())
                    : iso2Quirks != null ? iso2Tls(addr, r.port()) : tlsConnector(addr, r.port(), vehicleKeys);
        } else {
            System.err.println("give --iface (SDP) or --host and --port");
            return 2;
        }
        System.out.println("scenario " + sc.name() + ": " + sc.description());
        ScenarioRunner runner = new ScenarioRunner(c, EdgeClock.SYSTEM, s -> System.out.println(s.line()));
        if (dinQuirks != null) {
            runner.din(dinQuirks, loopTimeoutMs);
        } else if (timeoutScale != 1) {
            runner.timeoutScale(timeoutScale);
            System.out.println("note: the EV's response deadlines are " + timeoutScale + " times the standard's (--timeout-scale)");
        }
        if (iso2Quirks != null) {
            runner.iso2(iso2Quirks, loopTimeoutMs);
        }
        ScenarioResult res = runner.run(sc, EvConfig.defaults(service, m).withLoopPeriod(loopPeriodMs));
        res.notes().forEach(n -> System.out.println("note: " + n));
        System.out.println(res.summary());
        return res.passed() ? 0 : 1;
    }

    private V2gClientConnector iso2Tls(String h, int p) throws java.io.IOException {
        return tlsSuite.equals("ecdh") ? V2gClientConnector.tlsIso2StaticEcdh(h, p) : V2gClientConnector.tlsIso2(h, p);
    }

    private V2gClientConnector tlsConnector(String h, int p, java.security.KeyStore keys) throws java.io.IOException {
        return keys == null ? V2gClientConnector.tls(h, p) : V2gClientConnector.tls(h, p, keys, tlsPassword.toCharArray());
    }
}
