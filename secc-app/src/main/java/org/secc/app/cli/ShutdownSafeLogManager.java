package org.secc.app.cli;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * java.util.logging's own shutdown hook resets every handler while the service is still powering
 * down after SIGTERM, so the shutdown's log lines (ramp, contactors open) would be lost. This manager
 * only flushes at that moment; the handlers stay until the process ends. {@code SeccMain} names it in
 * {@code java.util.logging.manager} before anything uses java.util.logging.
 */
public final class ShutdownSafeLogManager extends LogManager {

    @Override
    public void reset() {
        if (Thread.currentThread().getClass().getName().endsWith("LogManager$Cleaner")) {
            for (Handler h : Logger.getLogger("").getHandlers()) {
                h.flush();
            }
            return;
        }
        super.reset();
    }
}
