package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for ServiceSelectionRes; then the charge parameter discovery. */
public final class WaitServiceSelection implements EvState {

    @Override
    public Phase phase() {
        return Phase.SERVICE_SELECTION;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        if (c.check(msg, "ServiceSelectionRes") == null) {
            return c.close("service selection failed");
        }
        return c.sendCpd();
    }
}
