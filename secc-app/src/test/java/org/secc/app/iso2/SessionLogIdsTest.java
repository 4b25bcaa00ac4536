package org.secc.app.iso2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.secc.app.iso2.Iso2Messages.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secc.app.run.SessionHandler;
import org.secc.app.sap.AppProtocol;
import org.secc.app.sap.SapNegotiator;
import org.secc.app.session.RecordingChargeControl;
import org.secc.app.session.SessionConfig;
import org.secc.app.v2g.V2gServer;
import org.secc.app.v2g.V2gServerConfig;
import org.secc.exi.ExiCodec;
import org.secc.exi.SchemaKind;
import org.secc.exi.apphand.AppProtocolType;
import org.secc.exi.apphand.supportedAppProtocolReq;
import org.secc.exi.iso2.V2G_Message;
import org.secc.exi.iso2.types.chargingSessionType;
import org.secc.exi.iso2.types.responseCodeType;
import org.secc.transport.v2gtp.V2gClient;
import org.secc.transport.v2gtp.V2gtpFrame;

/**
 * Issue #18: the session's log lines carry its SessionID and the EV's EVCCID in hex (as a capture shows them), so a
 * field log can be matched with a pcap. Real loopback sockets, an ISO 15118-2 session.
 */
class SessionLogIdsTest {
    static final HexFormat HEX = HexFormat.of().withUpperCase();
    final List<String> lines = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    final Logger log = Logger.getLogger(SessionHandler.class.getName());
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    V2gServer server;

    @BeforeEach
    void start() throws Exception {
        log.addHandler(capture);
        server = V2gServer.start(V2gServerConfig.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                conn -> new SessionHandler(conn, SapNegotiator.defaults(), () -> {
                    throw new AssertionError("-20 must not be chosen");
                }, null, () -> new Iso2Session(SessionConfig.defaults(), new RecordingChargeControl(), new PausedSession(), System::nanoTime),
                        timers, s -> {
                        }));
    }

    @AfterEach
    void stop() {
        server.close();
        timers.shutdownNow();
        log.removeHandler(capture);
    }

    @Test
    void everySessionLineNamesTheSessionIdAndTheEvccId() throws Exception {
        byte[] sid;
        try (V2gClient c = V2gClient.connectTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                Duration.ofSeconds(10), 65536)) {
            var sap = new supportedAppProtocolReq(List.of(new AppProtocolType(AppProtocol.ISO2.namespace(), 2, 0, 1, 1)));
            c.request(new V2gtpFrame(0x8001, ExiCodec.of(SchemaKind.SAP).encode(sap)));
            V2G_Message setup = Iso2OverSocketsTest.request(c, new byte[] {0}, sessionSetup()); // EVCCID 02 00 00 00 00 01
            assertEquals(responseCodeType.OK_NewSessionEstablished, Iso2OverSocketsTest.code(setup));
            sid = setup.Header().SessionID();
            Iso2OverSocketsTest.request(c, sid, serviceDiscovery());
            Iso2OverSocketsTest.request(c, sid, sessionStop(chargingSessionType.Terminate));
        }
        String ids = "session=" + HEX.formatHex(sid) + " evccid=020000000001";
        // a message's log lines follow its response (SessionHandler.afterSend): the EV may read the last one first
        long until = System.nanoTime() + 5_000_000_000L;
        while (lines.stream().noneMatch(l -> l.startsWith("session ended")) && System.nanoTime() < until) {
            Thread.sleep(2);
        }
        List<String> exchanges = lines.stream().filter(l -> l.contains(" -> ") && l.contains(" us [")).toList();
        assertEquals(3, exchanges.size(), lines.toString());
        for (String l : exchanges) {
            assertTrue(l.endsWith(ids), l + " should end with " + ids);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("session ended") && l.endsWith(ids)), lines.toString());
    }

    @Test
    void aMinus20EvccIdIsPrintedSafely() {
        assertEquals("WMI-VEH-0001", SessionHandler.printable("WMI-VEH-0001"));
        assertEquals("a\\u000ab\\u0020c", SessionHandler.printable("a\nb c"));
        assertEquals("\"\"", SessionHandler.printable(""));
    }
}
