package org.secc.app.iso2;

import java.util.List;

import org.secc.exi.iso2.V2G_Message;
import org.secc.exi.iso2.body.AuthorizationReqType;
import org.secc.exi.iso2.body.BodyType;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.CableCheckReqType;
import org.secc.exi.iso2.body.ChargeParameterDiscoveryReqType;
import org.secc.exi.iso2.body.ChargingStatusReqType;
import org.secc.exi.iso2.body.CurrentDemandReqType;
import org.secc.exi.iso2.body.PaymentServiceSelectionReqType;
import org.secc.exi.iso2.body.PowerDeliveryReqType;
import org.secc.exi.iso2.body.PreChargeReqType;
import org.secc.exi.iso2.body.ServiceDetailReqType;
import org.secc.exi.iso2.body.ServiceDiscoveryReqType;
import org.secc.exi.iso2.body.SessionSetupReqType;
import org.secc.exi.iso2.body.SessionStopReqType;
import org.secc.exi.iso2.body.WeldingDetectionReqType;
import org.secc.exi.iso2.header.MessageHeaderType;
import org.secc.exi.iso2.types.AC_EVChargeParameterType;
import org.secc.exi.iso2.types.DC_EVChargeParameterType;
import org.secc.exi.iso2.types.DC_EVErrorCodeType;
import org.secc.exi.iso2.types.DC_EVStatusType;
import org.secc.exi.iso2.types.EnergyTransferModeType;
import org.secc.exi.iso2.types.PhysicalValueType;
import org.secc.exi.iso2.types.SelectedServiceListType;
import org.secc.exi.iso2.types.SelectedServiceType;
import org.secc.exi.iso2.types.chargeProgressType;
import org.secc.exi.iso2.types.chargingSessionType;
import org.secc.exi.iso2.types.paymentOptionType;
import org.secc.exi.iso2.types.unitSymbolType;

/** ISO 15118-2 DC requests as an EV sends them, for the charger-side tests. */
final class Iso2Messages {

    private Iso2Messages() {
    }

    static DC_EVStatusType evStatus(int soc) {
        return new DC_EVStatusType(true, DC_EVErrorCodeType.NO_ERROR, soc);
    }

    static PhysicalValueType pv(int mult, unitSymbolType unit, int value) {
        return new PhysicalValueType(mult, unit, value);
    }

    static V2G_Message msg(byte[] sessionId, BodyElementGroup body) {
        return new V2G_Message(new MessageHeaderType(sessionId, null, null), new BodyType(body));
    }

    static BodyElementGroup sessionSetup() {
        return new BodyElementGroup.SessionSetupReq(new SessionSetupReqType(new byte[] {2, 0, 0, 0, 0, 1}));
    }

    static BodyElementGroup serviceDiscovery() {
        return new BodyElementGroup.ServiceDiscoveryReq(new ServiceDiscoveryReqType(null, null));
    }

    static BodyElementGroup serviceDetail(int id) {
        return new BodyElementGroup.ServiceDetailReq(new ServiceDetailReqType(id));
    }

    static BodyElementGroup paymentSelection(paymentOptionType option, int... serviceIds) {
        List<SelectedServiceType> l = new java.util.ArrayList<>();
        for (int id : serviceIds) {
            l.add(new SelectedServiceType(id, null));
        }
        return new BodyElementGroup.PaymentServiceSelectionReq(new PaymentServiceSelectionReqType(option, new SelectedServiceListType(l)));
    }

    static BodyElementGroup authorization() {
        return new BodyElementGroup.AuthorizationReq(new AuthorizationReqType(null, null));
    }

    static BodyElementGroup cpd(EnergyTransferModeType mode, PhysicalValueType maxI, PhysicalValueType maxV, PhysicalValueType maxP) {
        return new BodyElementGroup.ChargeParameterDiscoveryReq(new ChargeParameterDiscoveryReqType(null, mode,
                new ChargeParameterDiscoveryReqType.EVChargeParameterGroup.DC_EVChargeParameter(
                        new DC_EVChargeParameterType(null, evStatus(30), maxI, maxP, maxV, null, null, 100, 80))));
    }

    static BodyElementGroup cpd() {
        return cpd(EnergyTransferModeType.DC_extended, pv(0, unitSymbolType.A, 500), pv(0, unitSymbolType.V, 410), null);
    }

    static BodyElementGroup cpdAc() {
        return new BodyElementGroup.ChargeParameterDiscoveryReq(new ChargeParameterDiscoveryReqType(null, EnergyTransferModeType.DC_extended,
                new ChargeParameterDiscoveryReqType.EVChargeParameterGroup.AC_EVChargeParameter(new AC_EVChargeParameterType(null,
                        pv(3, unitSymbolType.Wh, 20), pv(0, unitSymbolType.V, 400), pv(0, unitSymbolType.A, 32), pv(0, unitSymbolType.A, 6)))));
    }

    /** An AC ChargeParameterDiscoveryReq: 20 kWh, 400 V, 32 A max, 6 A min. */
    static BodyElementGroup cpdAc(EnergyTransferModeType mode) {
        return cpdAc(mode, pv(3, unitSymbolType.Wh, 20), pv(0, unitSymbolType.V, 400), pv(0, unitSymbolType.A, 32), pv(0, unitSymbolType.A, 6));
    }

    static BodyElementGroup cpdAc(EnergyTransferModeType mode, PhysicalValueType e, PhysicalValueType maxV, PhysicalValueType maxI,
            PhysicalValueType minI) {
        return new BodyElementGroup.ChargeParameterDiscoveryReq(new ChargeParameterDiscoveryReqType(null, mode,
                new ChargeParameterDiscoveryReqType.EVChargeParameterGroup.AC_EVChargeParameter(new AC_EVChargeParameterType(null,
                        e, maxV, maxI, minI))));
    }

    static BodyElementGroup cableCheck() {
        return new BodyElementGroup.CableCheckReq(new CableCheckReqType(evStatus(30)));
    }

    static BodyElementGroup preCharge(PhysicalValueType target) {
        return new BodyElementGroup.PreChargeReq(new PreChargeReqType(evStatus(30), target, pv(0, unitSymbolType.A, 1)));
    }

    static BodyElementGroup preCharge() {
        return preCharge(pv(-1, unitSymbolType.V, 3800));
    }

    static BodyElementGroup powerDelivery(chargeProgressType p) {
        return powerDelivery(p, 1);
    }

    static BodyElementGroup powerDelivery(chargeProgressType p, int tupleId) {
        return new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(p, tupleId, null, null));
    }

    static BodyElementGroup currentDemand(PhysicalValueType targetI, PhysicalValueType targetV) {
        return new BodyElementGroup.CurrentDemandReq(new CurrentDemandReqType(evStatus(40), targetI, null, null, null, null, false, null, null,
                targetV));
    }

    static BodyElementGroup currentDemand() {
        return currentDemand(pv(0, unitSymbolType.A, 100), pv(0, unitSymbolType.V, 400));
    }

    static BodyElementGroup weldingDetection() {
        return new BodyElementGroup.WeldingDetectionReq(new WeldingDetectionReqType(evStatus(80)));
    }

    static BodyElementGroup sessionStop(chargingSessionType t) {
        return new BodyElementGroup.SessionStopReq(new SessionStopReqType(t));
    }

    static BodyElementGroup sessionStop() {
        return sessionStop(chargingSessionType.Terminate);
    }

    static BodyElementGroup chargingStatus() {
        return new BodyElementGroup.ChargingStatusReq(new ChargingStatusReqType());
    }
}
