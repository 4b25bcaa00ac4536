package org.secc.hal.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.secc.hal.contactor.ContactorFault;
import org.secc.hal.contactor.ContactorState;
import org.secc.hal.contactor.Contactors;

/**
 * Contactors on GPIO: one output line drives the coil relay, one input line reads the mirror
 * contact (logical 1 = main contact closed; use active-low in the line request for NC wiring).
 * {@link #supervise()} must be called periodically (every few ms): a mirror that disagrees with the
 * command for longer than the supervision time latches a welding / failed-to-close fault.
 */
public final class GpioContactors implements Contactors {
    private static final Logger LOG = Logger.getLogger(GpioContactors.class.getName());

    private final DigitalLines drive;
    private final DigitalLines mirror;
    private final long supervisionNanos;
    private final LongSupplier clock;
    private boolean commanded;
    private long commandedAt;
    private boolean lastMirror;
    private final List<ContactorFault> faults = new ArrayList<>();

    public GpioContactors(DigitalLines drive, DigitalLines mirror, long supervisionNanos, LongSupplier monotonicNanos) {
        this.drive = drive;
        this.mirror = mirror;
        this.supervisionNanos = supervisionNanos;
        this.clock = monotonicNanos;
        drive.write(0, 1);
        commandedAt = clock.getAsLong();
    }

    @Override
    public synchronized void close() {
        drive.write(1, 1);
        if (!commanded) {
            commanded = true;
            commandedAt = clock.getAsLong();
        }
    }

    @Override
    public synchronized void open() {
        drive.write(0, 1);
        if (commanded) {
            commanded = false;
            commandedAt = clock.getAsLong();
        }
    }

    @Override
    public synchronized ContactorState state() {
        return new ContactorState(commanded, (mirror.read() & 1) != 0);
    }

    @Override
    public synchronized List<ContactorFault> faults() {
        return List.copyOf(faults);
    }

    @Override
    public synchronized void clearFaults() {
        faults.clear();
    }

    /** Reads the mirror and latches faults; returns the faults raised by this call. */
    public synchronized List<ContactorFault> supervise() {
        long now = clock.getAsLong();
        boolean m = (mirror.read() & 1) != 0;
        List<ContactorFault> raised = new ArrayList<>();
        if (m != lastMirror && m != commanded && now - commandedAt > supervisionNanos) {
            // the mirror moved on its own, long after the last command
            raised.add(new ContactorFault.FeedbackMismatch(now, commanded, m));
        }
        if (m != commanded && now - commandedAt > supervisionNanos) {
            ContactorFault f = commanded ? new ContactorFault.FailedToClose(now) : new ContactorFault.Welded(now);
            if (faults.stream().noneMatch(x -> x.getClass() == f.getClass())) {
                raised.add(f);
            }
        }
        lastMirror = m;
        for (ContactorFault f : raised) {
            LOG.severe("contactor fault: " + f);
        }
        faults.addAll(raised);
        return raised;
    }
}
