package org.secc.app.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.policy.Mode;
import org.secc.app.policy.PolicyCommand;

/** The control socket over real Unix sockets: every request kind, errors, timeouts, the socket file. */
@Timeout(20)
class CtlServerTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    Path dir;
    Path sock;
    FakeTarget target;
    CtlServer server;

    @BeforeEach
    void start() throws IOException {
        sock = dir.resolve("secc.sock");
        target = new FakeTarget();
        server = CtlServer.start(sock, target, SHORT);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    String send(String line) throws IOException {
        return CtlClient.send(sock, line, Duration.ofSeconds(5));
    }

    /** Writes raw bytes (optionally half-closing) and reads the reply line. */
    static String raw(Path sock, byte[] bytes, boolean halfClose) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (halfClose) {
                ch.shutdownOutput();
            }
            return readAll(ch);
        }
    }

    /**
     * Reads the reply line, newline included, byte by byte so nothing after it is consumed. Stops at the
     * newline rather than EOF: a server closing with our surplus bytes unread resets the connection.
     */
    static String readAll(SocketChannel ch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (ch.read(one.clear()) > 0) {
            out.write(one.get(0));
            if (one.get(0) == '\n') {
                break;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyRequestKindReachesTheTargetWithItsArguments() throws IOException {
        assertEquals("{\"ok\":true,\"status\":{\"state\":\"IDLE\",\"powerW\":0}}", send("status"));
        assertEquals("{\"ok\":true,\"message\":\"policy reloaded\"}", send("reload"));
        assertEquals("{\"ok\":true,\"message\":\"trip cleared\"}", send("clear-trip"));
        assertEquals("{\"ok\":true,\"message\":\"heartbeat received\"}", send("heartbeat"));
        assertEquals("{\"ok\":true,\"message\":\"authorized\"}", send("authorize"));
        assertEquals("{\"ok\":true,\"message\":\"refused\"}", send("deny"));
        assertEquals("{\"ok\":true,\"id\":\"p1\",\"duplicate\":false,\"message\":\"applied SetPrice\"}",
                send("price p1 0.42"));
        send("price p2 -0.05");
        send("force-discharge f1 7400");
        send("manual m1 charge 3000");
        send("manual m2 discharge 2500.5");
        send("manual m3 idle 0");
        send("auto a1");
        assertEquals("{\"ok\":true,\"id\":\"e1\",\"duplicate\":false,\"message\":\"applied EmergencyStop\"}",
                send("emergency-stop e1"));
        send("reset-emergency-stop r1");
        assertEquals(List.of(
                new FakeTarget.Call("status"), new FakeTarget.Call("reload"), new FakeTarget.Call("clear-trip"),
                new FakeTarget.Call("heartbeat"), new FakeTarget.Call("authorize"), new FakeTarget.Call("deny"),
                new PolicyCommand.SetPrice("p1", 0.42), new PolicyCommand.SetPrice("p2", -0.05),
                new PolicyCommand.ForceDischarge("f1", 7400),
                new PolicyCommand.Manual("m1", Mode.CHARGE, 3000), new PolicyCommand.Manual("m2", Mode.DISCHARGE, 2500.5),
                new PolicyCommand.Manual("m3", Mode.IDLE, 0),
                new PolicyCommand.Auto("a1"), new PolicyCommand.EmergencyStop("e1"),
                new PolicyCommand.ResetEmergencyStop("r1")), target.calls());
    }

    @Test
    void aRepeatedIdIsReportedAsDuplicate() throws IOException {
        assertEquals("{\"ok\":true,\"id\":\"site-7\",\"duplicate\":false,\"message\":\"applied SetPrice\"}",
                send("price site-7 0.30"));
        assertEquals("{\"ok\":true,\"id\":\"site-7\",\"duplicate\":true,\"message\":\"applied SetPrice\"}",
                send("price site-7 0.30"));
        assertEquals("{\"ok\":false,\"id\":\"fd\",\"duplicate\":false,\"message\":\"force-discharge power must be > 0 W\"}",
                send("force-discharge fd 0"));
        assertEquals("{\"ok\":false,\"id\":\"fd\",\"duplicate\":true,\"message\":\"force-discharge power must be > 0 W\"}",
                send("force-discharge fd 0"));
    }

    @Test
    void targetFailuresBecomeNotOkWithTheirMessage() throws IOException {
        target.reloadFailure = "policy.conf: soc_reserve_pct = 120 is outside 0..100";
        assertEquals("{\"ok\":false,\"message\":\"policy.conf: soc_reserve_pct = 120 is outside 0..100\"}", send("reload"));
        target.status = "not json";
        assertEquals("{\"ok\":false,\"error\":\"service status is not a JSON object\"}", send("status"));
        target.status = "{\n  \"a\": \"x\\ny\"\n}";
        assertEquals("{\"ok\":true,\"status\":{   \"a\": \"x\\ny\" }}", send("status"));
    }

    @Test
    void socketFileIsReadWriteForOwnerAndGroupOnly() throws IOException {
        assertEquals(PosixFilePermissions.fromString("rw-rw----"), Files.getPosixFilePermissions(sock));
    }

    @Test
    void badLinesGetAnErrorAndTheServerKeepsServing() throws IOException {
        List<String[]> cases = List.of(
                new String[] {"", "empty request; allowed: status | reload | clear-trip | heartbeat | authorize | deny | sim-pilot A|B|C|D | price <id> <perKwh>"
                        + " | force-discharge <id> <watts> | manual <id> charge|discharge|idle <watts> | auto <id>"
                        + " | emergency-stop <id> | reset-emergency-stop <id> | limits <id> <importWatts> <exportWatts> <validityS>"
                        + " | dispatch <id> <signedWatts> <validityS> | clear-limits <id>"},
                new String[] {"stats", "unknown request 'stats'; allowed: status | reload"},
                new String[] {"price 0.42", "price takes 2 argument(s), got 1; usage: price <id> <perKwh>"},
                new String[] {"status now", "status takes 0 argument(s), got 1; usage: status"},
                new String[] {"price p cheap", "price: perKwh 'cheap' is not a finite decimal number"},
                new String[] {"price p NaN", "price: perKwh 'NaN' is not a finite decimal number"},
                new String[] {"force-discharge f -5", "force-discharge: watts must be >= 0, got -5"},
                new String[] {"force-discharge f 1e300", "force-discharge: watts '1e300' is out of range; allowed 0 to 1000000"},
                new String[] {"dispatch d -2e6 60", "dispatch: signedWatts '-2e6' is out of range; allowed -1000000 to 1000000"},
                new String[] {"limits l 100 none 1e9", "limits: validityS '1e9' is out of range; allowed 0 to 604800"},
                new String[] {"price p 1e12", "price: perKwh '1e12' is out of range; allowed -10000 to 10000"},
                new String[] {"manual m fly 100", "manual: mode 'fly' is not one of charge, discharge, idle"},
                new String[] {"auto bad/id", "auto: id 'bad/id' is not 1-64 characters of A-Z a-z 0-9 . _ : @ -"},
                new String[] {"sim-pilot E", "sim-pilot: state 'E' is not one of A, B, C, D"},
                new String[] {"sim-pilot", "sim-pilot takes 1 argument(s), got 0; usage: sim-pilot A|B|C|D"});
        for (String[] c : cases) {
            String reply = send(c[0]);
            assertTrue(reply.startsWith("{\"ok\":false,\"error\":\"" + c[1]), c[0] + " -> " + reply);
            assertEquals("{\"ok\":true,\"message\":\"heartbeat received\"}", send("heartbeat"), "after " + c[0]);
        }
        // nothing malformed reached the target
        assertTrue(target.calls().stream().allMatch(FakeTarget.Call.class::isInstance), target.calls().toString());
    }

    @Test
    void simPilotIsRefusedWithoutTheSimulatedHal() throws IOException {
        String reply = send("sim-pilot A");
        assertTrue(reply.startsWith("{\"ok\":false,") && reply.contains("sim-pilot needs the simulated HAL (hal.backend = sim)"), reply);
    }

    @Test
    void oversizeAndNonUtf8LinesAreRefused() throws IOException {
        byte[] big = new byte[5000];
        java.util.Arrays.fill(big, (byte) 'a');
        big[big.length - 1] = '\n';
        assertEquals("{\"ok\":false,\"error\":\"request longer than 4096 bytes\"}\n", raw(sock, big, false));
        // exactly 4096 bytes before the newline is still a line (and an unknown request)
        byte[] max = new byte[4097];
        java.util.Arrays.fill(max, (byte) 'a');
        max[4096] = '\n';
        assertTrue(raw(sock, max, false).startsWith("{\"ok\":false,\"error\":\"unknown request 'aaaa"));
        byte[] latin1 = "price p\u00e9 1\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("{\"ok\":false,\"error\":\"request is not valid UTF-8\"}\n", raw(sock, latin1, false));
        assertEquals("{\"ok\":true,\"message\":\"heartbeat received\"}", send("heartbeat"));
    }

    @Test
    void lineEndingsAndHalfCloseAreAccepted() throws IOException {
        assertEquals("{\"ok\":true,\"message\":\"heartbeat received\"}\n",
                raw(sock, "heartbeat\r\n".getBytes(StandardCharsets.UTF_8), false));
        assertEquals("{\"ok\":true,\"message\":\"trip cleared\"}\n",
                raw(sock, "clear-trip".getBytes(StandardCharsets.UTF_8), true));
        assertEquals("{\"ok\":false,\"error\":\"no request received\"}\n", raw(sock, new byte[0], true));
        // only the first line counts: one request per connection
        assertEquals("{\"ok\":true,\"message\":\"heartbeat received\"}\n",
                raw(sock, "heartbeat\nreload\n".getBytes(StandardCharsets.UTF_8), false));
        assertFalse(target.calls().contains(new FakeTarget.Call("reload")));
    }

    @Test
    void silentClientsDoNotBlockOthersAndAreTimedOut() throws IOException {
        List<SocketChannel> silent = new ArrayList<>();
        try {
            silent.add(SocketChannel.open(UnixDomainSocketAddress.of(sock)));
            // a single silent peer occupies one handler: the next client is answered at once
            assertEquals("{\"ok\":true,\"message\":\"heartbeat received\"}",
                    CtlClient.send(sock, "heartbeat", SHORT.dividedBy(2)));
            // more silent peers than handlers: the next client waits at most one read timeout
            for (int i = 0; i < 6; i++) {
                silent.add(SocketChannel.open(UnixDomainSocketAddress.of(sock)));
            }
            assertEquals("{\"ok\":true,\"message\":\"heartbeat received\"}", send("heartbeat"));
            for (SocketChannel ch : silent) {
                assertEquals("{\"ok\":false,\"error\":\"no complete request line within 300 ms\"}\n", readAll(ch));
            }
            // a partial line without its newline is timed out the same way
            try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
                ch.write(StandardCharsets.UTF_8.encode("stat"));
                assertEquals("{\"ok\":false,\"error\":\"no complete request line within 300 ms\"}\n", readAll(ch));
            }
        } finally {
            for (SocketChannel ch : silent) {
                ch.close();
            }
        }
    }

    @Test
    void aStaleSocketIsReplacedButALiveOneOrAFileIsNot() throws IOException {
        Path stale = dir.resolve("stale.sock");
        try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(stale)); // closing leaves the file behind, like a crash
        }
        assertTrue(Files.exists(stale));
        try (CtlServer s = CtlServer.start(stale, target)) {
            assertEquals("{\"ok\":true,\"message\":\"heartbeat received\"}", CtlClient.send(s.path(), "heartbeat", Duration.ofSeconds(5)));
        }
        assertFalse(Files.exists(stale), "close removes the socket file");

        IOException live = assertThrows(IOException.class, () -> CtlServer.start(sock, new FakeTarget()));
        assertEquals("another service is already listening on " + sock, live.getMessage());
        assertEquals("{\"ok\":true,\"message\":\"heartbeat received\"}", send("heartbeat"));

        Path file = Files.writeString(dir.resolve("policy.conf"), "keep me");
        IOException notSocket = assertThrows(IOException.class, () -> CtlServer.start(file, target));
        assertEquals(file + " exists and is not a socket; refusing to replace it", notSocket.getMessage());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void closeStopsServing() throws IOException {
        server.close();
        assertFalse(Files.exists(sock));
        assertThrows(java.net.SocketException.class, () -> send("status"));
    }

    @Test
    void sixtySilentPeersDoNotDelayAStatus() throws IOException {
        // a long per-peer deadline: before, each silent peer held one of four handlers for all of it
        Path other = dir.resolve("patient.sock");
        List<SocketChannel> silent = new ArrayList<>();
        try (CtlServer patient = CtlServer.start(other, target, Duration.ofSeconds(8))) {
            for (int i = 0; i < 60; i++) {
                silent.add(SocketChannel.open(UnixDomainSocketAddress.of(other)));
            }
            long t0 = System.nanoTime();
            String reply = CtlClient.send(other, "status", Duration.ofSeconds(5));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(reply.startsWith("{\"ok\":true,\"status\":"), reply);
            assertTrue(ms < 2_000, "status answered after " + ms + " ms behind 60 silent peers");
        } finally {
            for (SocketChannel ch : silent) {
                ch.close();
            }
        }
    }

    @Test
    void aLineFarOverTheLimitGetsTheErrorNotAReset() throws Exception {
        Path other = dir.resolve("patient.sock"); // a deadline no loaded machine reaches
        try (CtlServer patient = CtlServer.start(other, target, Duration.ofSeconds(8));
                SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(other))) {
            // far more than the socket buffers hold, written whole before reading, as `printf ... | socat` does: the server
            // must keep reading (and dropping) for the write to complete and the error to be read, not a broken pipe
            byte[] huge = new byte[400_000];
            java.util.Arrays.fill(huge, (byte) 'a');
            ByteBuffer b = ByteBuffer.wrap(huge);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            assertEquals("{\"ok\":false,\"error\":\"request longer than 4096 bytes\"}\n", readAll(ch));
            ch.close();
            assertEquals("{\"ok\":true,\"message\":\"heartbeat received\"}", CtlClient.send(other, "heartbeat", Duration.ofSeconds(5)));
        }
        assertEquals("{\"ok\":true,\"message\":\"heartbeat received\"}", send("heartbeat"));
    }
}
