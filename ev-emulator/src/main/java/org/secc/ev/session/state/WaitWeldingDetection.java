package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.ev.session.Rational;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for DC_WeldingDetectionRes until the output is below 60 V (at most 25 requests); then SessionStopReq. */
public final class WaitWeldingDetection implements EvState {

    @Override
    public Phase phase() {
        return Phase.WELDING;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        var res = (DC_WeldingDetectionResType) c.check(msg, "DC_WeldingDetectionRes");
        if (res == null) {
            return c.close("welding detection failed");
        }
        double v = Rational.value(res.EVSEPresentVoltage());
        c.sample("WeldingDetection", v, 0);
        c.weldings++;
        boolean low = v < 60; // output discharged below touch-safe voltage
        if (!low && c.weldings < 25) {
            return c.sendDc(new DC_WeldingDetectionReqType(c.header(c.sessionId), processingType.Ongoing), "DC_WeldingDetectionReq",
                    EvContext.MSG_TIMEOUT_MS, EvContext.ONGOING_RETRY_MS);
        }
        if (!low) {
            c.notes.add("output still at " + v + " V after welding detection");
        }
        return c.sendSessionStop();
    }
}
