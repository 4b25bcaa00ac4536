package org.secc.app.run;

import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

import org.secc.app.charge.ChargeController;
import org.secc.hal.estop.EmergencyStop;

/**
 * Reads the emergency-stop input on its own thread, independent of sessions, Modbus and every lock:
 * a press opens the contactors through {@link ChargeController#trip} at once (input → contactor-open
 * command ≤ 10 ms, README-bench "EstopLatency") and the stage is commanded to zero concurrently.
 * Edge-driven where the input allows ({@link EmergencyStop#signalsEdges()}: the GPIO line with edge
 * detection, the simulated button): the thread blocks on the edge, with a slow poll of
 * {@value #EDGE_FALLBACK_NANOS} ns behind it; an input without edges is polled every millisecond.
 * The thread runs under {@code SCHED_FIFO} where permitted (a woken normal thread waits behind its
 * process's busy threads). The same thread runs the controller's {@link ChargeController#safetyCheck()
 * fault check} (a stage or contactor fault with the contactors closed) on every wake-up, so neither
 * waits for a Modbus exchange. The stepped bench calls {@link #pollOnce()} instead of the thread.
 */
public final class EmergencyStopWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmergencyStopWatch.class.getName());
    /** The poll period of an input without edge events. */
    static final long POLL_NANOS = 1_000_000L;
    /** Edge-driven input: the fallback read (a lost edge) and the fault check's period. */
    static final long EDGE_FALLBACK_NANOS = 5_000_000L;

    private final EmergencyStop input;
    private final ChargeController controller;
    private final org.secc.hal.contactor.Contactors contactors;
    private volatile boolean running;
    private volatile long lastPressSeenNanos = -1;
    private volatile boolean realtime;
    private boolean pressed;
    private Thread thread;

    public EmergencyStopWatch(EmergencyStop input, ChargeController controller, org.secc.hal.contactor.Contactors contactors) {
        this.input = input;
        this.controller = controller;
        this.contactors = contactors;
    }

    /** One read of the input (a new press trips), then the controller's fault check. */
    public void pollOnce() {
        try {
            readInput();
        } finally {
            controller.safetyCheck();
        }
    }

    private void readInput() {
        boolean now = input.pressed();
        // A new press trips; so does a press with the contactors closed, whatever this thread saw
        // before (a release and a new press between two reads must not go unnoticed).
        if (now && (!pressed || contactors.state().commandedClosed())) {
            lastPressSeenNanos = System.nanoTime();
            controller.trip("emergency stop pressed");
        } else if (!now && pressed) {
            LOG.info("emergency stop released");
        }
        pressed = now;
    }

    /** System.nanoTime when the last press was read (latency measurements: read → contactor-open command). */
    public long lastPressSeenNanos() {
        return lastPressSeenNanos;
    }

    /** Whether the thread runs under SCHED_FIFO (false before it started or where refused). */
    public boolean realtime() {
        return realtime;
    }

    public EmergencyStopWatch start() {
        running = true;
        thread = new Thread(() -> {
            realtime = org.secc.hal.linux.RealtimeScheduling.fifoForCurrentThread(org.secc.hal.linux.RealtimeScheduling.SAFETY_PRIORITY,
                    "emergency-stop thread");
            long wait = input.signalsEdges() ? EDGE_FALLBACK_NANOS : POLL_NANOS;
            LOG.info(() -> "emergency stop input " + (input.signalsEdges() ? "edge-driven (fallback read every "
                    + wait / 1_000_000 + " ms)" : "polled every " + wait / 1_000_000 + " ms"));
            while (running) {
                try {
                    pollOnce();
                    input.awaitEdge(wait);
                } catch (RuntimeException e) {
                    // An input that cannot be read counts as pressed (fail safe).
                    if (!pressed) {
                        pressed = true;
                        controller.trip("emergency stop input unreadable: " + e);
                    }
                    LockSupport.parkNanos(POLL_NANOS);
                }
            }
        }, "emergency-stop");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
        return this;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }
}
