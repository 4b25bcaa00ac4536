package org.secc.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.common.json.JsonNode;

/**
 * The CSMS goes away mid-session, comes back, goes away again; the station dies while offline and
 * starts again on the same data directory: every TransactionEvent arrives once, in order, seqNo without
 * gaps; the fail-safe applies after offline_failsafe_s and lifts on reconnect.
 */
class OfflineScenarioTest {
    static final Duration T = Duration.ofSeconds(30);
    @TempDir Path dir;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void csms_lost_station_killed_while_offline_then_everything_delivered_once_in_order() throws Exception {
        int port = freePort();
        OcppSettings s = OcppSettings.of(URI.create("ws://127.0.0.1:" + port + "/ocpp"), "CS001", 1, CsmsScenarioTest.PASSWORD, dir)
                .withTimes(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(3600));
        BenchCharger car = new BenchCharger();
        List<JsonNode> delivered = new ArrayList<>();
        String txId;
        OcppClient client = new OcppClient(s, car, Clock.systemUTC(), null);
        try (CsmsProcess a = new CsmsProcess("--port", Integer.toString(port), "--password", CsmsScenarioTest.PASSWORD)) {
            client.start();
            a.awaitCall("StatusNotification", 0, T);
            car.plug();
            txId = a.awaitCall("TransactionEvent", 0, T).path("payload").path("transactionInfo").path("transactionId").asString();
            // Acknowledged (CALLRESULT received) before the CSMS dies; an unanswered one would be sent again.
            CsmsScenarioTest.eventually(() -> client.station().queuedTransactionEvents() == 0, "Started acknowledged");
            a.kill();
            delivered.addAll(a.calls("TransactionEvent"));
        }
        CsmsScenarioTest.eventually(() -> !client.onLoop(() -> client.station().isConnected()), "the station notices the lost CSMS");
        // Offline: the car discharges; the events queue on disk.
        car.chargingState = "Charging";
        car.run(-7000, 360);
        CsmsScenarioTest.eventually(() -> client.station().queuedTransactionEvents() >= 1, "an offline event queued");
        CsmsScenarioTest.eventually(() -> Boolean.TRUE.equals(car.failsafe), "charge-only fail-safe after offline_failsafe_s");
        try (CsmsProcess b = new CsmsProcess("--port", Integer.toString(port), "--password", CsmsScenarioTest.PASSWORD)) {
            JsonNode ev = b.awaitCall("TransactionEvent", 0, T).path("payload");
            assertTrue(ev.path("offline").asBoolean(), "queued while offline: offline = true");
            CsmsScenarioTest.eventually(() -> Boolean.FALSE.equals(car.failsafe), "fail-safe lifted on reconnect");
            assertTrue(b.calls("BootNotification").isEmpty(), "a reconnect needs no BootNotification");
            CsmsScenarioTest.eventually(() -> client.station().queuedTransactionEvents() == 0, "queue drained");
            b.kill();
            delivered.addAll(b.calls("TransactionEvent"));
        }
        CsmsScenarioTest.eventually(() -> !client.onLoop(() -> client.station().isConnected()), "the station notices the lost CSMS");
        // Offline again, then the station dies (its state is on disk already) and the car leaves meanwhile.
        car.chargingState = "SuspendedEV";
        CsmsScenarioTest.eventually(() -> client.station().queuedTransactionEvents() >= 1, "offline event queued");
        client.close();
        car.unplug();
        OcppClient restarted = new OcppClient(s, car, Clock.systemUTC(), null);
        try (CsmsProcess c = new CsmsProcess("--port", Integer.toString(port), "--password", CsmsScenarioTest.PASSWORD); restarted) {
            restarted.start();
            c.awaitCall("BootNotification", 0, T);
            JsonNode ended = c.await(e -> "call".equals(e.path("event").asString()) && "Ended".equals(e.path("payload").path("eventType").asString()), T);
            assertEquals("PowerLoss", ended.path("payload").path("transactionInfo").path("stoppedReason").asString());
            delivered.addAll(c.calls("TransactionEvent"));
            // B01.FR.08: after the restart nothing before the BootNotification.
            assertEquals("BootNotification", c.events().stream().filter(e -> "call".equals(e.path("event").asString())).findFirst().orElseThrow().path("action").asString());
        }
        int expect = 0;
        Set<String> seen = new HashSet<>();
        for (JsonNode call : delivered) {
            JsonNode p = call.path("payload");
            assertEquals(txId, p.path("transactionInfo").path("transactionId").asString());
            assertEquals(expect++, p.path("seqNo").asInt(), "in order, no gaps, no repeats: " + delivered);
            assertTrue(seen.add(p.path("seqNo").asString()));
        }
        assertEquals("Ended", delivered.get(delivered.size() - 1).path("payload").path("eventType").asString());
        assertTrue(expect >= 4, "Started, the offline updates and Ended: " + delivered);
    }
}
