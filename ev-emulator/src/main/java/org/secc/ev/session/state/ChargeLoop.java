package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Decision;
import org.secc.ev.session.Rational;
import org.secc.ev.session.Sample;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** The charge loop: integrates what the SECC reports into the battery, reacts to EVSE notifications, and asks the loop policy for the next direction or the stop. */
public final class ChargeLoop implements EvState {

    @Override
    public Phase phase() {
        return Phase.CHARGE_LOOP;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        EVSEStatusType status;
        double p;
        if (c.service.dc) {
            var res = (DC_ChargeLoopResType) c.check(msg, "DC_ChargeLoopRes");
            if (res == null) {
                return c.stopFromLoop();
            }
            c.checkLoopVariant(res.CLResControlModeGroup());
            double i = Rational.value(res.EVSEPresentCurrent());
            double v = Rational.value(res.EVSEPresentVoltage());
            c.battery.integrate(i, v, (now - c.lastLoopAt) / 1000.0);
            c.sample("ChargeLoop " + c.lastDecision, v, i);
            p = i * (v > 0 ? v : c.battery.voltage());
            status = res.EVSEStatus();
        } else {
            var res = (AC_ChargeLoopResType) c.check(msg, "AC_ChargeLoopRes");
            if (res == null) {
                return c.stopFromLoop();
            }
            p = c.acPower(res.CLResControlModeGroup());
            c.battery.integratePower(p, (now - c.lastLoopAt) / 1000.0);
            double v = c.battery.voltage();
            c.timeline.add(new Sample(now - c.t0, "ChargeLoop " + c.lastDecision, v, p / v, p, c.battery.soc()));
            status = res.EVSEStatus();
        }
        c.lastLoopAt = now;
        // In a BPT Dynamic session the charger picks the direction within the limits the EV sent
        // (README "Hardware abstraction": + charges the EV), so a discharge is the charger's right there; elsewhere the EV asked to charge.
        boolean chargerChooses = c.service.bpt && c.mode == ControlMode.DYNAMIC;
        if (c.lastDecision == Decision.CHARGE && p < -100 && !chargerChooses) {
            c.fail(String.format("EVSE discharges (%.0f W) while the EV asked to charge", p));
        }
        if (status != null) {
            evseNotificationType n = status.EVSENotification();
            c.notes.add("EVSENotification " + n);
            switch (n) {
                case Terminate -> {
                    c.stopReason = "EVSE Terminate";
                    return c.stopFromLoop();
                }
                case Pause -> {
                    c.pauseRequested = true;
                    c.stopReason = "EVSE Pause";
                    return c.stopFromLoop();
                }
                case ScheduleRenegotiation -> {
                    c.phase = Phase.RENEGOTIATE;
                    c.renegotiating = true;
                    return c.sendCommon(c.powerDelivery(chargeProgressType.ScheduleRenegotiation), "PowerDeliveryReq", EvContext.MSG_TIMEOUT_MS);
                }
                default -> {
                }
            }
        }
        Decision d = c.policy.decide(c.battery, now - c.loopStart);
        if (d == Decision.STOP || d == Decision.PAUSE) {
            c.pauseRequested = d == Decision.PAUSE;
            c.stopReason = d == Decision.PAUSE ? "EV pause" : "EV stop";
            return c.stopFromLoop();
        }
        if (d == Decision.DISCHARGE && !c.service.bpt) {
            c.fail("scenario asks to discharge in a non-BPT session");
            return c.stopFromLoop();
        }
        c.lastDecision = d;
        return c.sendLoop(c.cfg.loopPeriodMs());
    }
}
