package org.secc.app.run;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.secc.app.sdp.SdpServer;
import org.secc.common.config.ConfigException;
import org.secc.common.config.ConfigText;
import org.secc.common.systemd.LivenessRegistry;
import org.secc.common.systemd.SystemdNotifier;
import org.secc.slac.link.RawEthernetLink;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code secc run}: the charger service, until SIGTERM / Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the charger: SDP and V2GTP (TCP or TLS 1.3) on IF, ISO 15118-20 sessions, the HAL (sim or linux), the grid "
                + "supervisor and discharge policy, the control socket (secc ctl). Options override the config file.")
public final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the service configuration (key = value)")
    Path config;

    @Option(names = "--iface", paramLabel = "IF", description = "network interface (network.iface); lo for a loopback bench")
    String iface;

    @Option(names = "--hal", paramLabel = "sim|linux", description = "hardware backend (hal.backend)")
    String hal;

    @Option(names = "--tls", negatable = true, description = "TLS 1.3 on or off (network.tls)")
    Boolean tls;

    @Option(names = "--no-slac", description = "no SLAC: the link is plain Ethernet (network.slac = false)")
    boolean noSlac;

    @Option(names = "--port", paramLabel = "N", description = "V2GTP port (network.port; 0 = any free port)")
    Integer port;

    @Option(names = "--pcap", paramLabel = "FILE", description = "write the V2G traffic (decrypted) to a pcap file Wireshark reads")
    Path pcapFile;

    @Option(names = "--no-ctl", description = "do not open the control socket")
    boolean noCtl;

    @Option(names = "--check", description = "start everything, then stop at once (exit 0 once up): a start-up check of the "
            + "configuration and hardware, and the training run for the class-data archive")
    boolean check;

    /**
     * Whether {@code secc run ARGS} will serve TLS, read ahead of the command line's parsing so that Bouncy Castle's
     * provider (most of a TLS start: it builds every named elliptic curve when it starts) can start on its own thread
     * while picocli builds its model and the configuration is read ({@link org.secc.app.cli.SeccMain}). {@code --tls}
     * or {@code --no-tls}, else {@code network.tls} of the {@code --config} file; anything unreadable says no (the
     * real parse reports it).
     */
    public static boolean servesTls(String[] args) {
        java.util.List<String> a = java.util.Arrays.asList(args);
        if (a.contains("--tls") || a.contains("--no-tls")) {
            return a.lastIndexOf("--tls") > a.lastIndexOf("--no-tls");
        }
        for (int i = 0; i < args.length; i++) {
            String file = args[i].startsWith("--config=") ? args[i].substring("--config=".length())
                    : args[i].equals("--config") && i + 1 < args.length ? args[i + 1] : null;
            if (file != null) {
                try {
                    return ConfigText.read(java.nio.file.Path.of(file)).bool("network.tls", false);
                } catch (RuntimeException e) {
                    return false;
                }
            }
        }
        return false;
    }

    @Override
    public Integer call() throws Exception {
        SeccConfig cfg;
        try {
            // one parser for the file and the options that override its keys: errors name the file and
            // line, or the option
            ConfigText text = ConfigText.read(config);
            if (iface != null) text.override("network.iface", iface, "--iface");
            if (hal != null) text.override("hal.backend", hal, "--hal");
            if (tls != null) text.override("network.tls", tls.toString(), tls ? "--tls" : "--no-tls");
            if (noSlac) text.override("network.slac", "false", "--no-slac");
            if (port != null) text.override("network.port", port.toString(), "--port");
            if (pcapFile != null) text.override("pcap.file", pcapFile.toAbsolutePath().toString(), "--pcap");
            cfg = SeccConfig.parse(text, config.toAbsolutePath().getParent());
        } catch (ConfigException e) {
            e.shown().forEach(line -> spec.commandLine().getErr().println("run: " + line));
            return ConfigException.EXIT_CODE;
        }
        if (cfg.hal().backend().equals("sim")) {
            spec.commandLine().getErr().println("secc: SIMULATED hardware (hal.backend = sim): no real pilot, contactors or power stage");
            spec.commandLine().getErr().flush();
        }
        if (cfg.logLevel() != null || !cfg.logLevels().isEmpty()) {
            // the service configuration's levels replace the system properties' (README "Logging")
            java.util.logging.Level root = cfg.logLevel() != null ? cfg.logLevel() : java.util.logging.Logger.getLogger("").getLevel();
            org.secc.common.log.Logging.setLevels(root, cfg.logLevels());
        }
        // the TLS set-up (0.3 s) runs from here on while the rest starts; the service joins it before its V2G server binds
        SeccService.TlsSetup tlsSetup = SeccService.TlsSetup.start(cfg);
        NetworkInterface nif = NetworkInterface.getByName(cfg.iface());
        if (nif == null) {
            spec.commandLine().getErr().println("run: no network interface '" + cfg.iface() + "' (network.iface / --iface)");
            return 2;
        }
        SeccService.Placement where;
        try {
            SeccService.Placement p = placement(nif, cfg.port(), !noCtl);
            where = cfg.slac() ? new SeccService.Placement(p.v2gBind(), p.sdpIface(), p.sdpUnicast(), p.ctlEnabled(),
                    Optional.of(openSlac(cfg))) : p;
        } catch (IOException e) {
            spec.commandLine().getErr().println("run: " + e.getMessage());
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM/SIGINT: the hook lets the main thread shut the service down (contactors open) and
        // waits for it, bounded, before the JVM halts.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        // Under systemd (Type=notify): READY=1 once SDP and V2GTP listen, the watchdog keep-alive while
        // the supervisor threads live, STOPPING=1 at shutdown. Outside systemd this does nothing.
        LivenessRegistry liveness = new LivenessRegistry(System::nanoTime);
        try (SystemdNotifier notifier = SystemdNotifier.fromEnvironment(System.getenv(), liveness, System::nanoTime);
                SeccService svc = new SeccService(cfg, where, liveness, tlsSetup)) {
            notifier.ready("SECC up: V2G port " + svc.v2gServer().port() + ", SDP " + (svc.sdpServer().isPresent() ? "on" : "off"));
            notifier.start();
            if (!check) {
                stop.await();
            }
            notifier.stopping();
        } catch (ConfigException e) {
            // the policy file named by policy.file
            e.shown().forEach(line -> spec.commandLine().getErr().println("run: " + line));
            stopped.countDown();
            return ConfigException.EXIT_CODE;
        } catch (IOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("run: " + e.getMessage());
            stopped.countDown();
            return 1;
        }
        // java.util.logging's own shutdown hook may already have closed the handlers: say it on stderr.
        System.err.println("secc: stopped; power off, contactors open");
        stopped.countDown();
        return 0;
    }

    /** Link-local address of IF (the SDP answer, [V2G20-1235], secc-app/README-network.md); ::1 on loopback. */
    static SeccService.Placement placement(NetworkInterface nif, int port, boolean ctl) throws IOException {
        Optional<Inet6Address> ll = SdpServer.linkLocalAddress(nif);
        InetSocketAddress bind;
        if (ll.isPresent()) {
            bind = new InetSocketAddress(ll.get(), port);
        } else if (nif.isLoopback()) {
            bind = new InetSocketAddress(InetAddress.getByName("::1"), port);
        } else {
            throw new IOException(nif.getName() + " has no IPv6 link-local address (ISO 15118 needs one; `ip -6 addr show " + nif.getName() + "`)");
        }
        return new SeccService.Placement(bind, Optional.of(nif), Optional.empty(), ctl);
    }


    /** The modem's interface for EVSE-side SLAC (the connector lifecycle runs one matching per plug-in on it). */
    private static RawEthernetLink openSlac(SeccConfig cfg) throws IOException {
        try {
            return RawEthernetLink.open(cfg.iface(), RawEthernetLink.ETH_P_HOMEPLUG);
        } catch (IOException e) {
            throw new IOException("SLAC on " + cfg.iface() + ": " + e.getMessage() + " (needs CAP_NET_RAW; use --no-slac on a plain Ethernet bench)", e);
        }
    }

}
