package org.secc.app.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JitWarmUpTest {

    @Test
    void encodesAndDecodesEveryMessageTypeForTheRoundsItRan() {
        JitWarmUp w = new JitWarmUp(() -> false, org.secc.app.sap.SapNegotiator.fromConfig("iso20-dc,iso20-ac,iso2,din", true), 4, 4);
        JitWarmUp.Result r = w.run();
        assertEquals(4, r.rounds());
        assertEquals(2L * r.samples() * 4, r.operations(), "each sample encoded and decoded once a round");
        assertTrue(r.messageTypes() > 100, "every request and response of -20, -2, DIN and SAP: " + r.messageTypes());
        assertEquals(0, r.gaveWay());
        assertFalse(r.stopped());
        assertEquals(r, w.result().orElseThrow());
        String line = JitWarmUp.describe(r);
        assertTrue(line.startsWith("JIT warm-up done (round cap): " + r.messageTypes() + " message types"), line);
    }

    @Test
    void endsWhenTheRoundsStopGettingFaster() {
        JitWarmUp.Result r = new JitWarmUp(() -> false, null, 100, 100_000).run();
        assertTrue(r.converged(), "a block of rounds no faster than the one before ends it long before the cap: " + r);
        assertTrue(r.rounds() >= 100 && r.rounds() < 100_000, r.toString());
    }

    @Test
    void givesWayWhileAConnectionIsOpenAndGoesOnAfterIt() throws Exception {
        AtomicBoolean connection = new AtomicBoolean(true);
        AtomicInteger asked = new AtomicInteger();
        JitWarmUp w = JitWarmUp.start(new JitWarmUp(() -> {
            asked.incrementAndGet();
            return connection.get();
        }, null, 2, 2));
        // while the connection is there the warm-up keeps asking (every 20 ms) and does nothing else
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (asked.get() < 4 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertTrue(asked.get() >= 4, "the warm-up asks whether a connection is open");
        assertEquals(0, w.operations(), "nothing encoded while a connection is open");
        assertTrue(w.result().isEmpty());
        connection.set(false);
        w.join(Duration.ofSeconds(60));
        JitWarmUp.Result r = w.result().orElseThrow();
        assertEquals(1, r.gaveWay());
        assertEquals(2, r.rounds());
        assertTrue(r.gaveWayFor().toNanos() > 0);
    }

    @Test
    void stopEndsItAtTheNextMessage() throws Exception {
        AtomicBoolean connection = new AtomicBoolean(true);
        JitWarmUp w = JitWarmUp.start(new JitWarmUp(connection::get, null, 1000, 1000));
        w.stop();
        w.join(Duration.ofSeconds(60));
        JitWarmUp.Result r = w.result().orElseThrow();
        assertTrue(r.stopped());
        assertEquals(0, r.rounds());
    }
}
