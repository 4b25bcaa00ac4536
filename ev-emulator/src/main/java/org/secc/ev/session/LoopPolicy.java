package org.secc.ev.session;

import org.secc.ev.battery.Battery;

/** A scenario's choice in the charge loop, from the battery and the time spent looping. */
@FunctionalInterface
public interface LoopPolicy {
    Decision decide(Battery battery, long loopElapsedMs);
}
