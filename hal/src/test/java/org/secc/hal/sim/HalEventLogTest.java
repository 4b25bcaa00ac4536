package org.secc.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class HalEventLogTest {

    @Test
    void keepsTheNewestEventsOldestFirst() {
        HalEventLog log = new HalEventLog();
        int n = HalEventLog.MAX * 3 + 7; // a long bench run's worth
        for (int i = 0; i < n; i++) {
            log.add(i, HalEventLog.Kind.CONTACTORS_CLOSE, i);
        }
        List<HalEventLog.Event> ev = log.events();
        assertEquals(HalEventLog.MAX, ev.size(), "bounded");
        assertEquals(n - HalEventLog.MAX, ev.get(0).nanos(), "the oldest kept");
        assertEquals(n - 1, ev.get(ev.size() - 1).nanos(), "the newest is there, not dropped");
    }

    @Test
    void belowTheBoundEverythingIsKept() {
        HalEventLog log = new HalEventLog();
        log.add(1, HalEventLog.Kind.STAGE_RAMP_TO_ZERO, 100);
        log.add(2, HalEventLog.Kind.STAGE_CURRENT_ZERO, 0);
        log.add(3, HalEventLog.Kind.CONTACTORS_OPEN, 0);
        assertEquals(List.of(HalEventLog.Kind.STAGE_RAMP_TO_ZERO, HalEventLog.Kind.STAGE_CURRENT_ZERO, HalEventLog.Kind.CONTACTORS_OPEN),
                log.events().stream().map(HalEventLog.Event::kind).toList());
        log.clear();
        assertEquals(List.of(), log.events());
    }
}
