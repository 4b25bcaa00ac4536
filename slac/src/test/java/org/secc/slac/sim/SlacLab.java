package org.secc.slac.sim;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.secc.slac.MacAddress;
import org.secc.slac.SlacAction;
import org.secc.slac.evse.EvseSlac;
import org.secc.slac.evse.EvseSlacConfig;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.MmeException;
import org.secc.slac.pev.PevSlac;
import org.secc.slac.pev.PevSlacConfig;

/** Our EVSE and our PEV on the simulated powerline, with a fake clock: frames move at once, time jumps to the next deadline. */
final class SlacLab {
    static final MacAddress EVSE_HOST = MacAddress.parse("02:00:00:00:ee:01");
    static final MacAddress PEV_HOST = MacAddress.parse("02:00:00:00:ea:01");

    final PlcSimulator sim;
    final EvseSlac evse;
    final PevSlac pev;
    final List<SlacAction> evseEvents = new ArrayList<>();
    final List<SlacAction> pevEvents = new ArrayList<>();
    final List<byte[]> deliveredToEvse = new ArrayList<>();
    final List<byte[]> deliveredToPev = new ArrayList<>();
    long now = 5_000_000_000L;
    private final Deque<PlcSimulator.Delivery> wire = new ArrayDeque<>();

    SlacLab(PlcSimulator.Config simConfig, PevSlacConfig pevConfig) {
        sim = new PlcSimulator(simConfig);
        evse = new EvseSlac(EVSE_HOST, MacAddress.QCA_LOCAL, EvseSlacConfig.defaults(), new SecureRandom());
        pev = new PevSlac(PEV_HOST, MacAddress.QCA_LOCAL, pevConfig, new SecureRandom());
    }

    void fromEvse(List<SlacAction> actions) {
        evseEvents.addAll(actions);
        for (SlacAction a : actions) {
            if (a instanceof SlacAction.Send s) {
                wire.addAll(sim.onFrame(PlcSimulator.Side.EVSE, s.frame().encode()));
            }
        }
    }

    void fromPev(List<SlacAction> actions) {
        pevEvents.addAll(actions);
        for (SlacAction a : actions) {
            if (a instanceof SlacAction.Send s) {
                wire.addAll(sim.onFrame(PlcSimulator.Side.PEV, s.frame().encode()));
            }
        }
    }

    /** Runs until {@code limitNanos} of simulated time have passed or nothing is left to happen. */
    void run(long limitNanos) throws MmeException {
        long end = now + limitNanos;
        while (now <= end) {
            while (!wire.isEmpty()) {
                PlcSimulator.Delivery d = wire.poll();
                HomePlugFrame f;
                try {
                    f = HomePlugFrame.decode(d.frame());
                } catch (MmeException e) {
                    continue; // IP frames in these tests
                }
                if (d.to() == PlcSimulator.Side.EVSE) {
                    deliveredToEvse.add(d.frame());
                    fromEvse(evse.onFrame(f, now));
                } else {
                    deliveredToPev.add(d.frame());
                    fromPev(pev.onFrame(f, now));
                }
            }
            long next = Math.min(evse.deadline(), pev.deadline());
            if (next == Long.MAX_VALUE || next > end) {
                now = end;
                return;
            }
            now = Math.max(now, next);
            fromEvse(evse.onTick(now));
            fromPev(pev.onTick(now));
        }
    }

    <T extends SlacAction> List<T> events(List<SlacAction> from, Class<T> type) {
        return from.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
