package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.ev.session.ControlMode;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for ScheduleExchangeRes (repeating while Ongoing); then cable check (DC) or PowerDelivery(Start) (AC, or after a renegotiation). */
public final class WaitScheduleExchange implements EvState {

    @Override
    public Phase phase() {
        return Phase.SCHEDULE_EXCHANGE;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        var res = (ScheduleExchangeResType) c.check(msg, "ScheduleExchangeRes");
        if (res == null) {
            return c.close("schedule exchange failed");
        }
        boolean dyn = res.SEResControlMode() instanceof ScheduleExchangeResType.SEResControlMode.Dynamic_SEResControlMode;
        if (dyn != (c.mode == ControlMode.DYNAMIC)) {
            c.fail("ScheduleExchangeRes control mode " + (dyn ? "Dynamic" : "Scheduled") + " but " + c.mode + " was selected");
        }
        if (res.EVSEProcessing() != processingType.Finished) {
            return c.ongoing(now, c::scheduleExchangeRequest, "ScheduleExchangeReq");
        }
        c.ongoingSince = -1;
        if (res.SEResControlMode() instanceof ScheduleExchangeResType.SEResControlMode.Scheduled_SEResControlMode s) {
            if (s.value().ScheduleTuple().isEmpty()) {
                c.fail("Scheduled ScheduleExchangeRes Finished without a ScheduleTuple");
                return c.close("no schedule");
            }
            c.selectedTupleId = s.value().ScheduleTuple().get(0).ScheduleTupleID();
        }
        if (c.renegotiating) { // renegotiation inside the loop: resume power delivery
            c.renegotiating = false;
            c.phase = Phase.POWER_DELIVERY_START;
            return c.sendCommon(c.powerDelivery(chargeProgressType.Start), "PowerDeliveryReq", EvContext.MSG_TIMEOUT_MS);
        }
        if (!c.service.dc) { // AC: no cable c.check or precharge
            c.phase = Phase.POWER_DELIVERY_START;
            return c.sendCommon(c.powerDelivery(chargeProgressType.Start), "PowerDeliveryReq", EvContext.MSG_TIMEOUT_MS);
        }
        c.phase = Phase.CABLE_CHECK;
        return c.sendDc(new DC_CableCheckReqType(c.header(c.sessionId)), "DC_CableCheckReq", EvContext.MSG_TIMEOUT_MS, 0);
    }
}
