package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.ev.session.Rational;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for DC_PreChargeRes until the EVSE voltage is within 10 V of the battery's, then one Finished request and PowerDelivery(Start) ([V2G20-2005/2006]). */
public final class WaitPreCharge implements EvState {

    @Override
    public Phase phase() {
        return Phase.PRE_CHARGE;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        var res = (DC_PreChargeResType) c.check(msg, "DC_PreChargeRes");
        if (res == null) {
            return c.close("precharge failed");
        }
        double v = Rational.value(res.EVSEPresentVoltage());
        c.sample("PreCharge", v, 0);
        c.precharges++;
        if (Math.abs(v - c.battery.voltage()) <= 10) {
            // one last PreChargeReq with Finished, then PowerDelivery ([V2G20-2005/2006])
            if (c.precharges > 0 && c.lastPrechargeFinished) {
                c.phase = Phase.POWER_DELIVERY_START;
                return c.sendCommon(c.powerDelivery(chargeProgressType.Start), "PowerDeliveryReq", EvContext.MSG_TIMEOUT_MS);
            }
            c.lastPrechargeFinished = true;
            return c.sendPreCharge(processingType.Finished, 0);
        }
        if (now - c.phaseStart > 10_000) { // V2G_EVCC_PreCharge_Timeout (ISO 15118-20 timers)
            c.fail("precharge did not reach " + Math.round(c.battery.voltage()) + " V within 10 s (at " + v + " V)");
            return c.stopFromLoop();
        }
        return c.sendPreCharge(processingType.Ongoing, EvContext.ONGOING_RETRY_MS);
    }
}
