package org.secc.slac.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.secc.slac.MacAddress;
import org.secc.slac.evse.EvseSlacConfig;
import org.secc.slac.link.MemoryLink;
import org.secc.slac.pev.PevSlacConfig;
import org.secc.slac.sim.PlcSimulator;

/** The drivers with real time on in-memory cables through the simulator bridge, as the bench runs them. */
class MemoryLinkSlacTest {
    @Test
    void chargerAndCarMatchThroughTheBridge() throws Exception {
        MemoryLink[] e = MemoryLink.pair(MacAddress.parse("02:00:00:00:ee:01"), MacAddress.parse("02:00:00:00:ee:ff"));
        MemoryLink[] p = MemoryLink.pair(MacAddress.parse("02:00:00:00:ea:01"), MacAddress.parse("02:00:00:00:ea:ff"));
        try (SimulatorBridge bridge = new SimulatorBridge(new PlcSimulator(PlcSimulator.Config.defaults()), e[1], p[1]).start()) {
            long timeout = Duration.ofSeconds(20).toNanos();
            CompletableFuture<SlacTool.Outcome> evse = CompletableFuture.supplyAsync(() -> {
                try {
                    return SlacTool.runEvse(e[0], MacAddress.QCA_LOCAL, EvseSlacConfig.defaults(), timeout);
                } catch (Exception x) {
                    throw new IllegalStateException(x);
                }
            });
            SlacTool.Outcome car = SlacTool.runPev(p[0], MacAddress.QCA_LOCAL, PevSlacConfig.defaults(), timeout);
            SlacTool.Outcome charger = evse.get(25, TimeUnit.SECONDS);
            assertTrue(car.matched(), car.failure());
            assertTrue(charger.matched(), charger.failure());
            assertEquals(e[0].mac(), car.match().peer());
            assertEquals(p[0].mac(), charger.match().peer());
            assertArrayEquals(charger.match().nmk(), car.match().nmk());
            assertTrue(charger.line("pev").matches("matched pev=02:00:00:00:ea:01 nmk=[0-9a-f]{32} nid=[0-9a-f]{14}"), charger.line("pev"));
            assertTrue(bridge.simulator().linked());
        }
    }

    @Test
    void chargerWithoutModemAnswerFailsClearly() throws Exception {
        MemoryLink[] e = MemoryLink.pair(MacAddress.parse("02:00:00:00:ee:01"), MacAddress.parse("02:00:00:00:ee:ff"));
        SlacTool.Outcome o = SlacTool.runEvse(e[0], MacAddress.QCA_LOCAL, EvseSlacConfig.defaults(), Duration.ofSeconds(5).toNanos());
        assertTrue(!o.matched());
        assertTrue(o.failure().contains("CM_SET_KEY"), o.failure());
    }
}
