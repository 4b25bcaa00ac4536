package org.secc.ev.conformance.cases;

import java.util.ArrayList;
import java.util.List;
import org.secc.ev.conformance.CaseContext;
import org.secc.ev.conformance.Conversation;
import org.secc.ev.conformance.Walk;
import org.secc.ev.conformance.Walk.Stage;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Rational;
import org.secc.ev.session.Service;
import org.secc.exi.iso20.ac.AC_ChargeLoopResType;
import org.secc.exi.iso20.ac.AC_ChargeParameterDiscoveryResType;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.RationalNumberType;
import org.secc.exi.iso20.types.responseCodeType;

/**
 * Charge parameters and schedules, DC (cable check, precharge, power delivery, loop, welding detection),
 * AC, BPT in both directions, pause and resume, SessionStop: whole sessions walked by a valid EV.
 */
final class PowerTransferCases {
    static final int LOOPS = 8;

    private PowerTransferCases() {
    }

    /** A whole session: prefix, {@code LOOPS} charge-loop exchanges (half discharging when {@code discharge}), stop, SessionStop. */
    static Walk session(CaseContext ctx, Service s, ControlMode m, boolean discharge) throws Exception {
        Walk w = ctx.walk(s, m).to(Stage.POWER_DELIVERY_START);
        for (int i = 0; i < LOOPS; i++) {
            w.chargeLoop(discharge && i >= LOOPS / 2);
        }
        w.to(Stage.SESSION_STOP);
        return w;
    }

    static double v(RationalNumberType r) {
        return Rational.value(r);
    }

    static void range(CaseContext ctx, String what, RationalNumberType min, RationalNumberType max) {
        ctx.check(min != null && max != null, what + ": minimum and maximum are mandatory");
        ctx.check(v(min) >= 0 && v(max) >= v(min), what + ": expected 0 <= min <= max, got min " + v(min) + ", max " + v(max));
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> l = new ArrayList<>();
        l.add(ConformanceCase.of("CPD-01", "DC ChargeParameterDiscovery: the element of the selected service and consistent ranges")
                .req("[V2G20-459]")
                .pre("a DC or DC_BPT service")
                .stimulus("a valid sequence to DC_ChargeParameterDiscoveryReq (the BPT element for DC_BPT)")
                .expect("OK; BPT_DC_CPDResEnergyTransferMode for DC_BPT, DC_CPDResEnergyTransferMode for DC; 0 <= min <= max for power, "
                        + "current and voltage (and the discharge ranges)")
                .body(ctx -> {
                    ctx.pick(Service.DC, Service.DC_BPT);
                    for (Service s : new Service[] {Service.DC, Service.DC_BPT}) {
                        if (!ctx.identity().energyServices().isEmpty() && !ctx.identity().offers(s.id)) {
                            continue;
                        }
                        Walk w = ctx.walk(s, ControlMode.DYNAMIC).to(Stage.SERVICE_SELECTION);
                        var r = (DC_ChargeParameterDiscoveryResType) w.chargeParameterDiscovery();
                        if (s.bpt) {
                            ctx.check(r.DC_CPDResEnergyTransferModeGroup() instanceof DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup.BPT_DC_CPDResEnergyTransferMode,
                                    "DC_BPT session answered with " + r.DC_CPDResEnergyTransferModeGroup().getClass().getSimpleName());
                            var b = ((DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup.BPT_DC_CPDResEnergyTransferMode) r.DC_CPDResEnergyTransferModeGroup()).value();
                            range(ctx, "charge power", b.EVSEMinimumChargePower(), b.EVSEMaximumChargePower());
                            range(ctx, "charge current", b.EVSEMinimumChargeCurrent(), b.EVSEMaximumChargeCurrent());
                            range(ctx, "voltage", b.EVSEMinimumVoltage(), b.EVSEMaximumVoltage());
                            ctx.check(b.EVSEMaximumDischargePower() != null && b.EVSEMaximumDischargeCurrent() != null, "discharge maxima");
                            ctx.check(Math.abs(v(b.EVSEMaximumDischargePower())) >= Math.abs(v(b.EVSEMinimumDischargePower())),
                                    "discharge power: |max| " + v(b.EVSEMaximumDischargePower()) + " < |min| " + v(b.EVSEMinimumDischargePower()));
                        } else {
                            ctx.check(r.DC_CPDResEnergyTransferModeGroup() instanceof DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup.DC_CPDResEnergyTransferMode,
                                    "DC session answered with " + r.DC_CPDResEnergyTransferModeGroup().getClass().getSimpleName());
                            var d = ((DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup.DC_CPDResEnergyTransferMode) r.DC_CPDResEnergyTransferModeGroup()).value();
                            range(ctx, "charge power", d.EVSEMinimumChargePower(), d.EVSEMaximumChargePower());
                            range(ctx, "charge current", d.EVSEMinimumChargeCurrent(), d.EVSEMaximumChargeCurrent());
                            range(ctx, "voltage", d.EVSEMinimumVoltage(), d.EVSEMaximumVoltage());
                        }
                        w.conversation().close();
                    }
                }));
        l.add(ConformanceCase.of("CPD-02", "A BPT charge-parameter element in a DC (non-BPT) session: FAILED_WrongChargeParameter")
                .req("[V2G20-459]")
                .pre("the DC service (ID 2)")
                .stimulus("DC selected, then DC_ChargeParameterDiscoveryReq with BPT_DC_CPDReqEnergyTransferMode")
                .expect("DC_ChargeParameterDiscoveryRes FAILED_WrongChargeParameter")
                .body(ctx -> {
                    ctx.pick(Service.DC);
                    Walk w = ctx.walk(Service.DC, ControlMode.DYNAMIC).to(Stage.SERVICE_SELECTION);
                    var r = w.send(w.chargeParameterDiscoveryRequest(true, true), DC_ChargeParameterDiscoveryResType.class);
                    ctx.checkEquals(responseCodeType.FAILED_WrongChargeParameter, r.ResponseCode(), "BPT element in a DC session");
                }));
        l.add(ConformanceCase.of("CPD-03", "AC ChargeParameterDiscovery: the element of the selected service, a nominal frequency, consistent ranges")
                .req("[V2G20-459]")
                .pre("an AC or AC_BPT service")
                .stimulus("a valid sequence to AC_ChargeParameterDiscoveryReq")
                .expect("OK; BPT element for AC_BPT, plain for AC; EVSENominalFrequency 50 or 60 Hz; 0 <= min <= max charge power")
                .body(ctx -> {
                    Service s = ctx.pick(Service.AC, Service.AC_BPT);
                    Walk w = ctx.walk(s, ControlMode.DYNAMIC).to(Stage.SERVICE_SELECTION);
                    var r = (AC_ChargeParameterDiscoveryResType) w.chargeParameterDiscovery();
                    if (r.AC_CPDResEnergyTransferModeGroup() instanceof AC_ChargeParameterDiscoveryResType.AC_CPDResEnergyTransferModeGroup.AC_CPDResEnergyTransferMode a) {
                        ctx.check(!s.bpt, "AC_BPT session answered with the non-BPT element");
                        double f = v(a.value().EVSENominalFrequency());
                        ctx.check(f == 50 || f == 60, "EVSENominalFrequency " + f + " Hz");
                        range(ctx, "charge power", a.value().EVSEMinimumChargePower(), a.value().EVSEMaximumChargePower());
                    } else {
                        var b = ((AC_ChargeParameterDiscoveryResType.AC_CPDResEnergyTransferModeGroup.BPT_AC_CPDResEnergyTransferMode) r.AC_CPDResEnergyTransferModeGroup()).value();
                        ctx.check(s.bpt, "AC session answered with the BPT element");
                        double f = v(b.EVSENominalFrequency());
                        ctx.check(f == 50 || f == 60, "EVSENominalFrequency " + f + " Hz");
                        range(ctx, "charge power", b.EVSEMinimumChargePower(), b.EVSEMaximumChargePower());
                    }
                }));
        l.add(ConformanceCase.of("SCH-01", "Scheduled ScheduleExchange: 1-3 tuples within MaximumSupportingPoints")
                .req("[V2G20-459]")
                .pre("a service with a Scheduled parameter set")
                .stimulus("ScheduleExchangeReq with Scheduled_SEReqControlMode and MaximumSupportingPoints 24 (repeated while Ongoing)")
                .expect("OK, Finished within 60 s, Scheduled_SEResControlMode with 1-3 ScheduleTuples, IDs >= 1 and distinct, "
                        + "each PowerSchedule 1-24 entries with Duration > 0")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.SCHEDULED).to(Stage.CHARGE_PARAMETER_DISCOVERY);
                    var r = w.scheduleExchange();
                    var s = (ScheduleExchangeResType.SEResControlMode.Scheduled_SEResControlMode) r.SEResControlMode();
                    List<ScheduleTupleType> tuples = s.value().ScheduleTuple();
                    ctx.check(tuples.size() >= 1 && tuples.size() <= 3, tuples.size() + " ScheduleTuples");
                    ctx.check(tuples.stream().map(ScheduleTupleType::ScheduleTupleID).distinct().count() == tuples.size(), "duplicate ScheduleTupleIDs");
                    for (ScheduleTupleType t : tuples) {
                        ctx.check(t.ScheduleTupleID() >= 1, "ScheduleTupleID " + t.ScheduleTupleID());
                        var e = t.ChargingSchedule().PowerSchedule().PowerScheduleEntries().PowerScheduleEntry();
                        ctx.check(!e.isEmpty() && e.size() <= 24, "ChargingSchedule of tuple " + t.ScheduleTupleID() + " has " + e.size()
                                + " entries, MaximumSupportingPoints 24");
                        ctx.check(e.stream().allMatch(x -> x.Duration() > 0), "an entry with Duration 0");
                    }
                }));
        l.add(ConformanceCase.of("SCH-02", "Dynamic ScheduleExchange: Dynamic_SEResControlMode")
                .req("[V2G20-459]")
                .pre("a service with a Dynamic parameter set")
                .stimulus("ScheduleExchangeReq with Dynamic_SEReqControlMode (repeated while Ongoing)")
                .expect("OK, Finished within 60 s, Dynamic_SEResControlMode")
                .body(ctx -> ctx.walkDc(ControlMode.DYNAMIC).to(Stage.SCHEDULE_EXCHANGE)));
        l.add(ConformanceCase.of("SCH-03", "PowerDelivery with a ScheduleTupleID that was not offered: FAILED_ScheduleSelectionInvalid")
                .req("[V2G20-479]")
                .pre("a DC service with a Scheduled parameter set")
                .stimulus("Scheduled DC session to precharge, then PowerDeliveryReq(Start) with SelectedScheduleTupleID 4000000000")
                .expect("PowerDeliveryRes FAILED_ScheduleSelectionInvalid")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.SCHEDULED).to(Stage.PRE_CHARGE);
                    var ok = w.powerDeliveryRequest(chargeProgressType.Start);
                    var bad = new PowerDeliveryReqType(ok.Header(), ok.EVProcessing(), ok.ChargeProgress(), new EVPowerProfileType(
                            ok.EVPowerProfile().TimeAnchor(), new EVPowerProfileType.EVPPTControlMode.Scheduled_EVPPTControlMode(
                            new Scheduled_EVPPTControlModeType(4_000_000_000L, null)), ok.EVPowerProfile().EVPowerProfileEntries()), null);
                    var r = w.send(bad, PowerDeliveryResType.class);
                    ctx.checkEquals(responseCodeType.FAILED_ScheduleSelectionInvalid, r.ResponseCode(), "PowerDeliveryRes to tuple 4000000000");
                }));
        l.add(ConformanceCase.of("DC-01", "DC cable check: Ongoing until Finished within the EV's cable-check time")
                .req("[V2G20-1611]", "[V2G20-2003]", "[V2G20-2004]")
                .pre("a DC service")
                .stimulus("DC_CableCheckReq after ScheduleExchange, repeated every 100 ms while Ongoing")
                .expect("every DC_CableCheckRes OK; Finished within V2G_EVCC_CableCheck_Timeout (40 s)")
                .timing("each response within 2 s; Finished within 40 s")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.SCHEDULE_EXCHANGE);
                    long t = ctx.nowMs();
                    w.cableCheck();
                    ctx.check(ctx.nowMs() - t <= 40_000, "cable check took " + (ctx.nowMs() - t) + " ms, limit 40 s");
                }));
        l.add(ConformanceCase.of("DC-02", "DC precharge: the charger's voltage reaches the EV's target")
                .req("[V2G20-2004]", "[V2G20-2005]", "[V2G20-2006]")
                .pre("a DC service")
                .stimulus("DC_PreChargeReq (Ongoing, EVTargetVoltage = --ev-voltage-v) every 50 ms, then one Finished")
                .expect("every DC_PreChargeRes OK; EVSEPresentVoltage within 20 V of the target within V2G_EVCC_PreCharge_Timeout (10 s)")
                .timing("each response within 2 s; target reached within 10 s")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.CABLE_CHECK);
                    var r = w.preCharge();
                    double target = ctx.settings().evVoltageV();
                    ctx.check(Math.abs(v(r.EVSEPresentVoltage()) - target) <= org.secc.ev.conformance.Settings.PRECHARGE_TOLERANCE_V,
                            "EVSEPresentVoltage " + v(r.EVSEPresentVoltage()) + " V at Finished, target " + target + " V");
                }));
        for (ControlMode m : new ControlMode[] {ControlMode.DYNAMIC, ControlMode.SCHEDULED}) {
            String id = m == ControlMode.DYNAMIC ? "DC-03" : "DC-04";
            l.add(ConformanceCase.of(id, "A whole DC session, " + m.name().toLowerCase() + " mode: power delivery, charge loop, welding detection, stop")
                    .req("[V2G20-2009]", "[V2G20-2012]", "[V2G20-2013]", "[V2G20-2020]", "[V2G20-1630]", "[V2G20-1631]")
                    .pre("the DC service (else DC_BPT)")
                    .stimulus("SAP ... PreCharge, PowerDeliveryReq(Start), " + LOOPS + " DC_ChargeLoopReq, PowerDeliveryReq(Stop), "
                            + "DC_WeldingDetectionReq, SessionStopReq(Terminate)")
                    .expect("every response OK; the loop answers with the " + m.name().toLowerCase() + " control-mode element of the service; "
                            + "EVSEPresentVoltage within 50 V of the pack in the loop")
                    .timing("each response within 2 s, charge loop within 0.5 s")
                    .body(ctx -> {
                        Walk w = ctx.walkDc(m).to(Stage.POWER_DELIVERY_START);
                        for (int i = 0; i < LOOPS; i++) {
                            var r = (DC_ChargeLoopResType) w.chargeLoop();
                            double pack = ctx.settings().evVoltageV();
                            ctx.check(Math.abs(v(r.EVSEPresentVoltage()) - pack) <= 50, "EVSEPresentVoltage " + v(r.EVSEPresentVoltage())
                                    + " V in the loop, pack at " + pack + " V");
                        }
                        w.to(Stage.SESSION_STOP);
                    }));
        }
        for (ControlMode m : new ControlMode[] {ControlMode.DYNAMIC, ControlMode.SCHEDULED}) {
            String id = m == ControlMode.DYNAMIC ? "AC-01" : "AC-02";
            l.add(ConformanceCase.of(id, "A whole AC session, " + m.name().toLowerCase() + " mode")
                    .req("[V2G20-2009]", "[V2G20-2012]", "[V2G20-2013]", "[V2G20-1623]")
                    .pre("the AC service (else AC_BPT)")
                    .stimulus("SAP ... ScheduleExchange, PowerDeliveryReq(Start), " + LOOPS + " AC_ChargeLoopReq, PowerDeliveryReq(Stop), "
                            + "SessionStopReq(Terminate)")
                    .expect("every response OK; the loop answers with the " + m.name().toLowerCase() + " control-mode element"
                            + (m == ControlMode.DYNAMIC ? " carrying EVSETargetActivePower" : ""))
                    .timing("each response within 2 s, charge loop within 0.5 s")
                    .body(ctx -> {
                        Walk w = ctx.walkAc(m).to(Stage.POWER_DELIVERY_START);
                        for (int i = 0; i < LOOPS; i++) {
                            var r = (AC_ChargeLoopResType) w.chargeLoop();
                            if (r.CLResControlModeGroup() instanceof AC_ChargeLoopResType.CLResControlModeGroup.Dynamic_AC_CLResControlMode d) {
                                ctx.check(d.value().EVSETargetActivePower() != null, "Dynamic AC loop without EVSETargetActivePower");
                            }
                        }
                        w.to(Stage.SESSION_STOP);
                    }));
        }
        l.add(ConformanceCase.of("BPT-01", "DC_BPT dynamic: charge, then ask to discharge; BPT loop elements with discharge limits")
                .req("[V2G20-2012]", "[V2G20-2013]")
                .pre("the DC_BPT service (ID 6) with a Dynamic parameter set")
                .stimulus("DC_BPT dynamic session; " + LOOPS / 2 + " loops charging, " + LOOPS / 2
                        + " with a negative EVTargetEnergyRequest; stop")
                .expect("every response OK, BPT_Dynamic_DC_CLResControlMode with EVSEMaximumDischargePower and -Current in every loop")
                .timing("each response within 2 s, charge loop within 0.5 s")
                .body(ctx -> {
                    ctx.pick(Service.DC_BPT);
                    Walk w = ctx.walk(Service.DC_BPT, ControlMode.DYNAMIC).to(Stage.POWER_DELIVERY_START);
                    for (int i = 0; i < LOOPS; i++) {
                        var r = (DC_ChargeLoopResType) w.chargeLoop(i >= LOOPS / 2);
                        var b = ((DC_ChargeLoopResType.CLResControlModeGroup.BPT_Dynamic_DC_CLResControlMode) r.CLResControlModeGroup()).value();
                        ctx.check(b.EVSEMaximumDischargePower() != null && b.EVSEMaximumDischargeCurrent() != null, "discharge limits in the loop");
                    }
                    w.to(Stage.SESSION_STOP);
                }));
        l.add(ConformanceCase.of("BPT-02", "DC_BPT scheduled: a negative EVTargetCurrent discharges when the charger allows discharge")
                .req("[V2G20-2012]", "[V2G20-2013]")
                .pre("the DC_BPT service with a Scheduled parameter set")
                .stimulus("DC_BPT scheduled session; " + LOOPS / 2 + " loops with EVTargetCurrent +100 A, then up to 40 loops (100 ms apart) "
                        + "with -50 A; stop")
                .expect("BPT_Scheduled_DC_CLResControlMode in every loop; when the charger states EVSEMaximumDischargeCurrent > 0, "
                        + "EVSEPresentCurrent turns negative within those loops")
                .timing("each response within 2 s, charge loop within 0.5 s")
                .body(ctx -> {
                    ctx.pick(Service.DC_BPT);
                    Walk w = ctx.walk(Service.DC_BPT, ControlMode.SCHEDULED).to(Stage.POWER_DELIVERY_START);
                    for (int i = 0; i < LOOPS / 2; i++) {
                        w.chargeLoop(false);
                    }
                    double allowed = 0;
                    double present = 1;
                    for (int i = 0; i < 40 && present >= 0; i++) {
                        var r = (DC_ChargeLoopResType) w.chargeLoop(true);
                        var b = ((DC_ChargeLoopResType.CLResControlModeGroup.BPT_Scheduled_DC_CLResControlMode) r.CLResControlModeGroup()).value();
                        allowed = b.EVSEMaximumDischargeCurrent() == null ? allowed : Math.abs(v(b.EVSEMaximumDischargeCurrent()));
                        present = v(r.EVSEPresentCurrent());
                        Thread.sleep(100);
                    }
                    if (allowed > 0) {
                        ctx.check(present < 0, "the charger allows " + allowed + " A of discharge but EVSEPresentCurrent stayed " + present + " A");
                    } else {
                        ctx.note("the charger allowed no discharge (EVSEMaximumDischargeCurrent 0): direction not checked");
                    }
                    w.to(Stage.SESSION_STOP);
                }));
        for (ControlMode m : new ControlMode[] {ControlMode.DYNAMIC, ControlMode.SCHEDULED}) {
            String id = m == ControlMode.DYNAMIC ? "BPT-03" : "BPT-04";
            l.add(ConformanceCase.of(id, "AC_BPT " + m.name().toLowerCase() + ": charge and discharge loops with the BPT elements")
                    .req("[V2G20-2012]", "[V2G20-2013]")
                    .pre("the AC_BPT service (ID 5) with a " + m.name().toLowerCase() + " parameter set")
                    .stimulus("AC_BPT session; " + LOOPS / 2 + " loops charging, " + LOOPS / 2 + " with negative EVPresentActivePower / energy request; stop")
                    .expect("every response OK, BPT_" + (m == ControlMode.DYNAMIC ? "Dynamic" : "Scheduled") + "_AC_CLResControlMode in every loop")
                    .timing("each response within 2 s, charge loop within 0.5 s")
                    .body(ctx -> {
                        ctx.pick(Service.AC_BPT);
                        session(ctx, Service.AC_BPT, m, true);
                    }));
        }
        l.add(ConformanceCase.of("PAU-01", "Pause from the charge loop and resume with the old SessionID")
                .req("[V2G20-2623]", "[V2G20-1032]", "[V2G20-1844]", "[V2G20-1847]")
                .pre("a DC service with a Scheduled parameter set")
                .stimulus("Scheduled DC session to the loop; PowerDeliveryReq(Stop), welding detection, SessionStopReq(Pause); "
                        + "close; new connection: SAP, SessionSetupReq with the old SessionID, ChargeParameterDiscovery, ScheduleExchange, "
                        + "CableCheck, PreCharge, PowerDelivery(Start), loop, stop")
                .expect("SessionStopRes OK; OK_OldSessionJoined with the same SessionID; the resumed session goes straight to "
                        + "ChargeParameterDiscovery and runs to SessionStop")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.SCHEDULED).to(Stage.CHARGE_LOOP);
                    w.to(Stage.WELDING_DETECTION);
                    w.sessionStop(chargingSessionType.Pause);
                    w.conversation().close();
                    Walk r = w.resumeOn(ctx.connect());
                    r.sap();
                    r.sessionSetup();
                    r.chargeParameterDiscovery();
                    r.scheduleExchange();
                    r.cableCheck();
                    r.preCharge();
                    r.powerDelivery(chargeProgressType.Start);
                    r.chargeLoop();
                    r.to(Stage.SESSION_STOP);
                }));
        l.add(ConformanceCase.of("PAU-02", "After a Terminate the old SessionID is not resumed")
                .req("[V2G20-2628]")
                .stimulus("a session ended by SessionStopReq(Terminate) after authorization; new connection, SessionSetupReq with its SessionID")
                .expect("OK_NewSessionEstablished with a new SessionID")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.AUTHORIZATION);
                    byte[] old = w.sessionId();
                    w.sessionStop(chargingSessionType.Terminate);
                    w.conversation().close();
                    Walk n = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.SAP);
                    var r = n.send(new SessionSetupReqType(Walk.header(old), "WMIV1234567890ABCDEX"), SessionSetupResType.class);
                    ctx.checkEquals(responseCodeType.OK_NewSessionEstablished, r.ResponseCode(), "SessionSetupRes with a terminated SessionID");
                    ctx.check(!java.util.Arrays.equals(old, r.Header().SessionID()), "the terminated SessionID was issued again");
                }));
        l.add(ConformanceCase.of("STP-01", "SessionStop right after SessionSetup: OK, and the connection is held at least 5 s")
                .req("[V2G20-2645]", "[V2G20-1633]")
                .stimulus("SAP, SessionSetupReq, SessionStopReq(Terminate); then the suite waits without closing")
                .expect("SessionStopRes OK; the charger keeps TCP/TLS open for at least 5 s and closes it afterwards")
                .timing("close not before 5 s and within 5 s + the close slack after SessionStopRes (plus any longer hold the charger documents)")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.SESSION_SETUP);
                    long t = ctx.nowMs();
                    var r = w.send(w.sessionStopRequest(chargingSessionType.Terminate), SessionStopResType.class);
                    ctx.checkEquals(responseCodeType.OK, r.ResponseCode(), "SessionStopRes ResponseCode");
                    long closed = w.conversation().awaitClose(t, 5000 + ctx.settings().sequenceTimeoutMs());
                    ctx.check(closed < 0 || closed >= 5000 - 50, "the charger closed " + closed + " ms after SessionStopRes, earlier than 5 s");
                    ctx.check(closed >= 0, "the charger kept the connection open longer than 5 s + V2G_SECC_Sequence_Timeout after SessionStopRes");
                }));
        l.add(ConformanceCase.of("STP-02", "SessionStop(ServiceRenegotiation) without advertised support: FAILED_NoServiceRenegotiationSupported")
                .req("[V2G20-1955]")
                .pre("ServiceDiscoveryRes says ServiceRenegotiationSupported = false")
                .stimulus("valid sequence to ServiceDiscovery, then SessionStopReq(ServiceRenegotiation)")
                .expect("SessionStopRes FAILED_NoServiceRenegotiationSupported")
                .body(ctx -> {
                    if (ctx.identity().serviceRenegotiation()) {
                        throw new org.secc.ev.conformance.NotApplicable("the charger supports service renegotiation");
                    }
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.SERVICE_DISCOVERY);
                    var r = w.send(w.sessionStopRequest(chargingSessionType.ServiceRenegotiation), SessionStopResType.class);
                    ctx.checkEquals(responseCodeType.FAILED_NoServiceRenegotiationSupported, r.ResponseCode(), "SessionStopRes(ServiceRenegotiation)");
                }));
        return l;
    }

}
