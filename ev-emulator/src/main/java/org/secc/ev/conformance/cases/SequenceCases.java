package org.secc.ev.conformance.cases;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.secc.ev.conformance.CaseContext;
import org.secc.ev.conformance.Walk;
import org.secc.ev.conformance.Walk.Request;
import org.secc.ev.conformance.Walk.Stage;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Service;
import org.secc.exi.iso20.dc.DC_PreChargeResType;
import org.secc.exi.iso20.common.PowerDeliveryResType;
import org.secc.exi.iso20.types.V2GResponseType;
import org.secc.exi.iso20.types.processingType;
import org.secc.exi.iso20.types.responseCodeType;

/**
 * The sequence error matrix: in every state of a DC and an AC session, every request the state table
 * (facts sheet 4.3) does not allow, each on its own fresh session, must be answered FAILED_SequenceError
 * in the response type of the request ([V2G20-459]).
 */
final class SequenceCases {
    private SequenceCases() {
    }

    /** Requests allowed after the charger sent the response of {@code stage} in a DC ({@code dc}) or AC session. */
    static Set<Request> allowed(Stage stage, boolean dc) {
        Set<Request> a = EnumSet.noneOf(Request.class);
        Request cpd = dc ? Request.DC_CHARGE_PARAMETER_DISCOVERY : Request.AC_CHARGE_PARAMETER_DISCOVERY;
        Request loop = dc ? Request.DC_CHARGE_LOOP : Request.AC_CHARGE_LOOP;
        switch (stage) {
            case SAP -> a.add(Request.SESSION_SETUP);
            case SESSION_SETUP -> a.add(Request.AUTHORIZATION_SETUP);
            case AUTHORIZATION_SETUP -> a.add(Request.AUTHORIZATION);
            case AUTHORIZATION -> a.add(Request.SERVICE_DISCOVERY);
            // ServiceSelection straight after ServiceDiscovery (a parameter set known from an earlier session) is
            // accepted by libiso's ServiceDetail state and by this project's charger; the state table lists only
            // ServiceDetailReq. Not judged.
            case SERVICE_DISCOVERY -> a.addAll(List.of(Request.SERVICE_DETAIL, Request.SERVICE_SELECTION));
            case SERVICE_DETAIL -> a.addAll(List.of(Request.SERVICE_DETAIL, Request.SERVICE_SELECTION));
            case SERVICE_SELECTION -> a.add(cpd);
            case CHARGE_PARAMETER_DISCOVERY -> a.add(Request.SCHEDULE_EXCHANGE);
            case SCHEDULE_EXCHANGE -> a.add(dc ? Request.DC_CABLE_CHECK : Request.POWER_DELIVERY);
            case CABLE_CHECK -> a.add(Request.DC_PRE_CHARGE);
            case PRE_CHARGE -> a.add(Request.POWER_DELIVERY);
            // an EV may repeat PowerDelivery(Start) before the loop (facts sheet 10): tolerated, not checked
            case POWER_DELIVERY_START -> a.addAll(List.of(loop, Request.POWER_DELIVERY));
            case CHARGE_LOOP -> a.addAll(List.of(loop, Request.POWER_DELIVERY));
            // DC: [V2G20-2020] names DC_WeldingDetectionReq after PowerDeliveryRes(Stop); an EV that skips welding
            // detection and stops at once is tolerated by chargers (welding detection is the EV's check), so a
            // SessionStopReq there is not judged.
            case POWER_DELIVERY_STOP -> a.addAll(dc ? List.of(Request.DC_WELDING_DETECTION, Request.SESSION_STOP) : List.of(Request.SESSION_STOP));
            case WELDING_DETECTION -> a.addAll(List.of(Request.DC_WELDING_DETECTION, Request.SESSION_STOP));
            default -> {
            }
        }
        // SessionStop is acceptable between SessionSetupRes and the first PowerDelivery(Start) ([V2G20-2645])
        if (stage.ordinal() >= Stage.SESSION_SETUP.ordinal() && stage.ordinal() < Stage.POWER_DELIVERY_START.ordinal()) {
            a.add(Request.SESSION_STOP);
        }
        return a;
    }

    static List<Request> disallowed(Stage stage, boolean dc) {
        Set<Request> a = allowed(stage, dc);
        List<Request> l = new ArrayList<>();
        for (Request r : Request.values()) {
            if (!a.contains(r)) {
                l.add(r);
            }
        }
        return l;
    }

    static final List<Stage> STAGES = List.of(Stage.SESSION_SETUP, Stage.AUTHORIZATION_SETUP, Stage.AUTHORIZATION, Stage.SERVICE_DISCOVERY,
            Stage.SERVICE_DETAIL, Stage.SERVICE_SELECTION, Stage.CHARGE_PARAMETER_DISCOVERY, Stage.SCHEDULE_EXCHANGE, Stage.CABLE_CHECK,
            Stage.PRE_CHARGE, Stage.POWER_DELIVERY_START, Stage.CHARGE_LOOP, Stage.POWER_DELIVERY_STOP, Stage.WELDING_DETECTION);

    static String stageName(Stage s) {
        return switch (s) {
            case SESSION_SETUP -> "SessionSetupRes";
            case AUTHORIZATION_SETUP -> "AuthorizationSetupRes";
            case AUTHORIZATION -> "AuthorizationRes (Finished)";
            case SERVICE_DISCOVERY -> "ServiceDiscoveryRes";
            case SERVICE_DETAIL -> "ServiceDetailRes";
            case SERVICE_SELECTION -> "ServiceSelectionRes";
            case CHARGE_PARAMETER_DISCOVERY -> "ChargeParameterDiscoveryRes";
            case SCHEDULE_EXCHANGE -> "ScheduleExchangeRes (Finished)";
            case CABLE_CHECK -> "DC_CableCheckRes (Finished)";
            case PRE_CHARGE -> "DC_PreChargeRes (to EVProcessing Finished)";
            case POWER_DELIVERY_START -> "PowerDeliveryRes (Start)";
            case CHARGE_LOOP -> "ChargeLoopRes";
            case POWER_DELIVERY_STOP -> "PowerDeliveryRes (Stop)";
            case WELDING_DETECTION -> "DC_WeldingDetectionRes";
            default -> s.name();
        };
    }

    static String names(List<Request> rs) {
        return String.join(", ", rs.stream().map(Enum::name).toList());
    }

    /**
     * Walks a fresh session to {@code stage} and sends {@code bad}; expects FAILED_SequenceError in the matching type.
     * The other energy type's ChargeParameterDiscoveryReq right after ServiceSelection is in sequence but for the wrong
     * service: FAILED_WrongChargeParameter is as right there.
     */
    static void probe(CaseContext ctx, Service s, Stage stage, Request bad) throws Exception {
        Walk w = ctx.walk(s, ControlMode.DYNAMIC).to(stage);
        V2GResponseType r = w.send(w.build(bad), bad.response);
        boolean wrongEnergyCpd = stage == Stage.SERVICE_SELECTION
                && (bad == Request.DC_CHARGE_PARAMETER_DISCOVERY || bad == Request.AC_CHARGE_PARAMETER_DISCOVERY);
        if (wrongEnergyCpd && r.ResponseCode() == responseCodeType.FAILED_WrongChargeParameter) {
            ctx.note(bad + " after " + stageName(stage) + ": FAILED_WrongChargeParameter, accepted");
        } else {
            ctx.checkEquals(responseCodeType.FAILED_SequenceError, r.ResponseCode(), bad + " after " + stageName(stage));
        }
        w.conversation().close();
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> l = new ArrayList<>();
        int n = 1;
        for (boolean dc : new boolean[] {true, false}) {
            for (Stage st : STAGES) {
                if (!dc && st.dcOnly()) {
                    continue;
                }
                List<Request> bad = disallowed(st, dc);
                String id = String.format("SEQ-%s%02d", dc ? "DC" : "AC", n++);
                l.add(ConformanceCase.of(id, (dc ? "DC" : "AC") + ": every disallowed request after " + stageName(st))
                        .req("[V2G20-459]")
                        .pre(dc ? "a DC service (DC, else DC_BPT), Dynamic" : "an AC service (AC, else AC_BPT), Dynamic")
                        .stimulus("for each of " + bad.size() + " requests, a fresh session walked to " + stageName(st) + ", then the request: "
                                + names(bad))
                        .expect("FAILED_SequenceError in the response type of each request" + (st == Stage.SERVICE_SELECTION
                                ? " (FAILED_WrongChargeParameter also accepted for the other energy type's ChargeParameterDiscoveryReq)" : ""))
                        .body(ctx -> {
                            Service s = dc ? ctx.pick(Service.DC, Service.DC_BPT) : ctx.pick(Service.AC, Service.AC_BPT);
                            for (Request r : bad) {
                                probe(ctx, s, st, r);
                            }
                        }));
            }
            n = 1;
        }
        l.add(ConformanceCase.of("SEQ-PRE", "PowerDelivery while precharge is Ongoing is out of sequence")
                .req("[V2G20-2005]", "[V2G20-2006]")
                .pre("a DC service")
                .stimulus("after cable check, DC_PreChargeReq with EVProcessing Ongoing, then PowerDeliveryReq(Start)")
                .expect("PowerDeliveryRes FAILED_SequenceError")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.CABLE_CHECK);
                    w.send(w.preChargeRequest(processingType.Ongoing), DC_PreChargeResType.class);
                    var r = w.send(w.build(Request.POWER_DELIVERY), PowerDeliveryResType.class);
                    ctx.checkEquals(responseCodeType.FAILED_SequenceError, r.ResponseCode(), "PowerDeliveryReq after an Ongoing precharge");
                }));
        return l;
    }
}
