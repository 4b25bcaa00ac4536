package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.ev.battery.Battery;
import org.secc.ev.link.EdgeClock;
import org.secc.ev.link.V2gClientConnector;
import org.secc.ev.scenario.Scenario;
import org.secc.ev.scenario.ScenarioResult;
import org.secc.ev.scenario.ScenarioRunner;
import org.secc.ev.scenario.Scenarios;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Decision;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.Service;
import org.secc.common.json.JsonNode;

/**
 * The charger operated by a CSMS, whole: `secc run`'s service on the real-time bench with ocpp.* keys,
 * the Node CSMS (ocpp-rpc, strict 2.1 validation), the EV emulator in a DC_BPT Dynamic session over
 * loopback. Boot → Authorize (EIM) → CentralSetpoint −7 kW → the car discharges at 7 kW → the CSMS
 * clears it → the car charges → RequestStopTransaction; the TransactionEvents' export register matches
 * the charge control's meter.
 */
class OcppBenchSessionTest {
    static final Duration T = Duration.ofSeconds(30);
    static final Path CSMS_DIR = Path.of("../ocpp/src/test/csms").toAbsolutePath().normalize();
    static final String PASSWORD = "bench-password-0123";

    @TempDir Path dir;
    final List<JsonNode> events = new CopyOnWriteArrayList<>();

    @Test
    void boot_authorize_discharge_at_the_csms_setpoint_clear_charge_and_stop() throws Exception {
        boolean ok = Files.isDirectory(CSMS_DIR.resolve("node_modules/ocpp-rpc"));
        String why = "the test CSMS needs Node and `npm ci` in " + CSMS_DIR + " (.ci/run does that)";
        if (!ok && System.getenv("CI") != null) fail(why);
        Assumptions.assumeTrue(ok, why);
        Process node = new ProcessBuilder("node", "csms.js", "--password", PASSWORD).directory(CSMS_DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        w = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) events.add(JsonNode.parse(l));
            } catch (Exception ignored) {
                // the CSMS ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            int port = await(e -> "listening".equals(e.path("event").asString())).path("port").asInt();
            Files.writeString(dir.resolve("policy.conf"), SteppedBench.POLICY);
            String cfg = ServiceOverSocketsTest.CONFIG + """
                    charge.auto_authorize = false
                    ocpp.csms_url = ws://127.0.0.1:%d/ocpp
                    ocpp.identity = CS-BENCH-1
                    ocpp.security_profile = 1
                    ocpp.password = %s
                    ocpp.data_dir = ocpp-data
                    ocpp.id_token = EIM-4711
                    ocpp.tx_updated_interval_s = 3600
                    """.formatted(port, PASSWORD);
            try (SeccService svc = new SeccService(SeccConfig.parse(cfg, dir), new SeccService.Placement(
                    new InetSocketAddress(InetAddress.getByName("::1"), 0), Optional.empty(), Optional.empty(), false))) {
                awaitCall("StatusNotification", 0);
                Thread.sleep(1500); // the grid enters service (delay 0, ramp 1 s) on the real-time bench
                // The car wants to charge for as long as it is allowed; the charger decides the direction (Dynamic).
                Scenario sc = new Scenario("ocpp", "ocpp", () -> Scenarios.bench(50), () -> (Battery b, long t) -> Decision.CHARGE,
                        null, false, 0, true, true, true, 120_000);
                CompletableFuture<ScenarioResult> ev = CompletableFuture.supplyAsync(() -> {
                    try {
                        return new ScenarioRunner(V2gClientConnector.tcp("::1", svc.v2gServer().port()), EdgeClock.SYSTEM, null)
                                .run(sc, EvConfig.defaults(Service.DC_BPT, ControlMode.DYNAMIC).withLoopPeriod(50));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                JsonNode started = awaitCall("TransactionEvent", 0).path("payload");
                assertEquals("Started", started.path("eventType").asString());
                String tx = started.path("transactionInfo").path("transactionId").asString();
                assertEquals("EIM-4711", awaitCall("Authorize", 0).path("payload").path("idToken").path("idToken").asString());
                eventually(() -> svc.chargePoint().charge().snapshot().powerW() > 1000, "charging after the CSMS accepted the idToken");

                call("SetChargingProfile", """
                        {"evseId":1,"chargingProfile":{"id":7,"stackLevel":1,"chargingProfilePurpose":"TxProfile",
                         "chargingProfileKind":"Relative","transactionId":"%s","chargingSchedule":[{"id":1,"chargingRateUnit":"W",
                         "chargingSchedulePeriod":[{"startPeriod":0,"setpoint":-7000,"operationMode":"CentralSetpoint"}]}]}}""".formatted(tx));
                eventually(() -> svc.chargePoint().charge().snapshot().powerW() < -6500, "discharging at the CSMS setpoint");
                Thread.sleep(3000);
                var s = svc.chargePoint().charge().snapshot();
                assertEquals(-7000, s.powerW(), 350, "7 kW discharge");
                assertTrue(s.dischargeReason().contains("CSMS TxProfile 7 (CentralSetpoint)"), s.dischargeReason());
                assertTrue(svc.statusJson().contains("CSMS TxProfile 7 (CentralSetpoint)"), svc.statusJson());

                call("ClearChargingProfile", "{\"chargingProfileId\":7}");
                eventually(() -> svc.chargePoint().charge().snapshot().powerW() > 1000, "charging again after the clear");
                Thread.sleep(1000);
                call("RequestStopTransaction", "{\"transactionId\":\"" + tx + "\"}");
                ScenarioResult r = ev.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(r.dischargedWh() > 5 && r.chargedWh() > 0, "the car saw both directions: " + r);
                JsonNode ended = await(e -> "call".equals(e.path("event").asString()) && "Ended".equals(e.path("payload").path("eventType").asString()))
                        .path("payload");
                double exported = sampled(ended, "Energy.Active.Export.Register");
                double meter = svc.chargePoint().charge().snapshot().dischargedWh();
                assertTrue(meter > 5, "the car discharged: " + meter + " Wh");
                assertEquals(meter, exported, meter * 0.01 + 0.1, "TransactionEvent export register = the bench meter within 1 %");
                assertTrue(events.stream().noneMatch(e -> "strictValidationFailure".equals(e.path("event").asString())), events.toString());
            }
        } finally {
            node.destroyForcibly();
            node.waitFor();
        }
    }

    static double sampled(JsonNode event, String measurand) {
        for (JsonNode mv : event.path("meterValue"))
            for (JsonNode sv : mv.path("sampledValue"))
                if (measurand.equals(sv.path("measurand").asString())) return sv.path("value").asDouble();
        throw new AssertionError(measurand + " missing in " + event);
    }

    private void call(String action, String payload) throws Exception {
        var c = JsonNode.object().put("cmd", "call").put("action", action);
        c.set("payload", JsonNode.parse(payload));
        events.add(JsonNode.object().put("event", "sent").put("action", action));
        writer().write(c + "\n");
        writer().flush();
        JsonNode answer = await(e -> ("callResult".equals(e.path("event").asString()) || "callError".equals(e.path("event").asString()))
                && action.equals(e.path("action").asString()));
        events.remove(answer);
        assertEquals("callResult", answer.path("event").asString(), answer.toString());
    }

    private Writer w;

    private Writer writer() {
        return w;
    }

    private JsonNode awaitCall(String action, int n) {
        return await(e -> "call".equals(e.path("event").asString()) && action.equals(e.path("action").asString())
                && events.stream().filter(x -> "call".equals(x.path("event").asString()) && action.equals(x.path("action").asString())).toList().indexOf(e) == n);
    }

    private JsonNode await(Predicate<JsonNode> p) {
        long end = System.nanoTime() + T.toNanos();
        while (System.nanoTime() < end) {
            for (JsonNode e : events) if (p.test(e)) return e;
            sleep();
        }
        throw new AssertionError("CSMS event not seen: " + events);
    }

    private static void eventually(BooleanSupplier c, String what) {
        long end = System.nanoTime() + T.toNanos();
        while (System.nanoTime() < end) {
            if (c.getAsBoolean()) return;
            sleep();
        }
        throw new AssertionError("not within " + T + ": " + what);
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
