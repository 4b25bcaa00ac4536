package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.pki.TestPkiSupport;
import org.secc.ev.link.EdgeClock;
import org.secc.ev.link.V2gClientConnector;
import org.secc.ev.scenario.Scenario;
import org.secc.ev.scenario.ScenarioResult;
import org.secc.ev.scenario.ScenarioRunner;
import org.secc.ev.scenario.Scenarios;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Decision;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.Fault;
import org.secc.ev.session.Service;

/**
 * Issue #18 A2 over real loopback sockets against the running service: with 200 idle connections, 50 that sent half
 * a V2GTP header (or half a TLS record header) and one that trickles its first frame a byte at a time, all held open,
 * a real EV emulator session still completes, every time. Before the whole-frame deadlines and the bounded pending
 * set, the first idle connection took the connector and the EV was refused ("a session is already active").
 */
class HostileConnectionsTest {
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    static Path dir;
    static SeccService tcp;
    static SeccService tls;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("policy.conf"), SteppedBench.POLICY);
        var pki = TestPkiSupport.pki();
        SeccConfig c = SeccConfig.parse(ServiceOverSocketsTest.CONFIG, dir);
        tcp = new SeccService(c, new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0), Optional.empty(),
                Optional.empty(), false));
        SeccConfig ct = SeccConfig.parse(ServiceOverSocketsTest.CONFIG + "network.tls = true\ntls.pki_dir = "
                + pki.dir().toAbsolutePath() + "\n", dir);
        tls = new SeccService(ct, new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0), Optional.empty(),
                Optional.empty(), false));
        Thread.sleep(1500); // the grid enters service (delay 0, ramp 1 s) on the real-time bench
    }

    @AfterAll
    static void stop() {
        tcp.close();
        tls.close();
    }

    /** The attackers: idle, half-header and one trickling connection, held open until closed. */
    static final class Hostiles implements AutoCloseable {
        final List<Socket> sockets = new ArrayList<>();
        final Thread trickler;

        Hostiles(int port, boolean tlsPort) throws IOException {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getByName("::1"), port);
            for (int i = 0; i < 200; i++) {
                sockets.add(connect(to));
            }
            // half a V2GTP header, or on the TLS port half a TLS record header
            byte[] half = HEX.parseHex(tlsPort ? "1603" : "01fe8001");
            for (int i = 0; i < 50; i++) {
                Socket s = connect(to);
                s.getOutputStream().write(half);
                sockets.add(s);
            }
            Socket slow = connect(to);
            sockets.add(slow);
            // a SupportedAppProtocolReq frame (or a ClientHello record) one byte every 200 ms
            byte[] first = HEX.parseHex(tlsPort ? "1603010200010001fc0303" : "01fe80010000004080008000");
            trickler = new Thread(() -> {
                try {
                    OutputStream o = slow.getOutputStream();
                    for (int i = 0; ; i++) {
                        o.write(i < first.length ? first[i] : 0);
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the server or by the test
                }
            }, "hostile-trickle");
            trickler.setDaemon(true);
            trickler.start();
        }

        private static Socket connect(InetSocketAddress to) throws IOException {
            Socket s = new Socket();
            s.connect(to, 10_000);
            return s;
        }

        @Override
        public void close() throws Exception {
            trickler.interrupt();
            for (Socket s : sockets) {
                s.close();
            }
            trickler.join(2000);
        }
    }

    private static Scenario dc(String name) {
        return new Scenario(name, name, () -> Scenarios.bench(50), () -> (b, t) -> t < 600 ? Decision.CHARGE : Decision.STOP,
                Fault.NONE, false, 0, false, false, false, 30_000);
    }

    @Test
    void aRealSessionCompletesBesideIdleHalfHeaderAndTricklingConnectionsEveryTime() throws Exception {
        for (int run = 1; run <= 3; run++) {
            try (Hostiles h = new Hostiles(tcp.v2gServer().port(), false)) {
                ScenarioResult r = new ScenarioRunner(V2gClientConnector.tcp("::1", tcp.v2gServer().port()), EdgeClock.SYSTEM, null)
                        .run(dc("hostile-tcp-" + run), EvConfig.defaults(Service.DC, ControlMode.DYNAMIC).withLoopPeriod(50));
                assertTrue(r.passed(), "run " + run + ": " + r.failures() + " " + r.notes());
                assertTrue(r.chargedWh() > 0, "run " + run + " charged");
                ServiceOverSocketsTest.assertSafe(tcp);
            }
        }
    }

    @Test
    void aRealTlsSessionCompletesBesideIdleHalfRecordAndTricklingConnections() throws Exception {
        try (Hostiles h = new Hostiles(tls.v2gServer().port(), true)) {
            V2gClientConnector c = V2gClientConnector.tls("::1", tls.v2gServer().port(), TestPkiSupport.pki().vehicleKeys(),
                    TestPkiSupport.pki().password(), TestPkiSupport.pki().v2gRootTrust());
            ScenarioResult r = new ScenarioRunner(c, EdgeClock.SYSTEM, null)
                    .run(dc("hostile-tls"), EvConfig.defaults(Service.DC, ControlMode.DYNAMIC).withLoopPeriod(50));
            assertTrue(r.passed(), r.failures() + " " + r.notes());
            ServiceOverSocketsTest.assertSafe(tls);
        }
    }
}
