package org.secc.app.run;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

import org.secc.app.sdp.SdpServer;
import org.secc.common.systemd.LivenessRegistry;
import org.secc.common.systemd.SystemdNotifier;
import org.secc.slac.link.RawEthernetLink;
import org.secc.slac.run.SlacTool;
import org.secc.slac.MacAddress;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code secc run}: the charger service, until SIGTERM / Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the charger: SDP and V2GTP (TCP or TLS 1.3) on IF, ISO 15118-20 sessions, the HAL (sim or linux), the grid "
                + "supervisor and discharge policy, the control socket (secc ctl). Options override the config file.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(RunCommand.class.getName());

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

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (iface != null) overrides.put("network.iface", iface);
        if (hal != null) overrides.put("hal.backend", hal);
        if (tls != null) overrides.put("network.tls", tls.toString());
        if (noSlac) overrides.put("network.slac", "false");
        if (port != null) overrides.put("network.port", port.toString());
        if (pcapFile != null) overrides.put("pcap.file", pcapFile.toAbsolutePath().toString());
        SeccConfig cfg;
        try {
            cfg = SeccConfig.parse(withOverrides(Files.readString(config, StandardCharsets.UTF_8), overrides),
                    config.toAbsolutePath().getParent());
        } catch (IOException e) {
            spec.commandLine().getErr().println("run: cannot read " + config + ": " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("run: " + config + ": " + e.getMessage());
            return 2;
        }
        NetworkInterface nif = NetworkInterface.getByName(cfg.iface());
        if (nif == null) {
            spec.commandLine().getErr().println("run: no network interface '" + cfg.iface() + "' (network.iface / --iface)");
            return 2;
        }
        SeccService.Placement where = placement(nif, cfg.port(), !noCtl);
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
                SeccService svc = new SeccService(cfg, where, liveness)) {
            Thread slac = cfg.slac() ? startSlac(cfg) : null;
            notifier.ready("SECC up: V2G port " + svc.v2gServer().port() + ", SDP " + (svc.sdpServer().isPresent() ? "on" : "off"));
            notifier.start();
            if (!check) {
                stop.await();
            }
            notifier.stopping();
            if (slac != null) {
                slac.interrupt();
            }
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

    /** Link-local address of IF (the SDP answer, [V2G2-...] facts 2.3); ::1 on loopback. */
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

    static String withOverrides(String text, Map<String, String> overrides) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            String k = line.contains("=") ? line.substring(0, line.indexOf('=')).strip().toLowerCase(java.util.Locale.ROOT) : "";
            if (!overrides.containsKey(k)) {
                sb.append(line).append('\n');
            }
        }
        overrides.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }

    /** EVSE-side SLAC, one match after another (each EV that plugs in), on the modem's interface. */
    private static Thread startSlac(SeccConfig cfg) throws IOException {
        RawEthernetLink link;
        try {
            link = RawEthernetLink.open(cfg.iface(), RawEthernetLink.ETH_P_HOMEPLUG);
        } catch (IOException e) {
            throw new IOException("SLAC on " + cfg.iface() + ": " + e.getMessage() + " (needs CAP_NET_RAW; use --no-slac on a plain Ethernet bench)", e);
        }
        MacAddress modem = MacAddress.parse(cfg.modemMac());
        Thread t = new Thread(() -> {
            try (link) {
                while (!Thread.currentThread().isInterrupted()) {
                    SlacTool.Outcome o = SlacTool.runEvse(link, modem, org.secc.slac.evse.EvseSlacConfig.defaults(), Duration.ofSeconds(60).toNanos());
                    if (o.match() != null) {
                        LOG.info("SLAC matched: " + o.match());
                    } else {
                        LOG.fine("SLAC: " + o.failure());
                    }
                }
            } catch (IOException e) {
                LOG.severe("SLAC stopped: " + e.getMessage());
            }
        }, "slac");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
