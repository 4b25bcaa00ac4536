package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** A fault was injected: waits for the FAILED code it provokes, then for the SECC to close the connection. */
public final class FaultProbe implements EvState {

    @Override
    public Phase phase() {
        return Phase.FAULT_PROBE;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        responseCodeType code = EvContext.responseCode(msg);
        if (code == c.expectedFailure) {
            c.notes.add("SECC answered " + code + " as expected");
            c.endedOk = true;
        } else {
            c.fail("fault " + c.cfg.fault() + ": expected " + c.expectedFailure + ", got " + code);
        }
        // the SECC ends the session after a FAILED code; the edge checks that it closes
        return new Action.Silence(5_000);
    }
}
