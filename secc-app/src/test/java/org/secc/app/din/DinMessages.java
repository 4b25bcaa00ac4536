package org.secc.app.din;

import java.util.List;

import org.secc.exi.din.BodyType;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.V2G_Message;
import org.secc.exi.din.body.CableCheckReqType;
import org.secc.exi.din.body.ChargeParameterDiscoveryReqType;
import org.secc.exi.din.body.ChargingStatusReqType;
import org.secc.exi.din.body.ContractAuthenticationReqType;
import org.secc.exi.din.body.CurrentDemandReqType;
import org.secc.exi.din.body.PowerDeliveryReqType;
import org.secc.exi.din.body.PreChargeReqType;
import org.secc.exi.din.body.ServiceDiscoveryReqType;
import org.secc.exi.din.body.ServicePaymentSelectionReqType;
import org.secc.exi.din.body.SessionSetupReqType;
import org.secc.exi.din.body.SessionStopType;
import org.secc.exi.din.body.WeldingDetectionReqType;
import org.secc.exi.din.header.MessageHeaderType;
import org.secc.exi.din.types.ChargingProfileType;
import org.secc.exi.din.types.DC_EVChargeParameterType;
import org.secc.exi.din.types.DC_EVErrorCodeType;
import org.secc.exi.din.types.DC_EVStatusType;
import org.secc.exi.din.types.EVRequestedEnergyTransferType;
import org.secc.exi.din.types.PhysicalValueType;
import org.secc.exi.din.types.SelectedServiceListType;
import org.secc.exi.din.types.SelectedServiceType;
import org.secc.exi.din.types.paymentOptionType;
import org.secc.exi.din.types.unitSymbolType;

/** DIN requests as an EV sends them, for the charger-side tests. */
final class DinMessages {

    private DinMessages() {
    }

    static DC_EVStatusType evStatus(int soc) {
        return new DC_EVStatusType(true, null, null, DC_EVErrorCodeType.NO_ERROR, soc);
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

    static BodyElementGroup paymentSelection(paymentOptionType option, int... serviceIds) {
        List<SelectedServiceType> l = new java.util.ArrayList<>();
        for (int id : serviceIds) {
            l.add(new SelectedServiceType(id, null));
        }
        return new BodyElementGroup.ServicePaymentSelectionReq(new ServicePaymentSelectionReqType(option, new SelectedServiceListType(l)));
    }

    static BodyElementGroup contractAuthentication() {
        return new BodyElementGroup.ContractAuthenticationReq(new ContractAuthenticationReqType(null, null));
    }

    /** The Cadillac Lyriq's parameters (500 A / 410 V, no power limit); units as given. */
    static BodyElementGroup cpd(EVRequestedEnergyTransferType type, PhysicalValueType maxI, PhysicalValueType maxV, PhysicalValueType maxP) {
        return new BodyElementGroup.ChargeParameterDiscoveryReq(new ChargeParameterDiscoveryReqType(type,
                new ChargeParameterDiscoveryReqType.EVChargeParameterGroup.DC_EVChargeParameter(
                        new DC_EVChargeParameterType(evStatus(30), maxI, maxP, maxV, null, null, 100, 80))));
    }

    static BodyElementGroup cpd() {
        return cpd(EVRequestedEnergyTransferType.DC_extended, pv(0, unitSymbolType.A, 500), pv(0, unitSymbolType.V, 410), null);
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

    static BodyElementGroup powerDelivery(boolean ready) {
        return new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(ready, null, null));
    }

    static BodyElementGroup powerDelivery(boolean ready, int tupleId) {
        return new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(ready, new ChargingProfileType(tupleId,
                List.of(new org.secc.exi.din.types.ProfileEntryType(0, Short.MAX_VALUE))), null));
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

    static BodyElementGroup sessionStop() {
        return new BodyElementGroup.SessionStopReq(new SessionStopType());
    }

    static BodyElementGroup chargingStatus() {
        return new BodyElementGroup.ChargingStatusReq(new ChargingStatusReqType());
    }
}
