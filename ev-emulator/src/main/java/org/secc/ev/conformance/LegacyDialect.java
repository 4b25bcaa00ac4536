package org.secc.ev.conformance;

import org.secc.exi.SchemaKind;

/**
 * DIN SPEC 70121 or ISO 15118-2 (DC) as the suite speaks it: one grammar after SupportedAppProtocol, every
 * message a {@code V2G_Message} (Header with the SessionID, Body with one element). A dialect builds each
 * request of the DC sequence and names the response type and the EV's time limit of each; {@link LegacyWalk}
 * does the rest and reads the responses by their element names, which the two schemas share.
 */
public interface LegacyDialect {
    /**
     * The requests of a DC or (-2) AC session in sequence order; POWER_DELIVERY_START/STOP are one message with
     * Start or Stop. A DC walk skips CHARGING_STATUS, an AC walk the cable check, precharge, CurrentDemand and
     * welding detection.
     */
    enum Req {
        SESSION_SETUP, SERVICE_DISCOVERY, PAYMENT_SELECTION, AUTHORIZATION, CHARGE_PARAMETER_DISCOVERY, CABLE_CHECK, PRE_CHARGE,
        POWER_DELIVERY_START, CURRENT_DEMAND, CHARGING_STATUS, POWER_DELIVERY_STOP, WELDING_DETECTION, SESSION_STOP;

        public boolean dcOnly() {
            return this == CABLE_CHECK || this == PRE_CHARGE || this == CURRENT_DEMAND || this == WELDING_DETECTION;
        }
    }

    /** {@code din} or {@code iso2}, as on the command line. */
    String protocol();

    /** Human name: "DIN SPEC 70121" or "ISO 15118-2". */
    String title();

    SchemaKind kind();

    /** The SupportedAppProtocol namespace (major version 2, minor 0 for both). */
    default String namespace() {
        return kind().namespace();
    }

    /**
     * The request's element name (DIN's ServicePaymentSelectionReq is -2's PaymentServiceSelectionReq, and so on):
     * in both schemas the response's type name with Req for ResType (SessionSetupResType answers SessionSetupReq).
     */
    default String requestName(Req r) {
        String res = responseType(r).getSimpleName();
        return res.substring(0, res.length() - "ResType".length()) + "Req";
    }

    /** The response body type the request must be answered with (e.g. org.secc.exi.din.body.SessionSetupResType). */
    Class<?> responseType(Req r);

    /** V2G_EVCC_Msg_Timeout of the request (facts sheet 5): 2 s, 0.25 s CurrentDemand; -2 also 5 s PowerDelivery. */
    long limitMs(Req r);

    /** The body element of the request, as the walk's EV would send it. */
    Object request(Req r, LegacyWalk w);

    /** A whole {@code V2G_Message} with the SessionID and the request's body, as the walk's EV would send it. */
    default Object message(byte[] sessionId, Req r, LegacyWalk w) {
        return message(sessionId, request(r, w));
    }

    /** The same with a body that deviates from the walk's EV (the cases' wrong parameters). */
    Object message(byte[] sessionId, Object bodyElement);

    /** The requirement IDs of the protocol by topic of the case catalogue. */
    java.util.Map<String, String> requirementIds();

    /** The requirement ID of a topic of the case catalogue (e.g. {@code sequence} -> [V2G-DC-390]). */
    default String reqId(String topic) {
        String s = requirementIds().get(topic);
        if (s == null) {
            throw new IllegalArgumentException("no " + title() + " requirement for " + topic);
        }
        return s;
    }

    /** The ServiceID of the charge service in a ServiceDiscoveryRes. */
    int chargeServiceId(Object serviceDiscoveryRes);

    /** The payment options a ServiceDiscoveryRes offers, by name. */
    java.util.List<String> paymentOptions(Object serviceDiscoveryRes);

    /** The energy transfer types/modes a ServiceDiscoveryRes offers, by name. */
    java.util.List<String> energyTransfer(Object serviceDiscoveryRes);

    /** The EVSEID of a SessionSetupRes in readable form (DIN: hex of the bytes; -2: the string). */
    String evseId(Object sessionSetupRes);

    /** The first SAScheduleTupleID of a ChargeParameterDiscoveryRes, or -1 when it has none. */
    int firstTupleId(Object chargeParameterDiscoveryRes);

    /** ServicePaymentSelectionReq / PaymentServiceSelectionReq with the given option and ServiceIDs. */
    Object paymentSelection(String option, int... serviceIds);

    /** ChargeParameterDiscoveryReq for the energy transfer type/mode {@code transfer} (e.g. DC_extended) with AC or DC parameters. */
    Object chargeParameterDiscovery(boolean acParameter, String transfer, LegacyWalk w);

    /** PowerDeliveryReq(Start) with a given SAScheduleTupleID (-2; DIN in its ChargingProfile). */
    Object powerDeliveryStart(int tupleId, LegacyWalk w);
}
