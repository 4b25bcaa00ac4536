package org.secc.ev.conformance;

import java.util.List;
import java.util.Map;
import org.secc.ev.session.LegacyEvSession;
import org.secc.exi.SchemaKind;
import org.secc.exi.din.BodyType;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.V2G_Message;
import org.secc.exi.din.body.*;
import org.secc.exi.din.header.MessageHeaderType;
import org.secc.exi.din.types.*;

/** DIN SPEC 70121 (DC, EIM / ExternalPayment) for the suite: the requests of the walk's EV and the responses they expect. */
public final class DinDialect implements LegacyDialect {
    public static final DinDialect INSTANCE = new DinDialect();

    /** Requirement IDs of DIN SPEC 70121 by topic (facts sheet 3: the state table and the per-message behaviour). */
    private static final Map<String, String> IDS = Map.ofEntries(
            Map.entry("sap", "[V2G-DC-436] [V2G-DC-437]"), Map.entry("sessionsetup", "[V2G-DC-393] [V2G-DC-438]"),
            Map.entry("sessionid", "[V2G-DC-391]"), Map.entry("unknownsession", "[V2G-DC-391]"),
            Map.entry("servicediscovery", "[V2G-DC-441] [V2G-DC-252] [V2G-DC-628] [V2G-DC-629]"),
            Map.entry("paymentinvalid", "[V2G-DC-395]"), Map.entry("serviceselectioninvalid", "[V2G-DC-396] [V2G-DC-635]"),
            Map.entry("payment", "[V2G-DC-444]"),
            Map.entry("authorization", "[V2G-DC-497] [V2G-DC-498]"), Map.entry("cpd", "[V2G-DC-453] [V2G-DC-554]"),
            Map.entry("wrongtransfer", "[V2G-DC-397]"), Map.entry("wrongparameter", "[V2G-DC-398]"),
            Map.entry("cablecheck", "[V2G-DC-499] [V2G-DC-455] [V2G-DC-418]"), Map.entry("precharge", "[V2G-DC-458]"),
            Map.entry("powerdelivery", "[V2G-DC-462]"), Map.entry("currentdemand", "[V2G-DC-465]"), Map.entry("tariff", "[V2G-DC-400]"),
            Map.entry("pdstop", "[V2G-DC-459]"), Map.entry("welding", "[V2G-DC-469]"), Map.entry("sessionstop", "[V2G-DC-451]"),
            Map.entry("sequence", "[V2G-DC-390]"), Map.entry("sequencetimeout", "[V2G-DC-432]"));

    private DinDialect() {
    }

    @Override
    public String protocol() {
        return "din";
    }

    @Override
    public String title() {
        return "DIN SPEC 70121";
    }

    @Override
    public SchemaKind kind() {
        return SchemaKind.DIN;
    }

    @Override
    public Class<?> responseType(Req r) {
        return switch (r) {
            case SESSION_SETUP -> SessionSetupResType.class;
            case SERVICE_DISCOVERY -> ServiceDiscoveryResType.class;
            case PAYMENT_SELECTION -> ServicePaymentSelectionResType.class;
            case AUTHORIZATION -> ContractAuthenticationResType.class;
            case CHARGE_PARAMETER_DISCOVERY -> ChargeParameterDiscoveryResType.class;
            case CABLE_CHECK -> CableCheckResType.class;
            case PRE_CHARGE -> PreChargeResType.class;
            case POWER_DELIVERY_START, POWER_DELIVERY_STOP -> PowerDeliveryResType.class;
            case CURRENT_DEMAND -> CurrentDemandResType.class;
            case CHARGING_STATUS -> ChargingStatusResType.class;
            case WELDING_DETECTION -> WeldingDetectionResType.class;
            case SESSION_STOP -> SessionStopResType.class;
        };
    }

    /** V2G_EVCC_Msg_Timeout in DIN: 2 s for every message (PowerDelivery too), 0.25 s for CurrentDemand (facts sheet 5). */
    @Override
    public long limitMs(Req r) {
        return r == Req.CURRENT_DEMAND ? 250 : Settings.MSG_LIMIT_MS;
    }

    @Override
    public Map<String, String> requirementIds() {
        return IDS;
    }

    @Override
    public Object message(byte[] sessionId, Object bodyElement) {
        return new V2G_Message(new MessageHeaderType(sessionId.clone(), null, null), new BodyType((BodyElementGroup) bodyElement));
    }

    @Override
    public BodyElementGroup request(Req r, LegacyWalk w) {
        return switch (r) {
            case SESSION_SETUP -> new BodyElementGroup.SessionSetupReq(new SessionSetupReqType(w.evccId()));
            case SERVICE_DISCOVERY -> new BodyElementGroup.ServiceDiscoveryReq(new ServiceDiscoveryReqType(null, null));
            case PAYMENT_SELECTION -> (BodyElementGroup) paymentSelection("ExternalPayment", w.serviceId());
            case AUTHORIZATION -> new BodyElementGroup.ContractAuthenticationReq(new ContractAuthenticationReqType(null, null));
            case CHARGE_PARAMETER_DISCOVERY -> (BodyElementGroup) chargeParameterDiscovery(false, "DC_extended", w);
            case CABLE_CHECK -> new BodyElementGroup.CableCheckReq(new CableCheckReqType(status(w)));
            case PRE_CHARGE -> new BodyElementGroup.PreChargeReq(new PreChargeReqType(status(w), pv(w.evVoltage(), unitSymbolType.V),
                    pv(2, unitSymbolType.A)));
            case POWER_DELIVERY_START -> new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(true, null, delivery(w, false)));
            case CURRENT_DEMAND -> new BodyElementGroup.CurrentDemandReq(new CurrentDemandReqType(status(w), pv(50, unitSymbolType.A),
                    pv(LegacyWalk.V_MAX, unitSymbolType.V), pv(LegacyWalk.I_MAX, unitSymbolType.A), pv(LegacyWalk.P_MAX, unitSymbolType.W),
                    false, false, null, null, pv(LegacyWalk.V_MAX, unitSymbolType.V)));
            case POWER_DELIVERY_STOP -> new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(false, null, delivery(w, true)));
            case WELDING_DETECTION -> new BodyElementGroup.WeldingDetectionReq(new WeldingDetectionReqType(status(w)));
            case CHARGING_STATUS -> new BodyElementGroup.ChargingStatusReq(new ChargingStatusReqType());
            case SESSION_STOP -> new BodyElementGroup.SessionStopReq(new SessionStopType());
        };
    }

    /** DC_EVPowerDeliveryParameter: optional in the schema, sent by real DC EVs (and read by some chargers). */
    private static PowerDeliveryReqType.EVPowerDeliveryParameterGroup delivery(LegacyWalk w, boolean complete) {
        return new PowerDeliveryReqType.EVPowerDeliveryParameterGroup.DC_EVPowerDeliveryParameter(
                new DC_EVPowerDeliveryParameterType(status(w), complete, complete));
    }

    private static DC_EVStatusType status(LegacyWalk w) {
        return new DC_EVStatusType(true, null, null, DC_EVErrorCodeType.NO_ERROR, 50);
    }

    /** A value with Multiplier −1 (or more when it does not fit a short), always with Unit (facts sheet 6.1). */
    static PhysicalValueType pv(double v, unitSymbolType unit) {
        int m = LegacyEvSession.multiplier(v, -1);
        return new PhysicalValueType(m, unit, LegacyEvSession.scaled(v, m));
    }

    @Override
    public Object paymentSelection(String option, int... serviceIds) {
        return new BodyElementGroup.ServicePaymentSelectionReq(new ServicePaymentSelectionReqType(paymentOptionType.valueOf(option),
                new SelectedServiceListType(java.util.Arrays.stream(serviceIds).mapToObj(id -> new SelectedServiceType(id, null)).toList())));
    }

    @Override
    public Object chargeParameterDiscovery(boolean acParameter, String transfer, LegacyWalk w) {
        ChargeParameterDiscoveryReqType.EVChargeParameterGroup g = acParameter
                ? new ChargeParameterDiscoveryReqType.EVChargeParameterGroup.AC_EVChargeParameter(new AC_EVChargeParameterType(0,
                pv(LegacyWalk.REQUEST_WH, unitSymbolType.Wh), pv(230, unitSymbolType.V), pv(32, unitSymbolType.A), pv(6, unitSymbolType.A)))
                : new ChargeParameterDiscoveryReqType.EVChargeParameterGroup.DC_EVChargeParameter(new DC_EVChargeParameterType(status(w),
                pv(LegacyWalk.I_MAX, unitSymbolType.A), pv(LegacyWalk.P_MAX, unitSymbolType.W), pv(LegacyWalk.V_MAX, unitSymbolType.V),
                pv(LegacyWalk.CAPACITY_WH, unitSymbolType.Wh), pv(LegacyWalk.REQUEST_WH, unitSymbolType.Wh), 100, 80));
        return new BodyElementGroup.ChargeParameterDiscoveryReq(new ChargeParameterDiscoveryReqType(
                EVRequestedEnergyTransferType.valueOf(transfer), g));
    }

    @Override
    public Object powerDeliveryStart(int tupleId, LegacyWalk w) {
        ChargingProfileType profile = new ChargingProfileType(tupleId, List.of(new ProfileEntryType(0, (int) (LegacyWalk.P_MAX / 1000))));
        return new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(true, profile, delivery(w, false)));
    }

    @Override
    public int chargeServiceId(Object res) {
        return ((ServiceDiscoveryResType) res).ChargeService().ServiceTag().ServiceID();
    }

    @Override
    public List<String> paymentOptions(Object res) {
        return ((ServiceDiscoveryResType) res).PaymentOptions().PaymentOption().stream().map(Enum::name).toList();
    }

    @Override
    public List<String> energyTransfer(Object res) {
        return List.of(((ServiceDiscoveryResType) res).ChargeService().EnergyTransferType().name());
    }

    @Override
    public String evseId(Object res) {
        return Walk.hex(((SessionSetupResType) res).EVSEID());
    }

    @Override
    public int firstTupleId(Object res) {
        var g = ((ChargeParameterDiscoveryResType) res).SASchedulesGroup();
        if (g instanceof ChargeParameterDiscoveryResType.SASchedulesGroup.SAScheduleList l && !l.value().SAScheduleTuple().isEmpty()) {
            return l.value().SAScheduleTuple().get(0).SAScheduleTupleID();
        }
        return -1;
    }
}
