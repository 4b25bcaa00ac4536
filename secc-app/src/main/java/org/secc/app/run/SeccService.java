package org.secc.app.run;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;

import org.secc.app.charge.HalChargeControl;
import org.secc.app.ctl.ControlTarget;
import org.secc.app.ctl.CtlServer;
import org.secc.common.config.ConfigException;
import org.secc.common.json.Json;
import org.secc.app.grid.GridStatus;
import org.secc.transport.pcap.PcapWriter;
import org.secc.app.pcap.V2gPcapTap;
import org.secc.app.policy.CommandResult;
import org.secc.app.policy.CommandSource;
import org.secc.app.policy.ExternalLimit;
import org.secc.app.policy.PolicyStatus;
import org.secc.app.policy.Policy;
import org.secc.app.policy.PolicyCommand;
import org.secc.app.policy.PolicyFile;
import org.secc.app.sdp.SdpOffer;
import org.secc.app.sdp.SdpServer;
import org.secc.app.session.PausedSessions;
import org.secc.app.session.V2gSession;
import org.secc.app.v2g.V2gServer;
import org.secc.app.v2g.V2gServerConfig;
import org.secc.transport.tls.ClientAuth;
import org.secc.common.systemd.Liveness;
import org.secc.hal.config.Hal;
import org.secc.hal.config.HalFactory;
import org.secc.hal.sim.SimBench;

/**
 * The running charger: HAL, grid supervisor, policy, charge control, SDP and V2GTP servers, the
 * control socket. Built from a {@link SeccConfig}; {@link #close()} stops everything and leaves the
 * contactors open.
 */
public final class SeccService implements AutoCloseable, ControlTarget {

    private static final Logger LOG = Logger.getLogger(SeccService.class.getName());

    private final SeccConfig cfg;
    private final Hal hal;
    private final ChargePoint cp;
    private final ScheduledExecutorService timers;
    private final V2gServer v2g;
    private final SdpServer sdp;
    private final CtlServer ctl;
    private final org.secc.site.SiteClient site;
    private final PcapWriter pcap;
    private final PausedSessions paused = PausedSessions.defaults();
    /** The -2 session an EV paused, kept across connections for its resume ([V2G2-571]). */
    private final org.secc.app.iso2.PausedSession iso2Paused = new org.secc.app.iso2.PausedSession();
    private final AtomicReference<String> sessionState = new AtomicReference<>("idle");
    private final Thread stepper;
    private final LongSupplier clock;
    private final ConnectorRunner connector;
    /** Connector 1 as telemetry and status see it (one source for both). */
    private final ConnectorView view;
    private final org.secc.app.charge.EnergyRegisterSaver registers;
    private volatile boolean running = true;
    private final org.secc.app.ocpp.OcppBridge ocpp;
    /** The JIT warm-up after start-up ({@code jit.warmup}), or null. */
    private final org.secc.app.jit.JitWarmUp warmUp;

    /** Network placement decided by the caller: where the V2GTP server binds and the SDP server listens. */
    public record Placement(InetSocketAddress v2gBind, Optional<NetworkInterface> sdpIface, Optional<InetSocketAddress> sdpUnicast,
            boolean ctlEnabled, Optional<org.secc.slac.link.PlcLink> slacLink) {
        /** Without SLAC: the link is up as soon as the EV is plugged in (loopback, plain Ethernet). */
        public Placement(InetSocketAddress v2gBind, Optional<NetworkInterface> sdpIface, Optional<InetSocketAddress> sdpUnicast,
                boolean ctlEnabled) {
            this(v2gBind, sdpIface, sdpUnicast, ctlEnabled, Optional.empty());
        }
    }

    public SeccService(SeccConfig cfg, Placement where) throws IOException {
        this(cfg, where, Liveness.NONE);
    }

    /** @param liveness where the supervisor threads register for the systemd watchdog */
    public SeccService(SeccConfig cfg, Placement where, Liveness liveness) throws IOException {
        this(cfg, where, liveness, null);
    }

    /**
     * @param early the TLS set-up the caller started as soon as it had the configuration ({@link TlsSetup#start}), or
     *              null: it starts here
     */
    public SeccService(SeccConfig cfg, Placement where, Liveness liveness, TlsSetup early) throws IOException {
        this.cfg = cfg;
        TlsSetup tlsSetup = early != null ? early : TlsSetup.start(cfg);
        this.hal = HalFactory.build(cfg.hal());
        Optional<SimBench> bench = hal.bench();
        LongSupplier monitorClock = bench.<LongSupplier>map(b -> b::nanos).orElse(System::nanoTime);
        this.clock = monitorClock;
        Policy policy = loadPolicy(cfg);
        if (cfg.ocpp() != null) {
            // Before the pilot and grid threads start: the OCPP module's first use is heavy (schemas, JSON).
            org.secc.ocpp.rpc.SchemaValidator.warmUp();
        }
        this.cp = new ChargePoint(hal, policy, cfg.charge(), monitorClock, monitorClock, ChargePoint.SupervisorMode.THREAD);
        cp.registerLiveness(liveness);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "session-timers");
            t.setDaemon(true);
            return t;
        });
        this.connector = new ConnectorRunner(1, cfg.lifecycle(), cp.pilot(), hal, where.slacLink().orElse(null),
                org.secc.slac.MacAddress.parse(cfg.modemMac()), reason -> cp.charge().pilotFault(reason));
        // On the simulated bench every plug-in is a new car: its battery starts at sim.battery_initial_soc,
        // as each run of the EV emulator's scenarios does (the two sides agree on the car's voltage).
        bench.ifPresent(b -> connector.onPlugIn(() -> b.battery().newCar(cfg.hal().number("sim.battery_initial_soc"))));
        connector.heartbeat(liveness.register("connector-1", ChargePoint.SUPERVISOR_MAX_SILENCE));
        this.view = new ConnectorView(1, cp, connector::status);
        this.registers = org.secc.app.charge.EnergyRegisterSaver.start(new org.secc.app.charge.EnergyRegisterFile(cfg.stateDir()),
                java.util.Map.of(1, cp.charge()), System::nanoTime);
        connector.start();
        if (cp.gridStatus() != null) {
            // the EV paused for a grid trip is woken when the grid is back (GridWakeUp)
            GridWakeUp waker = new GridWakeUp();
            timers.scheduleWithFixedDelay(() -> {
                try {
                    var g = cp.gridStatus();
                    String why = g == null ? null : waker.step(connector.status().state(), g.state());
                    if (why != null) {
                        connector.wakeUp(why);
                    }
                } catch (RuntimeException e) {
                    LOG.log(java.util.logging.Level.WARNING, "grid wake-up check failed", e); // a throw would end the periodic task
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
        }
        // The simulated bench runs in real time on its own thread.
        if (bench.isPresent()) {
            SimBench b = bench.get();
            stepper = new Thread(() -> stepRealTime(b), "sim-bench");
            stepper.setDaemon(true);
            stepper.start();
        } else {
            stepper = null;
        }
        // The simulated car is plugged in and ready (S2 closed, state C): sessions on the bench need no
        // pilot choreography; `ChargePoint.pilot()` still supervises it like a real one.
        bench.ifPresent(b -> b.controlPilot().setEv(org.secc.hal.sim.SimControlPilot.EvSide.C));

        this.pcap = cfg.pcap() == null ? null : new PcapWriter(new BufferedOutputStream(Files.newOutputStream(cfg.pcap())), Clock.systemUTC());
        V2gPcapTap tap = pcap == null ? null : new V2gPcapTap(pcap);
        TlsContexts tc = tlsSetup == null ? null : tlsSetup.join();
        V2gServerConfig sc = cfg.tls() ? V2gServerConfig.tls(where.v2gBind(), tc.main())
                .withClientAuth(cfg.requireClientCertificate() ? ClientAuth.NEED : ClientAuth.WANT) : V2gServerConfig.tcp(where.v2gBind());
        if (cfg.tls() && !cfg.requireClientCertificate()) {
            LOG.warning("BENCH SETTING tls.require_client_certificate = false: ISO 15118-20 over TLS is served to EVs that present"
                    + " no certificate (not conformant, [V2G20-2400]); never on a public charger");
        }
        if (cfg.tls() && Files.exists(iso2Keys(cfg))) {
            // the -2 chain is there: TLS 1.2 for -2 EVs beside -20's TLS 1.3 (README-din-iso2.md); a required -20
            // client certificate is then checked after the handshake (V2gServer), since -2 EVs present none
            sc = sc.withProfile(org.secc.transport.tls.TlsProfile.ISO15118_20_AND_2).withStaticEcdh(tc.staticEcdh());
            LOG.info(() -> "TLS: ISO 15118-20 over TLS 1.3 and ISO 15118-2 over TLS 1.2 (" + iso2Keys(cfg) + ", "
                    + (tc.staticEcdh() != null ? "ECDHE and static-ECDH suites" : "ECDHE suite only") + ")");
        }
        if (tap != null) {
            sc = sc.withTap(tap);
        }
        // The session's own sequence timers decide; the socket timeout is only the backstop behind them.
        Duration seq = cfg.session().sequenceTimeout().compareTo(cfg.session().loopSequenceTimeout()) > 0
                ? cfg.session().sequenceTimeout() : cfg.session().loopSequenceTimeout();
        sc = sc.withReadTimeout(seq.plusSeconds(5));
        this.v2g = startV2g(sc);
        Inet6Address announced = announcedAddress(where);
        // SDP answers only while the connector can power a session (a link, the pilot at 5 %).
        java.util.function.Supplier<SdpOffer> offer = () -> connector.servesSessions()
                ? new SdpOffer(announced, cfg.tls() ? OptionalInt.of(v2g.port()) : OptionalInt.empty(),
                        cfg.tls() ? OptionalInt.empty() : OptionalInt.of(v2g.port()))
                : new SdpOffer(announced, OptionalInt.empty(), OptionalInt.empty());
        SdpServer s = null;
        if (where.sdpIface().isPresent()) {
            s = SdpServer.start(where.sdpIface().get(), SdpServer.SDP_PORT, offer);
        } else if (where.sdpUnicast().isPresent()) {
            s = SdpServer.startUnicast(where.sdpUnicast().get(), offer);
        }
        if (s != null && tap != null) {
            s = s.withTap(tap);
        }
        this.sdp = s;
        this.ocpp = cfg.ocpp() == null ? null : new org.secc.app.ocpp.OcppBridge(cfg.ocpp(), cp, sessionState::get, Clock.systemUTC());
        if (ocpp != null) {
            ocpp.start();
        }
        this.ctl = where.ctlEnabled() ? startCtl(cfg) : null;
        if (ctl != null) {
            org.secc.app.ctl.SighupReload.install(() -> {
                try {
                    LOG.info(reload());
                } catch (RuntimeException e) {
                    LOG.warning(e.getMessage());
                }
            });
        }
        // The MQTT site interface when mqtt.* keys are configured (site-mqtt/README.md).
        if (cfg.site() != null) {
            try {
                site = new org.secc.site.SiteClient(cfg.site(), new org.secc.app.site.SiteAdapter(cp, this, java.util.List.of(view), clock), clock,
                        Clock.systemUTC());
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                throw new IOException("mqtt.url " + cfg.site().url() + ": " + e.getMessage(), e);
            }
            site.start();
        } else {
            site = null;
        }
        LOG.info(() -> String.format(Locale.ROOT, "SECC up: V2G %s on %s, SDP %s, HAL %s, grid code %s", cfg.tls() ? "TLS" : "TCP",
                v2g.localAddress(), sdp == null ? "off" : "port " + sdp.port(), cfg.hal().backend(),
                policy.gridCode() == null ? "none (charge only)" : policy.gridCode().category + " " + policy.gridCode().nominalHz + " Hz"));
        // The per-message code runs before the first EV does; it gives way while a V2G connection is open or waiting.
        this.warmUp = cfg.jitWarmUp() ? org.secc.app.jit.JitWarmUp.start(() -> v2g.hasActiveConnection() || v2g.pendingConnections() > 0, cfg.sap())
                : null;
    }

    /** The JIT warm-up started after start-up, if {@code jit.warmup} is on. */
    public Optional<org.secc.app.jit.JitWarmUp> jitWarmUp() {
        return Optional.ofNullable(warmUp);
    }

    /**
     * Binds the V2GTP server. Right after the link comes up its IPv6 link-local address is still
     * tentative (duplicate address detection, about 1 s) and cannot be bound: retry for up to 10 s.
     */
    private V2gServer startV2g(V2gServerConfig sc) throws IOException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return V2gServer.start(sc, conn -> new SessionHandler(conn, cfg.sap(),
                        () -> {
                            view.protocol("iso15118-20");
                            return new V2gSession(cfg.session(), cp.charge(), System::nanoTime, Clock.systemUTC(), paused);
                        },
                        () -> {
                            view.protocol("din70121");
                            return new org.secc.app.din.DinSession(cfg.session(), cp.charge(), System::nanoTime);
                        },
                        () -> {
                            view.protocol("iso15118-2");
                            return new org.secc.app.iso2.Iso2Session(cfg.session(), cp.charge(), iso2Paused, System::nanoTime);
                        }, timers,
                        name -> {
                            sessionState.set(name);
                            view.sessionState(name);
                            connector.sessionState(name);
                        }));
            } catch (java.net.BindException e) {
                if (System.nanoTime() - end > 0) {
                    throw e;
                }
                LOG.info(() -> "cannot bind " + sc.bind() + " yet (" + e.getMessage() + "); retrying");
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private CtlServer startCtl(SeccConfig c) throws IOException {
        Files.createDirectories(c.ctlSocket().toAbsolutePath().getParent());
        return CtlServer.start(c.ctlSocket(), this);
    }

    private static Inet6Address announcedAddress(Placement where) throws IOException {
        if (where.v2gBind().getAddress() instanceof Inet6Address a && !a.isAnyLocalAddress()) {
            return a;
        }
        if (where.sdpIface().isPresent()) {
            return SdpServer.linkLocalAddress(where.sdpIface().get())
                    .orElseThrow(() -> new IOException(where.sdpIface().get().getName() + " has no IPv6 link-local address"));
        }
        return (Inet6Address) InetAddress.getByName("::1");
    }

    static Policy loadPolicy(SeccConfig cfg) {
        if (cfg.policyFile() == null) {
            LOG.info("no policy.file: default policy, no grid code (charge only)");
            return PolicyFile.defaults();
        }
        PolicyFile.Result r = PolicyFile.load(cfg.policyFile());
        if (r instanceof PolicyFile.Invalid inv) {
            throw new ConfigException(inv.errors());
        }
        return ((PolicyFile.Loaded) r).policy();
    }

    /** The -2 SECC chain (secp256r1), optional: {@code tls.pki_dir}/iso2/secc.p12, as `secc-bench pki --key-type EC_P256` writes it. */
    static java.nio.file.Path iso2Keys(SeccConfig cfg) {
        return cfg.pkiDir().resolve("iso2").resolve("secc.p12");
    }

    /**
     * The V2G server's TLS contexts: Bouncy Castle JSSE's for -20 (and -2's ECDHE suite), and, when the -2 chain is
     * there, SunJSSE's for -2's static-ECDH suite ([V2G2-602], {@link org.secc.transport.tls.Tls#permitStaticEcdh()};
     * null when this JVM cannot negotiate it, said in one log line).
     */
    private record TlsContexts(SSLContext main, SSLContext staticEcdh) {
    }

    /**
     * The TLS set-up on its own thread: Bouncy Castle's providers (most of it: the provider builds every named
     * elliptic curve when it starts), the PKCS#12 key stores and the contexts, about 0.3 s of a TLS start on x86
     * (README "Start-up time"). `secc run` starts it as soon as it has the configuration, so that it runs while the
     * rest starts (the HAL, the charge point and its threads); the V2G server waits for it before it binds.
     */
    public static final class TlsSetup {
        private final java.util.concurrent.FutureTask<TlsContexts> task;

        private TlsSetup(SeccConfig cfg) {
            task = new java.util.concurrent.FutureTask<>(() -> tlsContexts(cfg));
            Thread t = new Thread(task, "tls-setup");
            t.setDaemon(true);
            t.start();
        }

        /** Starts the set-up for {@code cfg}; null when the configuration has no TLS. */
        public static TlsSetup start(SeccConfig cfg) {
            return cfg.tls() ? new TlsSetup(cfg) : null;
        }

        TlsContexts join() throws IOException {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the TLS contexts were set up", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException(e.getCause());
            }
        }
    }

    private static TlsContexts tlsContexts(SeccConfig cfg) throws IOException {
        try {
            char[] pw = cfg.pkiPassword().toCharArray();
            if (Files.exists(iso2Keys(cfg))) {
                // both chains: the key manager picks the one the handshake can use
                java.security.KeyStore iso2 = org.secc.transport.tls.Tls.loadPkcs12(iso2Keys(cfg), pw);
                SSLContext main = org.secc.transport.tls.Tls.contextForChains(
                        java.util.List.of(org.secc.transport.tls.Tls.loadPkcs12(cfg.pkiDir().resolve("secc.p12"), pw), iso2), pw,
                        org.secc.transport.tls.Tls.loadPkcs12(cfg.pkiDir().resolve("oem-root-trust.p12"), pw));
                SSLContext ecdh = null;
                if (org.secc.transport.tls.Tls.permitStaticEcdh()) {
                    ecdh = org.secc.transport.tls.Tls.staticEcdhContext(iso2, pw, null);
                } else {
                    LOG.warning("TLS: ISO 15118-2's static-ECDH suite ([V2G2-602]) is not offered: SunJSSE in this JVM read"
                            + " jdk.tls.disabledAlgorithms before it could be allowed");
                }
                return new TlsContexts(main, ecdh);
            }
            return new TlsContexts(org.secc.transport.tls.Tls.fromPkcs12(cfg.pkiDir().resolve("secc.p12"),
                    cfg.pkiDir().resolve("oem-root-trust.p12"), cfg.pkiPassword().toCharArray()), null);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("tls.pki_dir " + cfg.pkiDir() + ": " + e.getMessage(), e);
        }
    }

    private void stepRealTime(SimBench b) {
        long last = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            b.step(Duration.ofNanos(Math.min(now - last, 100_000_000L)));
            last = now;
        }
    }

    public ChargePoint chargePoint() {
        return cp;
    }

    public V2gServer v2gServer() {
        return v2g;
    }

    public Optional<SdpServer> sdpServer() {
        return Optional.ofNullable(sdp);
    }

    /** The MQTT site interface, when configured. */
    public Optional<org.secc.site.SiteClient> siteClient() {
        return Optional.ofNullable(site);
    }

    public String sessionState() {
        return sessionState.get();
    }

    /** The connector's lifecycle runner (state, reason, SLAC matches). */
    public ConnectorRunner connector() {
        return connector;
    }

    // ------------------------------------------------------------------ ControlTarget

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "null";
    }

    @Override
    public String statusJson() {
        HalChargeControl.Snapshot s = cp.charge().snapshot();
        GridStatus g = cp.gridStatus();
        String grid = g == null ? "null" : Json.object().put("state", g.state().name().toLowerCase(Locale.ROOT)).put("reason", g.reason())
                .putRaw("frequency_hz", String.format(Locale.ROOT, "%.3f", Double.isNaN(g.frequencyHz()) ? 0 : g.frequencyHz()))
                .putRaw("power_fraction", num(g.powerFraction())).toString();
        StringBuilder trips = new StringBuilder("[");
        for (var t : cp.trips()) {
            if (trips.length() > 1) {
                trips.append(',');
            }
            trips.append(Json.quote(t.toString()));
        }
        trips.append(']');
        StringBuilder faults = new StringBuilder("[");
        for (String f : cp.charge().hardwareFaults()) {
            if (faults.length() > 1) {
                faults.append(',');
            }
            faults.append(Json.quote(f));
        }
        faults.append(']');
        var c = connector.status();
        ConnectorView.Reading r = view.read();
        String connectors = "[" + Json.object().putRaw("id", Integer.toString(c.connector())).put("state", c.state()).put("reason", c.reason())
                .putRaw("since_s", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - c.sinceNanos()) / 1e9))
                .putRaw("plug_ins", Integer.toString(c.plugIns())).putRaw("slac_matches", Integer.toString(connector.matches()))
                .put("protocol", r.protocol()).putRaw("energy_imported_wh", num(r.importedWh()))
                .putRaw("energy_exported_wh", num(r.exportedWh())) + "]";
        return Json.object().put("session_state", sessionState.get()).put("service", s.service()).put("energized", s.energized())
                .putRaw("soc_pct", num(s.socPct())).putRaw("voltage_v", num(s.voltageV())).putRaw("current_a", num(s.currentA()))
                .putRaw("power_w", num(s.powerW())).put("mode", s.mode())
                .putRaw("charge_limit_w", num(s.chargeLimitW())).put("charge_limit_reason", s.chargeReason())
                .putRaw("discharge_limit_w", num(s.dischargeLimitW())).put("discharge_limit_reason", s.dischargeReason())
                .putRaw("charged_wh", num(s.chargedWh())).putRaw("discharged_wh", num(s.dischargedWh()))
                .putRaw("grid", grid).putRaw("trips", trips.toString()).putRaw("faults", faults.toString())
                .putRaw("policy", policyJson(cp.policy().status(clock.getAsLong()))).putRaw("connectors", connectors)
                .put("csms", ocpp == null ? "off" : ocpp.statusLine()).toString();
    }

    /** The OCPP station, when ocpp.csms_url is configured. */
    public Optional<org.secc.app.ocpp.OcppBridge> ocpp() {
        return Optional.ofNullable(ocpp);
    }

    /** Every active site/CSMS limit with its source and reason, the fail-safe and the operator's inputs. */
    static String policyJson(PolicyStatus p) {
        StringBuilder limits = new StringBuilder("[");
        for (PolicyStatus.Active a : p.limits()) {
            ExternalLimit x = a.limit();
            if (limits.length() > 1) {
                limits.append(',');
            }
            limits.append(Json.object().put("source", x.source().wire()).put("id", x.id())
                    .put("kind", x.isSetpoint() ? "setpoint" : "limits")
                    .putRaw("import_limit_w", num(x.importLimitW())).putRaw("export_limit_w", num(x.exportLimitW()))
                    .putRaw("setpoint_w", num(x.setpointW())).put("reason", x.reason())
                    .putRaw("remaining_s", Long.toString(a.remainingS())));
        }
        limits.append(']');
        StringBuilder fs = new StringBuilder("[");
        for (String r : p.failsafe()) {
            if (fs.length() > 1) {
                fs.append(',');
            }
            fs.append(Json.quote(r));
        }
        fs.append(']');
        Json.Obj hb = Json.object();
        p.heartbeatAgeS().forEach((src, age) -> hb.putRaw(src.wire(), Long.toString(age)));
        StringBuilder down = new StringBuilder("[");
        for (var src : p.linksDown()) {
            if (down.length() > 1) {
                down.append(',');
            }
            down.append(Json.quote(src.wire()));
        }
        down.append(']');
        return Json.object().putRaw("limits", limits.toString())
                .putRaw("failsafe", Json.object().put("active", p.failsafeActive()).putRaw("reasons", fs.toString()).toString())
                .putRaw("heartbeat_age_s", hb.toString()).putRaw("links_down", down.toString())
                .put("operator", p.operator()).putRaw("price", Double.isNaN(p.price()) ? "null" : Double.toString(p.price()))
                .put("price_source", p.priceSource() == null ? null : p.priceSource().wire())
                .putRaw("price_remaining_s", Long.toString(p.priceRemainingS())).toString();
    }

    @Override
    public CommandResult command(PolicyCommand c) {
        return cp.policy().handle(c, CommandSource.CTL, clock.getAsLong());
    }

    @Override
    public String reload() {
        if (cfg.policyFile() == null) {
            throw new IllegalStateException("no policy.file configured: nothing to reload");
        }
        PolicyFile.Result r = cp.policy().reload(cfg.policyFile());
        if (r instanceof PolicyFile.Invalid inv) {
            throw new IllegalArgumentException("policy " + cfg.policyFile() + " rejected, the old policy stays: " + String.join("; ", ConfigException.shown(inv.errors())));
        }
        return "policy " + cfg.policyFile() + " loaded; applies at the next control step";
    }

    /**
     * Grid trips re-enter service by themselves once the enter-service window held (IEEE 1547); what an
     * operator clears are latched hardware faults (contactor feedback/welding, a power stage's device
     * fault or lost Modbus exchange, on the real stage as on the simulator) after checking them.
     */
    @Override
    public String clearTrip() {
        var before = cp.charge().hardwareFaults();
        hal.contactors().clearFaults();
        hal.powerStage().clearFaults();
        LOG.info(() -> "clear-trip: " + (before.isEmpty() ? "no latched faults" : String.join(", ", before)) + " cleared by the operator");
        GridStatus g = cp.gridStatus();
        return "cleared " + (before.isEmpty() ? "no latched faults" : String.join(", ", before)) + "; grid "
                + (g == null ? "not supervised" : g.state().name().toLowerCase(Locale.ROOT) + " (" + g.reason() + ")");
    }

    /** `secc ctl wake-up`: only a paused EV is woken (the connector's lifecycle does it: PilotWakeUp, then LinkUp). */
    @Override
    public String wakeUp() {
        var st = connector.status();
        if (st == null || !st.state().equals("Paused")) {
            throw new IllegalStateException("no paused EV to wake: the connector is " + (st == null ? "starting" : st.state() + " (" + st.reason() + ")"));
        }
        LOG.info("wake-up requested by the operator");
        connector.wakeUp("operator (secc ctl wake-up)");
        return "wake-up: the pilot returns to 5 % (IEC 61851-1); the paused EV may resume its session";
    }

    @Override
    public String authorize(boolean accepted) {
        if (cfg.charge().autoAuthorize()) {
            return "charge.auto_authorize = true: every EV is accepted anyway";
        }
        cp.charge().authorize(accepted);
        return accepted ? "EV authorized" : "EV refused (WARNING_EIMAuthorizationFailure)";
    }

    /**
     * The bench's hand on the simulated car's plug and S2 (IEC 61851-1 A, B, C, D): unplugging and plugging
     * in again is a new car (the connector counts a plug-in; the simulated battery restarts at
     * {@code sim.battery_initial_soc}), as on a real bench between sessions.
     */
    @Override
    public String simPilot(char state) {
        SimBench b = hal.bench().orElseThrow(() -> new IllegalStateException("sim-pilot needs the simulated HAL (hal.backend = sim)"));
        var side = switch (state) {
            case 'A' -> org.secc.hal.sim.SimControlPilot.EvSide.UNPLUGGED;
            case 'B' -> org.secc.hal.sim.SimControlPilot.EvSide.B;
            case 'C' -> org.secc.hal.sim.SimControlPilot.EvSide.C;
            case 'D' -> org.secc.hal.sim.SimControlPilot.EvSide.D;
            default -> throw new IllegalArgumentException("sim-pilot: state '" + state + "' is not one of A, B, C, D");
        };
        b.controlPilot().setEv(side);
        LOG.info(() -> "sim-pilot: the simulated car presents state " + state + " on the control pilot");
        return "simulated car on the pilot: state " + state;
    }

    /** The simulated car's battery at {@code soc} (0..1) now: a bench whose emulated car starts at another SOC. */
    @Override
    public String simSoc(double soc) {
        SimBench b = hal.bench().orElseThrow(() -> new IllegalStateException("sim-soc needs the simulated HAL (hal.backend = sim)"));
        b.battery().newCar(soc);
        LOG.info(() -> String.format(Locale.ROOT, "sim-soc: the simulated car's battery set to %.3f", soc));
        return String.format(Locale.ROOT, "simulated car's battery at SOC %.3f", soc);
    }

    @Override
    public void heartbeat() {
        cp.policy().heartbeat(clock.getAsLong());
    }

    @Override
    public void close() {
        LOG.info("SECC stopping: servers first, then the ordered power-off");
        running = false;
        if (warmUp != null) {
            warmUp.stop();
        }
        if (site != null) {
            site.close();
        }
        if (ocpp != null) {
            ocpp.close();
        }
        if (ctl != null) {
            try {
                ctl.close();
            } catch (IOException e) {
                LOG.warning("closing the control socket: " + e.getMessage());
            }
        }
        if (sdp != null) {
            sdp.close();
        }
        v2g.close();
        timers.shutdownNow();
        connector.close();
        // The simulated bench keeps moving until the power-off finished (the ramp takes bench time).
        cp.close();
        registers.close(); // after the power-off: what the last steps counted is saved too
        running = false;
        if (stepper != null) {
            stepper.interrupt();
        }
        if (pcap != null) {
            try {
                pcap.close();
            } catch (IOException e) {
                LOG.warning("closing the pcap file: " + e.getMessage());
            }
        }
        LOG.info("SECC stopped; contactors open");
    }
}
