package org.secc.ev.conformance;

import java.util.List;
import java.util.Map;
import org.secc.ev.session.LegacyEvSession;
import org.secc.exi.SchemaKind;

import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.V2G_Message;
import org.secc.exi.iso2.body.*;
import org.secc.exi.iso2.header.MessageHeaderType;
import org.secc.exi.iso2.types.*;

/** ISO 15118-2 DC (EIM / ExternalPayment, no TLS) for the suite: the requests of the walk's EV and the responses they expect. */
public final class Iso2Dialect implements LegacyDialect {
    public static final Iso2Dialect INSTANCE = new Iso2Dialect();

    /** Requirement IDs of ISO 15118-2 by topic (facts sheet 4: the common rules, the DC state table, the per-message behaviour). */
    private static final Map<String, String> IDS = Map.ofEntries(
            Map.entry("sap", "V2G_EVCC_Msg_Timeout"), Map.entry("sessionsetup", "[V2G2-756]"),
            Map.entry("sessionid", "[V2G2-460]"), Map.entry("unknownsession", "[V2G2-460]"),
            Map.entry("servicediscovery", "V2G_EVCC_Msg_Timeout"), Map.entry("servicedetail", "[V2G2-464] [V2G2-549]"),
            Map.entry("paymentinvalid", "[V2G2-465]"), Map.entry("serviceselectioninvalid", "[V2G2-467]"),
            Map.entry("nochargeservice", "[V2G2-804]"), Map.entry("payment", "V2G_EVCC_Msg_Timeout"),
            Map.entry("authorization", "[V2G2-854]"), Map.entry("cpd", "[V2G2-773]"),
            Map.entry("wrongtransfer", "[V2G2-476]"), Map.entry("wrongparameter", "[V2G2-477]"),
            Map.entry("cablecheck", "V2G_EVCC_CableCheck_Timeout"), Map.entry("precharge", "V2G_EVCC_PreCharge_Timeout"),
            Map.entry("powerdelivery", "V2G_EVCC_Msg_Timeout"), Map.entry("currentdemand", "V2G_EVCC_Msg_Timeout"),
            Map.entry("tariff", "[V2G2-479]"), Map.entry("pdstop", "V2G_EVCC_Msg_Timeout"), Map.entry("welding", "V2G_EVCC_Msg_Timeout"),
            Map.entry("sessionstop", "V2G_EVCC_Msg_Timeout"), Map.entry("pause", "[V2G2-571] [V2G2-756]"),
            Map.entry("sequence", "[V2G2-538] [V2G2-539]"), Map.entry("acloop", "[V2G2-575] [V2G2-577] [V2G2-691]"),
            Map.entry("acstop", "[V2G2-568]"), Map.entry("acstart", "[V2G2-576]"), Map.entry("sequencetimeout", "[V2G2-443]"));

    private Iso2Dialect() {
    }

    @Override
    public String protocol() {
        return "iso2";
    }

    @Override
    public String title() {
        return "ISO 15118-2";
    }

    @Override
    public SchemaKind kind() {
        return SchemaKind.ISO2;
    }

    @Override
    public Class<?> responseType(Req r) {
        return switch (r) {
            case SESSION_SETUP -> SessionSetupResType.class;
            case SERVICE_DISCOVERY -> ServiceDiscoveryResType.class;
            case PAYMENT_SELECTION -> PaymentServiceSelectionResType.class;
            case AUTHORIZATION -> AuthorizationResType.class;
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

    /** V2G_EVCC_Msg_Timeout in -2: 2 s (ChargingStatus too), 5 s for PowerDelivery (and ServiceDetail), 0.25 s for CurrentDemand (facts sheet 5). */
    @Override
    public long limitMs(Req r) {
        return switch (r) {
            case CURRENT_DEMAND -> 250;
            case POWER_DELIVERY_START, POWER_DELIVERY_STOP -> Settings.SERVICE_DETAIL_LIMIT_MS;
            default -> Settings.MSG_LIMIT_MS;
        };
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
            case AUTHORIZATION -> new BodyElementGroup.AuthorizationReq(new AuthorizationReqType(null, null));
            case CHARGE_PARAMETER_DISCOVERY -> (BodyElementGroup) chargeParameterDiscovery(w.ac(), w.ac() ? w.acMode() : "DC_extended", w);
            case CABLE_CHECK -> new BodyElementGroup.CableCheckReq(new CableCheckReqType(status(w)));
            case PRE_CHARGE -> new BodyElementGroup.PreChargeReq(new PreChargeReqType(status(w), pv(w.evVoltage(), unitSymbolType.V),
                    pv(2, unitSymbolType.A)));
            case POWER_DELIVERY_START -> new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(chargeProgressType.Start, w.tupleId(), null,
                    delivery(w, false)));
            case CURRENT_DEMAND -> new BodyElementGroup.CurrentDemandReq(new CurrentDemandReqType(status(w), pv(50, unitSymbolType.A),
                    pv(LegacyWalk.V_MAX, unitSymbolType.V), pv(LegacyWalk.I_MAX, unitSymbolType.A), pv(LegacyWalk.P_MAX, unitSymbolType.W),
                    false, false, null, null, pv(LegacyWalk.V_MAX, unitSymbolType.V)));
            case POWER_DELIVERY_STOP -> new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(chargeProgressType.Stop, w.tupleId(), null,
                    delivery(w, true)));
            case WELDING_DETECTION -> new BodyElementGroup.WeldingDetectionReq(new WeldingDetectionReqType(status(w)));
            case CHARGING_STATUS -> new BodyElementGroup.ChargingStatusReq(new ChargingStatusReqType());
            case SESSION_STOP -> new BodyElementGroup.SessionStopReq(new SessionStopReqType(chargingSessionType.Terminate));
        };
    }

    /** DC_EVPowerDeliveryParameter: optional in the schema, sent by real DC EVs (and read by some chargers). */
    private static PowerDeliveryReqType.EVPowerDeliveryParameterGroup delivery(LegacyWalk w, boolean complete) {
        if (w.ac()) {
            return null;
        }
        return new PowerDeliveryReqType.EVPowerDeliveryParameterGroup.DC_EVPowerDeliveryParameter(
                new DC_EVPowerDeliveryParameterType(status(w), complete, complete));
    }

    private static DC_EVStatusType status(LegacyWalk w) {
        return new DC_EVStatusType(true, DC_EVErrorCodeType.NO_ERROR, 50);
    }

    /** A value with Multiplier −1 (or more when it does not fit a short), always with Unit (facts sheet 6.1). */
    static PhysicalValueType pv(double v, unitSymbolType unit) {
        int m = LegacyEvSession.multiplier(v, -1);
        return new PhysicalValueType(m, unit, LegacyEvSession.scaled(v, m));
    }

    @Override
    public Object paymentSelection(String option, int... serviceIds) {
        return new BodyElementGroup.PaymentServiceSelectionReq(new PaymentServiceSelectionReqType(paymentOptionType.valueOf(option),
                new SelectedServiceListType(java.util.Arrays.stream(serviceIds).mapToObj(id -> new SelectedServiceType(id, null)).toList())));
    }

    @Override
    public Object chargeParameterDiscovery(boolean acParameter, String transfer, LegacyWalk w) {
        ChargeParameterDiscoveryReqType.EVChargeParameterGroup g = acParameter
                ? new ChargeParameterDiscoveryReqType.EVChargeParameterGroup.AC_EVChargeParameter(new AC_EVChargeParameterType(null,
                pv(LegacyWalk.REQUEST_WH, unitSymbolType.Wh), pv(230, unitSymbolType.V), pv(32, unitSymbolType.A), pv(6, unitSymbolType.A)))
                : new ChargeParameterDiscoveryReqType.EVChargeParameterGroup.DC_EVChargeParameter(new DC_EVChargeParameterType(null, status(w),
                pv(LegacyWalk.I_MAX, unitSymbolType.A), pv(LegacyWalk.P_MAX, unitSymbolType.W), pv(LegacyWalk.V_MAX, unitSymbolType.V),
                pv(LegacyWalk.CAPACITY_WH, unitSymbolType.Wh), pv(LegacyWalk.REQUEST_WH, unitSymbolType.Wh), 100, 80));
        return new BodyElementGroup.ChargeParameterDiscoveryReq(new ChargeParameterDiscoveryReqType(null,
                EnergyTransferModeType.valueOf(transfer), g));
    }

    @Override
    public Object powerDeliveryStart(int tupleId, LegacyWalk w) {
        return new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(chargeProgressType.Start, tupleId, null, delivery(w, false)));
    }

    /** ServiceDetailReq for a ServiceID (-2 only). */
    public Object serviceDetail(int serviceId) {
        return new BodyElementGroup.ServiceDetailReq(new ServiceDetailReqType(serviceId));
    }

    /** SessionStopReq(Pause). */
    public Object sessionStopPause() {
        return new BodyElementGroup.SessionStopReq(new SessionStopReqType(chargingSessionType.Pause));
    }

    @Override
    public int chargeServiceId(Object res) {
        return ((ServiceDiscoveryResType) res).ChargeService().ServiceID();
    }

    @Override
    public List<String> paymentOptions(Object res) {
        return ((ServiceDiscoveryResType) res).PaymentOptionList().PaymentOption().stream().map(Enum::name).toList();
    }

    @Override
    public List<String> energyTransfer(Object res) {
        return ((ServiceDiscoveryResType) res).ChargeService().SupportedEnergyTransferMode().EnergyTransferMode().stream().map(Enum::name).toList();
    }

    @Override
    public String evseId(Object res) {
        return ((SessionSetupResType) res).EVSEID();
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
