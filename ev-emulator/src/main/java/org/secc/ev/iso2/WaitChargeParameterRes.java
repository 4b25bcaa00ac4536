package org.secc.ev.iso2;

import org.secc.ev.session.Action;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.CableCheckReqType;
import org.secc.exi.iso2.body.ChargeParameterDiscoveryReqType;
import org.secc.exi.iso2.body.ChargeParameterDiscoveryResType;
import org.secc.exi.iso2.body.PowerDeliveryReqType;
import org.secc.exi.iso2.types.AC_EVChargeParameterType;
import org.secc.exi.iso2.types.DC_EVChargeParameterType;
import org.secc.exi.iso2.types.EVSEProcessingType;
import org.secc.exi.iso2.types.EnergyTransferModeType;
import org.secc.exi.iso2.types.SAScheduleTupleType;
import org.secc.exi.iso2.types.chargeProgressType;
import org.secc.exi.iso2.types.unitSymbolType;

/**
 * Waits for ChargeParameterDiscoveryRes (repeated while Ongoing). DC: the charger's limits, then the
 * cable check. AC: EVSENominalVoltage and EVSEMaxCurrent, then PowerDeliveryReq(Start) with the
 * first offered SAScheduleTupleID.
 */
final class WaitChargeParameterRes implements Iso2EvState {

    static Action request(Iso2EvSession ev, long delayMs) {
        var b = ev.battery();
        ChargeParameterDiscoveryReqType req;
        if (ev.ac) {
            double maxA = Math.min(Iso2EvSession.AC_EV_MAX_A, b.maxChargePowerW() / (ev.phases * ev.nominalV));
            req = new ChargeParameterDiscoveryReqType(null,
                    ev.phases == 3 ? EnergyTransferModeType.AC_three_phase_core : EnergyTransferModeType.AC_single_phase_core,
                    new ChargeParameterDiscoveryReqType.EVChargeParameterGroup.AC_EVChargeParameter(new AC_EVChargeParameterType(null,
                            ev.pv(b.energyTo(ev.config().targetSoc()), unitSymbolType.Wh), ev.pv(400, unitSymbolType.V),
                            ev.pv(maxA, unitSymbolType.A), ev.pv(Math.min(Iso2EvSession.AC_EV_MIN_A, maxA), unitSymbolType.A))));
        } else {
            req = new ChargeParameterDiscoveryReqType(null, EnergyTransferModeType.DC_extended,
                    new ChargeParameterDiscoveryReqType.EVChargeParameterGroup.DC_EVChargeParameter(new DC_EVChargeParameterType(null,
                            ev.evStatus(), ev.pv(b.maxChargeCurrentA(), unitSymbolType.A), ev.pv(b.maxChargePowerW(), unitSymbolType.W),
                            ev.pv(b.maxVoltage(), unitSymbolType.V), ev.pv(b.capacityWh(), unitSymbolType.Wh),
                            ev.pv(b.energyTo(ev.config().targetSoc()), unitSymbolType.Wh), 100, 80)));
        }
        return ev.send(new BodyElementGroup.ChargeParameterDiscoveryReq(req), new WaitChargeParameterRes(), Iso2EvSession.MSG_TIMEOUT_MS,
                delayMs);
    }

    @Override
    public Action onResponse(BodyElementGroup res, Iso2EvSession ev, long now) {
        var r = ((BodyElementGroup.ChargeParameterDiscoveryRes) res).value();
        if (r.EVSEProcessing() != EVSEProcessingType.Finished) {
            if (ev.phaseStart < 0) {
                ev.phaseStart = now;
            } else if (now - ev.phaseStart > Iso2EvSession.ONGOING_TIMEOUT_MS) {
                ev.fail("charge parameter discovery still Ongoing after 60 s");
                return ev.close("ongoing timeout");
            }
            return request(ev, Iso2EvSession.ONGOING_RETRY_MS);
        }
        ev.phaseStart = -1;
        if (!(r.SASchedulesGroup() instanceof ChargeParameterDiscoveryResType.SASchedulesGroup.SAScheduleList list)
                || list.value().SAScheduleTuple().isEmpty()) {
            ev.fail("ChargeParameterDiscoveryRes Finished without an SAScheduleList");
            return ev.close("no schedule");
        }
        SAScheduleTupleType tuple = list.value().SAScheduleTuple().get(0);
        ev.tupleId = tuple.SAScheduleTupleID();
        if (ev.ac) {
            if (!(r.EVSEChargeParameterGroup() instanceof ChargeParameterDiscoveryResType.EVSEChargeParameterGroup.AC_EVSEChargeParameter a)) {
                ev.fail("ChargeParameterDiscoveryRes without AC_EVSEChargeParameter");
                return ev.close("no AC parameters");
            }
            ev.nominalV = Iso2EvSession.value(a.value().EVSENominalVoltage());
            ev.evseMaxCurrent = Iso2EvSession.value(a.value().EVSEMaxCurrent());
            return ev.send(new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(chargeProgressType.Start, ev.tupleId, null, null)),
                    new WaitPowerDeliveryRes(true), Iso2EvSession.POWER_DELIVERY_TIMEOUT_MS, 0);
        }
        if (!(r.EVSEChargeParameterGroup() instanceof ChargeParameterDiscoveryResType.EVSEChargeParameterGroup.DC_EVSEChargeParameter dc)) {
            ev.fail("ChargeParameterDiscoveryRes without DC_EVSEChargeParameter");
            return ev.close("no DC parameters");
        }
        ev.evseMaxCurrent = Iso2EvSession.value(dc.value().EVSEMaximumCurrentLimit());
        ev.evseMaxVoltage = Iso2EvSession.value(dc.value().EVSEMaximumVoltageLimit());
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

    static BodyElementGroup cableCheck(Iso2EvSession ev) {
        return new BodyElementGroup.CableCheckReq(new CableCheckReqType(ev.evStatus()));
    }
}
