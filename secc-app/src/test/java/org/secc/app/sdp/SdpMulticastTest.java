package org.secc.app.sdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.secc.testsupport.Prerequisites.require;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secc.transport.sdp.SdpClient;
import org.secc.transport.v2gtp.SdpSecurity;

/**
 * SDP over IPv6 link-local multicast on a veth pair this test creates (root only; skipped with a
 * message otherwise): the SECC side joins ff02::1 on one end, the EV multicasts from the other.
 */
class SdpMulticastTest {
    private final String secc = "sdps" + (ProcessHandle.current().pid() % 100000);
    private final String ev = "sdpe" + (ProcessHandle.current().pid() % 100000);
    private boolean created;

    private static boolean run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @BeforeEach
    void link() throws Exception {
        require("root".equals(System.getProperty("user.name")), "needs root to create a veth pair: skipped");
        created = run("ip", "link", "add", secc, "type", "veth", "peer", "name", ev);
        require(created, "ip link add veth failed (no CAP_NET_ADMIN?): skipped");
        // Fixed link-local addresses without duplicate address detection, so the test needs no wait; no
        // kernel-generated (EUI-64) link-local beside them, so the announced address is the fixed one.
        run("sysctl", "-q", "-w", "net.ipv6.conf." + secc + ".addr_gen_mode=1");
        run("sysctl", "-q", "-w", "net.ipv6.conf." + ev + ".addr_gen_mode=1");
        require(run("ip", "addr", "add", "fe80::5ecc/64", "dev", secc, "nodad")
                && run("ip", "addr", "add", "fe80::e7/64", "dev", ev, "nodad")
                && run("ip", "link", "set", secc, "up") && run("ip", "link", "set", ev, "up"), "veth setup failed: skipped");
    }

    @AfterEach
    void unlink() throws Exception {
        if (created) {
            run("ip", "link", "del", secc);
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::"), 0))) {
            return s.getLocalPort();
        }
    }

    @Test
    void multicastRequestIsAnsweredWithTheLinkLocalAddress() throws Exception {
        NetworkInterface seccIf = waitFor(secc);
        NetworkInterface evIf = waitFor(ev);
        Inet6Address announced = SdpServer.linkLocalAddress(seccIf).orElseThrow();
        int port = freeUdpPort(); // not 15118: other test runs on this machine may use it
        try (SdpServer server = SdpServer.start(seccIf, port,
                () -> new SdpOffer(announced, OptionalInt.of(50001), OptionalInt.of(50000)))) {
            assertDiscovered(evIf, port);
        }
    }

    /**
     * Where the kernel (or qemu user-mode 7.2) refuses IPV6_MULTICAST_IF, the server still joins
     * ff02::1 and answers by unicast: discovery works as before, and the refusal is logged once with
     * its reason (secc-app/README-network.md, "Ports and discovery").
     */
    @Test
    void servesWhenTheMulticastInterfaceOptionIsRefused() throws Exception {
        NetworkInterface seccIf = waitFor(secc);
        NetworkInterface evIf = waitFor(ev);
        Inet6Address announced = SdpServer.linkLocalAddress(seccIf).orElseThrow();
        int port = freeUdpPort();
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(SdpServer.class.getName());
        log.addHandler(h);
        List<NetworkInterface> asked = new CopyOnWriteArrayList<>();
        try (SdpServer server = SdpServer.start(seccIf, port,
                () -> new SdpOffer(announced, OptionalInt.of(50001), OptionalInt.of(50000)),
                (socket, nif) -> {
                    asked.add(nif);
                    throw new SocketException("Protocol not available");
                })) {
            assertDiscovered(evIf, port);
            assertDiscovered(evIf, port);
            assertTrue(server.answeredCount() >= 2, "answered " + server.answeredCount());
        } finally {
            log.removeHandler(h);
        }
        assertEquals(List.of(seccIf), asked, "the option was tried once, for the SDP interface");
        assertEquals(1, warnings.size(), () -> "one warning, not one per request: "
                + warnings.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList());
        String msg = warnings.get(0).getMessage();
        assertTrue(msg.contains(secc) && msg.contains("Protocol not available") && msg.contains("SDP serves on"), msg);
    }

    private static void assertDiscovered(NetworkInterface evIf, int port) throws Exception {
        InetAddress group = Inet6Address.getByAddress(null, InetAddress.getByName("ff02::1").getAddress(), evIf);
        SdpClient.Result r = SdpClient.discover(new SdpClient.Config(new InetSocketAddress(group, port), evIf,
                SdpSecurity.TLS, Duration.ofMillis(250), 8)).orElseThrow();
        assertArrayEquals(InetAddress.getByName("fe80::5ecc").getAddress(), r.response().address().getAddress());
        assertEquals(evIf, r.response().address().getScopedInterface(), "scoped to the EV's interface");
        assertEquals(50001, r.response().port());
        assertEquals(SdpSecurity.TLS, r.response().security());
    }

    private static NetworkInterface waitFor(String name) throws Exception {
        for (int i = 0; i < 100; i++) {
            NetworkInterface n = NetworkInterface.getByName(name);
            if (n != null && n.isUp() && SdpServer.linkLocalAddress(n).isPresent()) {
                return n;
            }
            Thread.sleep(20); // waiting for the kernel to bring the link up
        }
        throw new AssertionError(name + " did not come up");
    }
}
