package org.secc.ev.iso2;

import org.secc.ev.session.Action;
import org.secc.ev.session.Decision;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.PowerDeliveryReqType;
import org.secc.exi.iso2.types.chargeProgressType;

/** The end of a -2 charge loop (DC and AC): why the EV stops, and its PowerDeliveryReq(Stop). */
final class LoopStop {

    private LoopStop() {
    }

    /** Null to go on charging; else the reason, with {@code ev.pausing} set for a scenario's PAUSE. */
    static String reason(Iso2EvSession ev, boolean chargerStop, String chargerWhat, long now) {
        if (chargerStop) {
            ev.note("EVSENotification StopCharging received");
            return "charger sent " + chargerWhat;
        }
        if (ev.battery().soc() >= ev.config().targetSoc()) {
            return "target SOC reached";
        }
        Decision d = ev.policy.decide(ev.battery(), now - ev.loopStart);
        if (d == Decision.PAUSE) {
            ev.pausing = true;
            return "scenario: PAUSE";
        }
        if (d == Decision.DISCHARGE) {
            ev.fail("the scenario wants to discharge: ISO 15118-2 is charge only here");
            return "scenario: DISCHARGE (not in -2)";
        }
        return d == Decision.STOP ? "scenario: STOP" : null;
    }

    static Action powerDeliveryStop(Iso2EvSession ev, String why) {
        ev.stopBecause(why);
        return ev.send(new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(chargeProgressType.Stop, ev.tupleId, null, null)),
                new WaitPowerDeliveryRes(false), Iso2EvSession.POWER_DELIVERY_TIMEOUT_MS, 0);
    }
}
