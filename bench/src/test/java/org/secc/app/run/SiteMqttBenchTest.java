package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.ctl.ControlTarget;
import org.secc.app.policy.CommandResult;
import org.secc.app.policy.CommandSource;
import org.secc.app.policy.PolicyCommand;
import org.secc.app.site.SiteAdapter;
import org.secc.ev.battery.Battery;
import org.secc.ev.session.Decision;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.EvSession;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Service;
import org.secc.site.SiteClient;
import org.secc.site.SiteConfig;
import org.secc.site.testing.Mosquitto;
import org.secc.site.testing.SiteController;

/**
 * The whole charger behind the MQTT site interface, with the EV emulator on the stepped bench and a real
 * Mosquitto: price above the threshold, a dispatch setpoint, duplicate ids and bad input, the broker
 * killed mid-discharge. Bench time stands still while a command travels through the broker.
 */
class SiteMqttBenchTest {

    static void await(String what, BooleanSupplier cond) {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 20 s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** reload and clear-trip are the service's; these scenarios do not use them. */
    static final ControlTarget NO_SERVICE = new ControlTarget() {
        public String statusJson() {
            return "{}";
        }

        public CommandResult command(PolicyCommand c) {
            throw new IllegalStateException("not on this bench");
        }

        public String reload() {
            throw new IllegalStateException("no policy.file on this bench");
        }

        public String clearTrip() {
            return "cleared no latched faults";
        }

        public void heartbeat() {
        }

        public String authorize(boolean accepted) {
            return "";
        }
    };

    static SiteClient site(SteppedBench b, Mosquitto broker) {
        SiteConfig cfg = SiteConfig.parse(Map.of("mqtt.url", broker.url("tcp"), "mqtt.station_id", "secc-1", "mqtt.reconnect_min_s", "1",
                "mqtt.reconnect_max_s", "1", "mqtt.telemetry_interval_ms", "100"), Path.of("/"));
        try {
            SiteClient c = new SiteClient(cfg, new SiteAdapter(b.cp, NO_SERVICE, List.of(new ConnectorView(1, b.cp, null)), b.bench::nanos), b.bench::nanos,
                    Clock.systemUTC());
            c.start();
            await("connected", c::isConnected);
            return c;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String req(SiteController ems, String verb, String json) {
        try {
            return ems.request("site/secc-1/cmd/" + verb, json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void priceAboveTheThresholdDischargesAfterTheHoldTimeAndDuplicatesAndBadInputChangeNothing(@TempDir Path dir) throws Exception {
        SteppedBench b = new SteppedBench("no_price_mode = charge\nprice_charge_below = 0.10\nprice_discharge_above = 0.30\nreversal_hold_s = 2\n");
        try (Mosquitto broker = Mosquitto.start(dir, "allow_anonymous true\n");
             SiteClient client = site(b, broker);
             SiteController ems = new SiteController(broker.url("tcp"), "ems", "ems/replies", null, null, null)) {
            Battery bat = org.secc.ev.scenario.Scenarios.bench(50);
            long[] priceAt = {-1};
            long[] firstDischarge = {-1};
            String[] replies = new String[4];
            EvSession ev = b.run(EvConfig.defaults(Service.DC_BPT, ControlMode.DYNAMIC), bat, (x, t) -> {
                if (t >= 1_000 && priceAt[0] < 0) {
                    priceAt[0] = t;
                    replies[0] = req(ems, "price", "{\"id\":\"p-1\",\"price_per_kwh\":0.50,\"valid_s\":900}");
                    replies[1] = req(ems, "price", "{\"id\":\"p-1\",\"price_per_kwh\":0.01,\"valid_s\":900}");
                    replies[2] = req(ems, "price", "{\"id\":\"p-2\",\"price_per_kwh\":\"cheap\",\"valid_s\":900}");
                    replies[3] = req(ems, "reboot", "{\"id\":\"r-1\"}");
                }
                if (firstDischarge[0] < 0 && b.bench.powerStage().present().powerW() < -500) {
                    firstDischarge[0] = t;
                }
                return t < 6_000 ? Decision.CHARGE : Decision.STOP;
            }, false);
            assertEquals(List.of(), ev.failures());
            assertTrue(replies[0].contains("\"accepted\":true,\"duplicate\":false"), replies[0]);
            assertTrue(replies[1].contains("\"duplicate\":true"), "the same id applies once: " + replies[1]);
            assertTrue(replies[2].contains("\"accepted\":false") && replies[2].contains("price_per_kwh: expected a number, got string"), replies[2]);
            assertTrue(replies[3].contains("unknown command 'reboot'"), replies[3]);
            assertTrue(client.isConnected(), "still connected after bad input");
            assertTrue(firstDischarge[0] > 0, "the price above the threshold discharges the car");
            assertTrue(firstDischarge[0] >= priceAt[0] + 1_900, "not before the 2 s reversal hold: price at " + priceAt[0]
                    + " ms, discharge at " + firstDischarge[0] + " ms");
            assertTrue(bat.dischargedWh() > 0.5, "discharged " + bat.dischargedWh());
            assertEquals(0.50, b.cp.policy().status(b.bench.nanos()).price(), "the duplicate and the bad price changed nothing");
        }
    }

    @Test
    void theCarFollowsADispatchSetpointWithinOneChargeLoopCycle(@TempDir Path dir) throws Exception {
        SteppedBench b = new SteppedBench("no_price_mode = charge\n");
        try (Mosquitto broker = Mosquitto.start(dir, "allow_anonymous true\n");
             SiteClient client = site(b, broker);
             SiteController ems = new SiteController(broker.url("tcp"), "ems", "ems/replies", null, null, null)) {
            Battery bat = org.secc.ev.scenario.Scenarios.bench(50);
            long[] sentAt = {-1};
            String[] nextLoop = {null};
            double[] minW = {0};
            EvSession ev = b.run(EvConfig.defaults(Service.DC_BPT, ControlMode.DYNAMIC), bat, (x, t) -> {
                if (sentAt[0] >= 0 && nextLoop[0] == null && t > sentAt[0]) {
                    var s = b.cp.charge().snapshot();
                    nextLoop[0] = s.mode() + " " + s.dischargeLimitW() + " " + s.dischargeReason();
                }
                if (t >= 1_500 && sentAt[0] < 0) {
                    sentAt[0] = t;
                    assertTrue(req(ems, "dispatch", "{\"id\":\"d-1\",\"setpoint_w\":-5000,\"valid_s\":60,\"reason\":\"vpp\"}")
                            .contains("\"accepted\":true"));
                }
                if (t > 3_000) {
                    minW[0] = Math.min(minW[0], b.bench.powerStage().present().powerW());
                }
                return t < 5_000 ? Decision.CHARGE : Decision.STOP;
            }, false);
            assertEquals(List.of(), ev.failures());
            assertTrue(nextLoop[0] != null && nextLoop[0].contains("5000.0 dispatch setpoint from mqtt (vpp) 5.0 kW"),
                    "the very next charge-loop step carries the setpoint: " + nextLoop[0]);
            assertTrue(minW[0] < -4500 && minW[0] > -5300, "the car discharges at the 5 kW setpoint: " + minW[0] + " W");
        }
    }

    @Test
    void brokerKilledMidDischargeGoesChargeOnlyWithinTheTimeoutAndBackWithBrokerAndHeartbeat(@TempDir Path dir) throws Exception {
        SteppedBench b = new SteppedBench("no_price_mode = charge\nsite_heartbeat_timeout_s = 2\n");
        try (Mosquitto broker = Mosquitto.start(dir, "allow_anonymous true\n");
             SiteClient client = site(b, broker)) {
            SiteController[] ems = {new SiteController(broker.url("tcp"), "ems", "ems/replies", null, null, null)};
            Battery bat = org.secc.ev.scenario.Scenarios.bench(50);
            long[] killedAt = {-1};
            long[] restoredAt = {-1};
            long[] chargeOnlyAt = {-1};
            long[] backAt = {-1};
            boolean[] discharged = {false};
            EvSession ev = b.run(EvConfig.defaults(Service.DC_BPT, ControlMode.DYNAMIC), bat, (x, t) -> {
                try {
                    if (t >= 500 && t < 4_000 && killedAt[0] < 0 && t % 500 < 100) {
                        req(ems[0], "heartbeat", "{\"id\":\"hb-" + t + "\"}");
                    }
                    if (t >= 500 && !discharged[0] && killedAt[0] < 0) {
                        req(ems[0], "force-discharge", "{\"id\":\"f-1\",\"power_w\":6000}");
                    }
                    double w = b.bench.powerStage().present().powerW();
                    if (w < -3000 && killedAt[0] < 0) {
                        discharged[0] = true;
                    }
                    if (discharged[0] && killedAt[0] < 0 && t >= 3_000) {
                        ems[0].close();
                        broker.kill();
                        await("link down", () -> !client.isConnected());
                        killedAt[0] = t;
                    }
                    var s = b.cp.charge().snapshot();
                    if (killedAt[0] >= 0 && chargeOnlyAt[0] < 0 && s.dischargeLimitW() == 0 && s.dischargeReason().contains("mqtt")) {
                        chargeOnlyAt[0] = t;
                    }
                    if (chargeOnlyAt[0] >= 0 && restoredAt[0] < 0 && t >= chargeOnlyAt[0] + 1_000) {
                        broker.restart();
                        await("reconnected", client::isConnected);
                        ems[0] = new SiteController(broker.url("tcp"), "ems", "ems/replies", null, null, null);
                        req(ems[0], "heartbeat", "{\"id\":\"hb-back\"}");
                        restoredAt[0] = t;
                    }
                    if (restoredAt[0] >= 0 && backAt[0] < 0 && w < -3000) {
                        backAt[0] = t;
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                return t < 12_000 ? Decision.CHARGE : Decision.STOP;
            }, false);
            ems[0].close();
            assertEquals(List.of(), ev.failures());
            assertTrue(discharged[0], "discharging before the broker died");
            assertTrue(chargeOnlyAt[0] > 0, "charge-only after the broker loss");
            assertTrue(chargeOnlyAt[0] - killedAt[0] <= 2_000 + 300, "within the 2 s timeout (plus one loop): killed at " + killedAt[0]
                    + " ms, charge-only at " + chargeOnlyAt[0] + " ms");
            assertTrue(chargeOnlyAt[0] - killedAt[0] >= 1_900, "not before the timeout");
            assertTrue(backAt[0] > 0, "discharging again once the broker and the heartbeat are back (restored at " + restoredAt[0] + " ms)");
        }
    }
}
