package org.secc.hal.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.secc.hal.contactor.ContactorFault;
import org.secc.hal.contactor.ContactorState;
import org.secc.hal.contactor.Contactors;

/**
 * Contactors whose mirror contact follows the coil after {@code operateNanos}. Injectable faults:
 * welding (mirror stays closed after open), stuck open (mirror never closes) and a spurious feedback
 * flip. A mirror that disagrees with the command for longer than the supervision time raises a fault.
 */
public final class SimContactors implements Contactors {
    private static final Logger LOG = Logger.getLogger(SimContactors.class.getName());
    /** Mechanical operate time. */
    static final long OPERATE_NANOS = 30_000_000L;
    /** How long feedback may lag the command before it counts as a fault. */
    static final long SUPERVISION_NANOS = 100_000_000L;

    private final SimClock clock;
    private boolean commanded;
    private boolean mirror;
    private long commandedAt;
    private boolean welded;
    private boolean stuckOpen;
    private long mismatchSince = Long.MIN_VALUE;
    private final List<ContactorFault> faults = new ArrayList<>();
    private final HalEventLog events;
    private java.util.function.DoubleSupplier current = () -> 0;

    SimContactors(SimClock clock, HalEventLog events) {
        this.clock = clock;
        this.events = events;
    }

    /** The stage's output current, recorded with every command in the event log. */
    void currentProbe(java.util.function.DoubleSupplier probe) {
        this.current = probe;
    }

    @Override
    public synchronized void close() {
        if (!commanded) {
            commanded = true;
            commandedAt = clock.nanos();
            events.add(commandedAt, HalEventLog.Kind.CONTACTORS_CLOSE, current.getAsDouble());
        }
    }

    @Override
    public synchronized void open() {
        if (commanded) {
            commanded = false;
            commandedAt = clock.nanos();
            events.add(commandedAt, HalEventLog.Kind.CONTACTORS_OPEN, current.getAsDouble());
        }
    }

    @Override
    public synchronized ContactorState state() {
        return new ContactorState(commanded, mirror);
    }

    /** True when current can flow (main contact really closed). */
    synchronized boolean conducting() {
        return mirror;
    }

    @Override
    public synchronized List<ContactorFault> faults() {
        return List.copyOf(faults);
    }

    @Override
    public synchronized void clearFaults() {
        faults.clear();
        mismatchSince = Long.MIN_VALUE;
    }

    /** Fault injection: the main contact welds shut (stays closed once closed). */
    public synchronized void injectWelding(boolean on) {
        welded = on;
    }

    /** Fault injection: the contactor never closes (coil or feedback wire broken). */
    public synchronized void injectStuckOpen(boolean on) {
        stuckOpen = on;
    }

    /** Fault injection: the mirror contact changes without a command (e.g. a loose wire). */
    public synchronized void injectFeedbackFlip() {
        mirror = !mirror;
        long now = clock.nanos();
        LOG.warning("injected mirror feedback flip");
        faults.add(new ContactorFault.FeedbackMismatch(now, commanded, mirror));
        mismatchSince = Long.MIN_VALUE;
    }

    synchronized void step() {
        long now = clock.nanos();
        if (now - commandedAt >= OPERATE_NANOS) {
            boolean target = commanded;
            if (welded && mirror) {
                target = true;
            }
            if (stuckOpen) {
                target = false;
            }
            mirror = target;
        }
        if (mirror != commanded) {
            if (mismatchSince == Long.MIN_VALUE) {
                mismatchSince = commandedAt;
            }
            if (now - mismatchSince >= SUPERVISION_NANOS) {
                ContactorFault f = commanded ? new ContactorFault.FailedToClose(now) : new ContactorFault.Welded(now);
                if (faults.stream().noneMatch(x -> x.getClass() == f.getClass())) {
                    LOG.warning("contactor fault: " + f);
                    faults.add(f);
                }
            }
        } else {
            mismatchSince = Long.MIN_VALUE;
        }
    }
}
