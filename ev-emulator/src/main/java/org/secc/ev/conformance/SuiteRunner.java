package org.secc.ev.conformance;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.secc.ev.conformance.cases.ConformanceCase;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Service;
import org.secc.exi.apphand.AppProtocolType;
import org.secc.exi.apphand.supportedAppProtocolReq;
import org.secc.exi.apphand.supportedAppProtocolRes;
import org.secc.exi.iso20.common.ServiceDiscoveryResType;
import org.secc.exi.iso20.common.ServiceType;
import org.secc.exi.iso20.common.SessionSetupResType;
import org.secc.exi.iso20.common.chargingSessionType;

/**
 * Runs selected cases one after the other against one charger: first an identity probe (SAP answers,
 * EVSEID, offered services), then each case on fresh connections, collecting verdicts and evidence.
 */
public final class SuiteRunner {
    private final Target target;
    private final Settings settings;
    private final LongSupplier clockMs;
    private final Function<String, WireTap> taps;
    private final Consumer<CaseResult> progress;

    /**
     * @param taps     a wire tap per case ID (the pcap writer), or {@code id -> WireTap.NONE}
     * @param progress called after each case (the command prints one line)
     */
    public SuiteRunner(Target target, Settings settings, LongSupplier clockMs, Function<String, WireTap> taps, Consumer<CaseResult> progress) {
        this.target = target;
        this.settings = settings;
        this.clockMs = clockMs;
        this.taps = taps;
        this.progress = progress;
    }

    /** Monotonic milliseconds of the JVM: the suite's only clock at the edge. */
    public static long monotonicMs() {
        return System.nanoTime() / 1_000_000;
    }

    /**
     * Comma-separated globs on case IDs ({@code SAP-*,SEQ-*}); {@code *} matches any run of characters.
     * Null or empty selects every case.
     */
    public static List<ConformanceCase> select(List<ConformanceCase> all, String patterns) {
        if (patterns == null || patterns.isBlank()) {
            return all;
        }
        List<Pattern> ps = new ArrayList<>();
        for (String p : patterns.split(",")) {
            String g = p.trim();
            if (!g.isEmpty()) {
                ps.add(Pattern.compile(Pattern.quote(g).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"), Pattern.CASE_INSENSITIVE));
            }
        }
        return all.stream().filter(c -> ps.stream().anyMatch(p -> p.matcher(c.id()).matches())).toList();
    }

    public RunReport run(String protocol, List<ConformanceCase> cases, String pattern, String version) {
        Instant started = Instant.now();
        long t0 = clockMs.getAsLong();
        ChargerIdentity id = org.secc.ev.conformance.cases.ProtocolSuite.of(protocol).map(s -> s.identify(this)).orElseGet(this::identify);
        List<CaseResult> results = new ArrayList<>();
        for (ConformanceCase c : cases) {
            CaseResult r = runCase(c, id);
            results.add(r);
            progress.accept(r);
        }
        return new RunReport(protocol, target.describe(), settings.seed(), version, id, settings, pattern == null ? "" : pattern, started,
                clockMs.getAsLong() - t0, results);
    }

    public CaseResult runCase(ConformanceCase c, ChargerIdentity id) {
        WireTap tap = taps.apply(c.id());
        CaseContext ctx = new CaseContext(target, settings, id, settings.seed() ^ c.id().hashCode(), clockMs, tap);
        long start = clockMs.getAsLong();
        Verdict v;
        String reason;
        try {
            c.body().run(ctx);
            v = Verdict.PASS;
            reason = "";
        } catch (CaseFailure f) {
            v = Verdict.FAIL;
            reason = f.getMessage();
        } catch (NotApplicable n) {
            v = Verdict.NOT_APPLICABLE;
            reason = n.getMessage();
        } catch (IOException e) {
            // the charger broke the connection in a way the case did not expect: its failure, not the suite's
            v = Verdict.FAIL;
            reason = "connection: " + e.getMessage();
        } catch (Exception | AssertionError e) {
            v = Verdict.ERROR;
            reason = e.toString();
        } finally {
            ctx.closeAll();
        }
        if (v != Verdict.PASS) {
            ctx.note(v + ": " + reason);
        }
        String pcap = tap instanceof AutoCloseable ac ? closeTap(ac, c.id()) : "";
        return new CaseResult(c, v, reason, clockMs.getAsLong() - start, ctx.timings(), ctx.traceEntries(), pcap);
    }

    private static String closeTap(AutoCloseable tap, String id) {
        try {
            tap.close();
            return id + ".pcap";
        } catch (Exception e) {
            return "";
        }
    }

    /** SAP answers to a DC-only and an AC-only offer, then a valid prefix for EVSEID and services; SessionStop ends it. */
    public ChargerIdentity identify() {
        CaseContext ctx = new CaseContext(target, settings, ChargerIdentity.UNKNOWN, settings.seed(), clockMs, WireTap.NONE);
        try {
            String dc = sapAnswer(ctx, Walk.NS_DC);
            String ac = sapAnswer(ctx, Walk.NS_AC);
            Service s = dc.startsWith("OK") ? Service.DC : Service.AC;
            Walk w = ctx.walk(s, ControlMode.DYNAMIC);
            w.to(Walk.Stage.SAP);
            SessionSetupResType setup = w.sessionSetup();
            w.authorizationSetup();
            w.authorization();
            ServiceDiscoveryResType sd = w.send(new org.secc.exi.iso20.common.ServiceDiscoveryReqType(w.header(), null), ServiceDiscoveryResType.class);
            w.send(w.sessionStopRequest(chargingSessionType.Terminate), org.secc.exi.iso20.common.SessionStopResType.class);
            String tls = w.conversation().client().tlsSession().map(x -> x.getProtocol() + " " + x.getCipherSuite()).orElse("");
            return new ChargerIdentity(dc, ac, setup.EVSEID(), sd.EnergyTransferServiceList().Service().stream().map(ServiceType::ServiceID).toList(),
                    sd.VASList() == null ? List.of() : sd.VASList().Service().stream().map(ServiceType::ServiceID).toList(),
                    sd.ServiceRenegotiationSupported(), tls);
        } catch (IOException | RuntimeException e) {
            return new ChargerIdentity("?", "?", "? (identity probe failed: " + e.getMessage() + ")", List.of(), List.of(), false, "");
        } finally {
            ctx.closeAll();
        }
    }

    /**
     * The identity in DIN / -2: the SAP answer to the dialect offered alone, then SessionSetup (EVSEID) and
     * ServiceDiscovery (the charge service's ID), ended by SessionStop.
     */
    public ChargerIdentity identify(LegacyDialect dialect) {
        CaseContext ctx = new CaseContext(target, settings, ChargerIdentity.UNKNOWN, settings.seed(), clockMs, WireTap.NONE);
        String sap = "?";
        try {
            LegacyWalk w = ctx.walk(dialect);
            var r = w.conversation().exchange(w.sapRequest(), supportedAppProtocolRes.class, Settings.MSG_LIMIT_MS);
            sap = r.ResponseCode() + (r.SchemaID() == null ? "" : " SchemaID " + r.SchemaID());
            w.conversation().close();
            w = ctx.walk(dialect);
            w.sap();
            Object setup = w.sessionSetup();
            Object sd = w.serviceDiscovery();
            w.ok(LegacyDialect.Req.SESSION_STOP);
            String tls = w.conversation().client().tlsSession().map(x -> x.getProtocol() + " " + x.getCipherSuite()).orElse("");
            return new ChargerIdentity(sap, "-", dialect.evseId(setup), List.of(dialect.chargeServiceId(sd)), List.of(), false, tls);
        } catch (IOException | RuntimeException e) {
            return new ChargerIdentity(sap, "-", "? (identity probe failed: " + e.getMessage() + ")", List.of(), List.of(), false, "");
        } finally {
            ctx.closeAll();
        }
    }

    private static String sapAnswer(CaseContext ctx, String ns) throws IOException {
        try (Conversation c = ctx.connect()) {
            var r = c.exchange(new supportedAppProtocolReq(List.of(new AppProtocolType(ns, 1, 0, 1, 1))), supportedAppProtocolRes.class,
                    Settings.MSG_LIMIT_MS);
            return r.ResponseCode() + (r.SchemaID() == null ? "" : " SchemaID " + r.SchemaID());
        }
    }
}
