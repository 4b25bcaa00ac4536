package org.secc.ev.din;

import org.secc.ev.session.Action;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.CableCheckReqType;
import org.secc.exi.din.body.ChargeParameterDiscoveryReqType;
import org.secc.exi.din.body.ChargeParameterDiscoveryResType;
import org.secc.exi.din.types.DC_EVChargeParameterType;
import org.secc.exi.din.types.EVRequestedEnergyTransferType;
import org.secc.exi.din.types.EVSEProcessingType;
import org.secc.exi.din.types.unitSymbolType;

/**
 * Waits for ChargeParameterDiscoveryRes (repeated while Ongoing): the EV sends its DC limits from the
 * battery and remembers the charger's maxima; Finished leads to the cable check (the EV has switched
 * the pilot to C by now).
 */
final class WaitChargeParameterRes implements DinEvState {

    static Action request(DinEvSession ev, long delayMs) {
        var b = ev.battery();
        var p = new DC_EVChargeParameterType(ev.evStatus(), ev.pv(b.maxChargeCurrentA(), unitSymbolType.A),
                ev.pv(b.maxChargePowerW(), unitSymbolType.W), ev.pv(b.maxVoltage(), unitSymbolType.V),
                ev.pv(b.capacityWh(), unitSymbolType.Wh), ev.pv(b.energyTo(ev.config().targetSoc()), unitSymbolType.Wh), 100, 80);
        return ev.send(new BodyElementGroup.ChargeParameterDiscoveryReq(new ChargeParameterDiscoveryReqType(
                EVRequestedEnergyTransferType.DC_extended, new ChargeParameterDiscoveryReqType.EVChargeParameterGroup.DC_EVChargeParameter(p))),
                new WaitChargeParameterRes(), DinEvSession.MSG_TIMEOUT_MS, delayMs);
    }

    @Override
    public Action onResponse(BodyElementGroup res, DinEvSession ev, long now) {
        var r = ((BodyElementGroup.ChargeParameterDiscoveryRes) res).value();
        if (r.EVSEProcessing() == EVSEProcessingType.Ongoing) {
            if (ev.phaseStart < 0) {
                ev.phaseStart = now;
            } else if (now - ev.phaseStart > DinEvSession.ONGOING_TIMEOUT_MS) {
                ev.fail("charge parameter discovery still Ongoing after 60 s");
                return ev.close("ongoing timeout");
            }
            return request(ev, DinEvSession.ONGOING_RETRY_MS);
        }
        ev.phaseStart = -1;
        if (!(r.EVSEChargeParameterGroup() instanceof ChargeParameterDiscoveryResType.EVSEChargeParameterGroup.DC_EVSEChargeParameter dc)) {
            ev.fail("ChargeParameterDiscoveryRes without DC_EVSEChargeParameter");
            return ev.close("no DC parameters");
        }
        ev.evseMaxCurrent = DinEvSession.value(dc.value().EVSEMaximumCurrentLimit());
        ev.evseMaxVoltage = DinEvSession.value(dc.value().EVSEMaximumVoltageLimit());
        double p = DinEvSession.value(dc.value().EVSEMaximumPowerLimit());
        ev.evseMaxPower = Double.isNaN(p) ? Double.MAX_VALUE : p;
        return WaitCableCheckRes.request(ev, 0);
    }

    @Override
    public String expects() {
        return "ChargeParameterDiscoveryRes";
    }

    @Override
    public String phase() {
        return "ChargeParameterDiscovery";
    }

    static BodyElementGroup cableCheck(DinEvSession ev) {
        return new BodyElementGroup.CableCheckReq(new CableCheckReqType(ev.evStatus()));
    }
}
