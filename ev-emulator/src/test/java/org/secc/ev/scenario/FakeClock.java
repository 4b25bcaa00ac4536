package org.secc.ev.scenario;

import org.secc.ev.link.EdgeClock;

/** A clock that only moves when told to; sleeping advances it at once. */
final class FakeClock implements EdgeClock {
    long now = 1_700_000_000_000L;

    @Override
    public long nowMs() {
        return now;
    }

    @Override
    public void sleepUntil(long ms) {
        if (ms > now) {
            now = ms;
        }
    }

    void advance(long ms) {
        now += ms;
    }
}
