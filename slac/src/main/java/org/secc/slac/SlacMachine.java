package org.secc.slac;

import java.util.List;
import org.secc.slac.mme.HomePlugFrame;

/** What the edge needs of either SLAC state machine: frames and time in, actions out. */
public interface SlacMachine {
    List<SlacAction> onFrame(HomePlugFrame frame, long nowNanos);

    List<SlacAction> onTick(long nowNanos);

    /** When {@link #onTick(long)} is due, or {@link Long#MAX_VALUE}. */
    long deadline();
}
