package org.secc.common.systemd;

import java.util.List;

/**
 * The decision of the watchdog keep-alive, sans I/O: called every half watchdog period
 * (sd_watchdog_enabled(3) recommends half of {@code WATCHDOG_USEC}), it returns the notification
 * lines to send. {@code WATCHDOG=1} only while no heartbeat is stalled; a stall is reported once as
 * {@code STATUS=} (shown by {@code systemctl status}) and systemd then restarts the service when
 * {@code WatchdogSec} runs out; a recovery before that is reported too.
 */
public final class WatchdogKeepAlive {

    private final LivenessRegistry registry;
    private String reported;

    public WatchdogKeepAlive(LivenessRegistry registry) {
        this.registry = registry;
    }

    public List<String> onTimer(long now) {
        List<String> stalled = registry.stalled(now);
        if (stalled.isEmpty()) {
            if (reported != null) {
                reported = null;
                return List.of("STATUS=running; every supervised thread alive again", "WATCHDOG=1");
            }
            return List.of("WATCHDOG=1");
        }
        String status = "STATUS=watchdog keep-alive withheld: " + String.join(", ", stalled);
        String first = stalled.get(0);
        String key = first.substring(0, first.indexOf(" silent for "));
        if (key.equals(reported)) {
            return List.of();
        }
        reported = key;
        return List.of(status);
    }
}
