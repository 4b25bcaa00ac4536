package org.secc.slac.run;

import java.io.IOException;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.secc.slac.SlacAction;
import org.secc.slac.SlacMachine;
import org.secc.slac.link.PlcLink;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.MmeException;

/**
 * The edge of a SLAC state machine: reads frames from a link, feeds them and the monotonic time to
 * the machine, sends what it asks for, and stops at the first action {@code until} accepts, or at the
 * timeout. Frames that are not management messages are dropped with a debug line.
 */
public final class SlacDriver {
    private static final Logger LOG = Logger.getLogger(SlacDriver.class.getName());
    private static final long MAX_WAIT_MS = 100;

    private final PlcLink link;
    private final SlacMachine machine;
    private final LongSupplier clock;
    private final java.util.function.Consumer<SlacAction> listener;

    public SlacDriver(PlcLink link, SlacMachine machine, LongSupplier clock, java.util.function.Consumer<SlacAction> listener) {
        this.link = link;
        this.machine = machine;
        this.clock = clock;
        this.listener = listener;
    }

    /** Applies actions the caller got from the machine directly (start, plug-in, ...); returns the first accepted one. */
    public SlacAction apply(List<SlacAction> actions, Predicate<SlacAction> until) throws IOException {
        SlacAction hit = null;
        for (SlacAction a : actions) {
            if (a instanceof SlacAction.Send s) {
                link.send(s.frame().encode());
            }
            listener.accept(a);
            if (hit == null && until.test(a)) {
                hit = a;
            }
        }
        return hit;
    }

    /** Runs until an action {@code until} accepts (returned) or {@code timeoutNanos} pass ({@code null}). */
    public SlacAction runUntil(Predicate<SlacAction> until, long timeoutNanos) throws IOException {
        long end = clock.getAsLong() + timeoutNanos;
        while (true) {
            long now = clock.getAsLong();
            if (now - end >= 0) {
                return null;
            }
            SlacAction hit = apply(machine.onTick(now), until);
            if (hit != null) {
                return hit;
            }
            long wakeNs = Math.min(machine.deadline() == Long.MAX_VALUE ? end : machine.deadline(), end) - now;
            long waitMs = Math.max(0, Math.min(MAX_WAIT_MS, (wakeNs + 999_999) / 1_000_000));
            byte[] raw = link.receive(waitMs);
            if (raw == null) {
                continue;
            }
            HomePlugFrame f;
            try {
                f = HomePlugFrame.decode(raw);
            } catch (MmeException e) {
                LOG.fine(() -> "dropped frame: " + e.getMessage());
                continue;
            }
            hit = apply(machine.onFrame(f, clock.getAsLong()), until);
            if (hit != null) {
                return hit;
            }
        }
    }
}
