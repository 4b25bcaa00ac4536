package org.secc.app.grid;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.secc.common.systemd.Heartbeat;
import org.secc.hal.grid.GridSample;

/**
 * The supervisor's thread: takes samples from a bounded queue (the grid monitor {@link #offer}s them),
 * runs the core and, on a trip, commands the actuator first and then tells the listener. The watchdog
 * ticks whenever no sample arrives for a tick period. A sample that cannot be queued (queue full: the
 * supervisor is behind) is itself a fault: it trips.
 */
public final class SupervisorRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SupervisorRunner.class.getName());

    private final GridSafetySupervisor core;
    private final TripActuator actuator;
    private final TripListener listener;
    private final LongSupplier clock;
    private final ArrayBlockingQueue<GridSample> queue = new ArrayBlockingQueue<>(256);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile GridStatus status;
    private volatile boolean overrun;
    private volatile Heartbeat heartbeat = Heartbeat.NONE;

    /**
     * @param clock the monitor's monotonic clock in nanos (System::nanoTime when the monitor stamps with it)
     */
    public SupervisorRunner(GridSafetySupervisor core, TripActuator actuator, TripListener listener, LongSupplier clock) {
        this.core = core;
        this.actuator = actuator;
        this.listener = listener;
        this.clock = clock;
        this.status = core.status();
        this.thread = new Thread(this::run, "grid-supervisor");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    public SupervisorRunner start() {
        // Until enter-service holds, nothing may energize.
        actuator.openContactors();
        actuator.powerToZero();
        thread.start();
        return this;
    }

    /** The supervisor thread ticks it every loop, sample or not (the service's systemd watchdog judges it). */
    public void heartbeat(Heartbeat h) {
        heartbeat = h;
    }

    /** Called by the grid monitor for every sample; never blocks. */
    public void offer(GridSample s) {
        if (!queue.offer(s)) {
            overrun = true;
        }
    }

    /** Latest status for the policy engine and `secc ctl status`; safe from any thread. */
    public GridStatus status() {
        return status;
    }

    private void run() {
        // woken by each sample: under SCHED_FIFO where permitted, so a busy process does not delay the trip
        org.secc.hal.linux.RealtimeScheduling.fifoForCurrentThread(org.secc.hal.linux.RealtimeScheduling.SAFETY_PRIORITY,
                "grid-supervisor thread");
        long tickNanos = Math.max(1_000_000, core.code().sampleTimeoutNanos / 4);
        long lastPublish = Long.MIN_VALUE / 2;
        while (running) {
            heartbeat.tick();
            try {
                GridSample s = queue.poll(tickNanos, TimeUnit.NANOSECONDS);
                TripRecord trip;
                if (overrun) {
                    overrun = false;
                    queue.clear();
                    trip = core.externalFault(TripFunction.OVERRUN, clock.getAsLong());
                } else if (s != null) {
                    trip = core.onSample(s);
                } else {
                    trip = core.onTick(clock.getAsLong());
                }
                if (trip != null) {
                    act(trip);
                }
                long now = s != null ? s.monotonicNanos() : clock.getAsLong();
                // Publish the status at most every 10 ms (it allocates), and at once on any state change.
                if (trip != null || status.state() != core.state() || now - lastPublish >= 10_000_000L) {
                    status = core.status();
                    lastPublish = now;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // Any fault in the supervisor ends with power off and contactors open.
                LOG.log(Level.SEVERE, "grid supervisor fault; ceasing to energize", e);
                safeOff();
            }
        }
        safeOff();
    }

    private void act(TripRecord trip) {
        // Contactors first, at once (local GPIO); the actuator's stage-to-zero must not block (it hands
        // the Modbus exchange to another thread), so both happen concurrently.
        try {
            actuator.openContactors();
        } finally {
            actuator.powerToZero();
        }
        LOG.warning(trip.toString());
        try {
            listener.onTrip(trip);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "trip listener failed", e);
        }
    }

    private void safeOff() {
        try {
            actuator.openContactors();
        } finally {
            actuator.powerToZero();
        }
    }

    /** Stops the thread; the actuator is left at power zero and contactors open. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        heartbeat.close();
        thread.interrupt();
        thread.join(2000);
    }
}
