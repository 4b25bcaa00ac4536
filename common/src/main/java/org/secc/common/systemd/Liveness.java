package org.secc.common.systemd;

import java.time.Duration;

/**
 * Where a supervised thread registers itself: the service's systemd watchdog keep-alive
 * ({@code WATCHDOG=1}) is sent only while every registered {@link Heartbeat} has ticked within its
 * own {@code maxSilence}. A thread that loops forever registers once and ticks once per loop.
 */
public interface Liveness {

    /**
     * @param name       shown in the service status when the thread stalls (e.g. {@code control-pilot})
     * @param maxSilence longest time between two ticks that still counts as alive; choose it well
     *                   above the loop period plus a GC pause, and below the unit's {@code WatchdogSec}
     */
    Heartbeat register(String name, Duration maxSilence);

    /** Nothing supervises: for tests and tools that run the parts without a service manager. */
    Liveness NONE = (name, maxSilence) -> Heartbeat.NONE;
}
