package org.secc.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LivenessTest {
    @Test
    void aLoopThatBeatsIsAliveAndOneThatStoppedIsNot() {
        Liveness.Heartbeat h = new Liveness.Heartbeat("control-pilot");
        assertFalse(h.beatWithin(System.nanoTime(), Long.MAX_VALUE / 2), "never beat");
        h.beat();
        h.beat();
        assertEquals(2, h.beats());
        long last = h.lastBeatNanos();
        assertTrue(h.beatWithin(last + 1_000_000, 2_000_000));
        assertFalse(h.beatWithin(last + 3_000_000, 2_000_000), "stopped beating 3 ms ago, allowed 2 ms");
        assertEquals("control-pilot", h.name());
    }
}
