package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.bench.BenchPack;
import org.secc.ev.battery.Battery;
import org.secc.ev.link.EdgeClock;
import org.secc.ev.link.V2gClientConnector;
import org.secc.ev.scenario.Scenario;
import org.secc.ev.scenario.ScenarioRunner;
import org.secc.ev.scenario.Scenarios;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Decision;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.Service;
import org.secc.common.json.JsonNode;

/**
 * Issue #14's offline acceptance with the real process: `secc run` (the charger jar, its own JVM) with ocpp.*
 * against the Node CSMS, an EV emulator session charging; the CSMS stopped; TransactionEvents queue on disk;
 * the fail-safe applies after ocpp.offline_failsafe_s; the service killed with SIGKILL while offline and
 * started again on the same ocpp.data_dir; the CSMS back on the same port: every TransactionEvent arrives
 * once, in order, seqNo without gaps, offline = true on the queued ones, and the fail-safe is lifted
 * (ocpp/README.md "Offline", E12).
 */
class OcppOfflineKillTest {
    static final String PASSWORD = "bench-password-0123";
    static final int FAILSAFE_S = 2;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String csmsLine(Path sock) throws Exception {
        return SiteRunProcessTest.status(sock).get("csms").toString();
    }

    static void awaitCsmsLine(Path sock, String what, java.util.function.Predicate<String> p, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        String last = null;
        while (System.nanoTime() < end) {
            last = csmsLine(sock);
            if (p.test(last)) return;
            Thread.sleep(50); // polling the child's status, not timing the product
        }
        throw new AssertionError("not within " + seconds + " s: " + what + "; csms: " + last);
    }

    /** Waits until {@code text} appears in {@code log} past its first {@code from} bytes (an earlier line does not count). */
    static void waitForAfter(Path log, long from, String text, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        String tail = "";
        while (System.nanoTime() - end < 0) {
            byte[] all = Files.readAllBytes(log);
            tail = all.length > from ? new String(all, (int) from, all.length - (int) from, java.nio.charset.StandardCharsets.UTF_8) : "";
            if (tail.contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("'" + text + "' did not appear after byte " + from + " of " + log + ":\n" + tail);
    }

    static int queued(String csmsLine) {
        var m = java.util.regex.Pattern.compile("(\\d+) queued").matcher(csmsLine);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Test
    void csms_stopped_service_sigkilled_while_offline_restarted_then_every_event_once_in_order(@TempDir Path dir) throws Exception {
        int csmsPort = freePort();
        Path sock = dir.resolve("secc.sock");
        Path cfg = dir.resolve("secc.conf");
        Files.writeString(dir.resolve("policy.conf"), BenchPack.policy(0, 1));
        Files.writeString(cfg, BenchPack.HAL + "policy.file = policy.conf\nctl.socket = " + sock + "\nstate.dir = " + dir.resolve("state") + "\n"
                + """
                charge.auto_authorize = false
                ocpp.csms_url = ws://127.0.0.1:%d/ocpp
                ocpp.identity = CS-KILL-1
                ocpp.security_profile = 1
                ocpp.password = %s
                ocpp.data_dir = %s
                ocpp.id_token = EIM-4711
                ocpp.tx_updated_interval_s = 1
                ocpp.offline_failsafe_s = %d
                """.formatted(csmsPort, PASSWORD, dir.resolve("ocpp-data"), FAILSAFE_S));
        Path log1 = dir.resolve("secc-1.log");
        Path log2 = dir.resolve("secc-2.log");
        List<JsonNode> delivered = new ArrayList<>();
        Process first = null;
        Process second = null;
        int onlineEvents;
        String tx;
        long lost;
        long logMark;
        java.time.Instant offlineSeen;
        try {
            try (NodeCsms a = new NodeCsms(PASSWORD, csmsPort)) {
                first = SiteRunProcessTest.start(cfg, log1);
                int v2g = Integer.parseInt(SiteRunProcessTest.waitFor(log1, "SECC up: V2G TCP on /\\[[0-9a-f:]+\\]:(\\d+)", 60));
                a.await(e -> "call".equals(e.path("event").asString()) && "StatusNotification".equals(e.path("action").asString()),
                        Duration.ofSeconds(30));
                Thread.sleep(1500); // the grid enters service (delay 0, ramp 1 s) on the real-time bench
                // A car that charges for as long as it is allowed: still in session when the service is killed.
                Scenario sc = new Scenario("ocpp-kill", "ocpp-kill", () -> Scenarios.bench(50), () -> (Battery b, long t) -> Decision.CHARGE,
                        null, false, 0, true, true, true, 120_000);
                CompletableFuture.runAsync(() -> {
                    try {
                        new ScenarioRunner(V2gClientConnector.tcp("::1", v2g), EdgeClock.SYSTEM, null)
                                .run(sc, EvConfig.defaults(Service.DC_BPT, ControlMode.DYNAMIC).withLoopPeriod(50));
                    } catch (Exception e) {
                        // the service dies under the car (SIGKILL): its session ends with an error, as expected
                    }
                });
                JsonNode started = a.await(e -> "call".equals(e.path("event").asString())
                        && "Started".equals(e.path("payload").path("eventType").asString()), Duration.ofSeconds(30)).path("payload");
                tx = started.path("transactionInfo").path("transactionId").asString();
                // charging and a periodic Updated acknowledged, then the CSMS goes away mid-session
                a.await(e -> a.calls("TransactionEvent").size() >= 3, Duration.ofSeconds(30));
                awaitCsmsLine(sock, "the acknowledged events leave the queue", l -> l.startsWith("connected") && queued(l) == 0, 10);
                // the clock of "not before offline_failsafe_s" starts as the CSMS goes: the service cannot notice earlier,
                // and a CSMS slow to exit on a loaded machine must not eat into the interval
                lost = System.nanoTime();
                // the station starts offline: a first connection slower than offline_failsafe_s (a loaded machine)
                // logged the fail-safe already; only a line after this point is the one for the lost CSMS
                logMark = Files.size(log1);
                a.close();
                delivered.addAll(a.calls("TransactionEvent"));
                onlineEvents = delivered.size();
            }
            awaitCsmsLine(sock, "the service notices the lost CSMS", l -> l.startsWith("offline"), 30);
            // an event the station created while still connected (sent, but not acknowledged before the CSMS went)
            // is retried with offline = false, rightly: the flag says the event happened while offline (E12)
            offlineSeen = java.time.Instant.now();
            waitForAfter(log1, logMark, "ocpp: no CSMS for " + FAILSAFE_S + " s: charge-only fail-safe", FAILSAFE_S + 30);
            double failsafeAfterS = (System.nanoTime() - lost) / 1e9;
            assertTrue(failsafeAfterS >= FAILSAFE_S - 0.5, "not before offline_failsafe_s: " + failsafeAfterS + " s");
            // the station logs the fail-safe as it hands it to the policy, which applies it at its next control
            // step: the status shows it a step later (longer on a loaded machine)
            String limits = SiteRunProcessTest.status(sock).toString();
            for (long end = System.nanoTime() + 10_000_000_000L; !limits.contains("CSMS unreachable: charge-only fail-safe")
                    && System.nanoTime() - end < 0; limits = SiteRunProcessTest.status(sock).toString()) {
                Thread.sleep(100);
            }
            assertTrue(limits.contains("CSMS unreachable: charge-only fail-safe"), "the fail-safe in `secc ctl status`: " + limits);
            // periodic Updated events (tx_updated_interval_s = 1) queue on disk while the car charges on
            awaitCsmsLine(sock, "offline events queued", l -> queued(l) >= 3, 30);
            int queuedBeforeKill = queued(csmsLine(sock));

            // SIGKILL while offline: no shutdown hook, no flush; the journal is all there is
            first.destroyForcibly();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, first.exitValue(), "killed by SIGKILL");

            second = SiteRunProcessTest.start(cfg, log2);
            SiteRunProcessTest.waitFor(log2, "SECC up", 60);
            SiteRunProcessTest.waitFor(log2, "ocpp: no CSMS for " + FAILSAFE_S + " s: charge-only fail-safe", FAILSAFE_S + 30);
            String after = csmsLine(sock);
            assertTrue(queued(after) >= queuedBeforeKill, "nothing lost by the SIGKILL: " + queuedBeforeKill + " queued before, now " + after);

            try (NodeCsms b = new NodeCsms(PASSWORD, csmsPort)) {
                b.await(e -> "call".equals(e.path("event").asString()) && "BootNotification".equals(e.path("action").asString()),
                        Duration.ofSeconds(60));
                b.await(e -> "call".equals(e.path("event").asString()) && "Ended".equals(e.path("payload").path("eventType").asString()),
                        Duration.ofSeconds(60));
                awaitCsmsLine(sock, "the queue drained", l -> l.startsWith("connected") && queued(l) == 0, 30);
                SiteRunProcessTest.waitFor(log2, "ocpp: CSMS back, offline fail-safe lifted", 30);
                assertTrue(!SiteRunProcessTest.status(sock).toString().contains("CSMS unreachable"), "fail-safe lifted in status");
                assertTrue(!b.strictValidationFailed(), b.events.toString());
                delivered.addAll(b.calls("TransactionEvent"));
            }
        } finally {
            if (first != null) {
                first.destroyForcibly();
                first.waitFor();
            }
            if (second != null) {
                SiteRunProcessTest.stop(second);
            }
        }

        List<JsonNode> ps = delivered.stream().map(e -> e.path("payload")).toList();
        assertTrue(ps.size() > onlineEvents + 3, "events queued offline were delivered: " + ps);
        for (int i = 0; i < ps.size(); i++) {
            JsonNode p = ps.get(i);
            assertEquals(tx, p.path("transactionInfo").path("transactionId").asString(), "one transaction: " + p);
            assertEquals(i, p.path("seqNo").asInt(), "every event once, in order, seqNo without gaps: " + ps);
            if (i >= onlineEvents && java.time.Instant.parse(p.path("timestamp").asString()).isAfter(offlineSeen)) {
                assertTrue(p.path("offline").asBoolean(), "queued while offline: offline = true: " + p);
            }
        }
        assertTrue(ps.stream().filter(p -> p.path("offline").asBoolean()).count() >= 3, "events flagged offline: " + ps);
        // once offline, every later event of the transaction is flagged so (the CSMS came back only after Ended)
        int firstOffline = 0;
        while (!ps.get(firstOffline).path("offline").asBoolean()) firstOffline++;
        for (int i = firstOffline; i < ps.size(); i++) {
            assertTrue(ps.get(i).path("offline").asBoolean(), "offline = true from the first queued event on: " + ps);
        }
        assertEquals("Started", ps.get(0).path("eventType").asString());
        JsonNode ended = ps.get(ps.size() - 1);
        assertEquals("Ended", ended.path("eventType").asString());
        assertEquals("AbnormalCondition", ended.path("triggerReason").asString());
        assertEquals("PowerLoss", ended.path("transactionInfo").path("stoppedReason").asString());
        assertEquals(1, ps.stream().filter(p -> "Ended".equals(p.path("eventType").asString())).count());
    }
}
