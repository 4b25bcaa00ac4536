package org.secc.ev.conformance.cases;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.secc.ev.conformance.CaseContext;
import org.secc.ev.conformance.Conversation;
import org.secc.ev.conformance.Iso2Dialect;
import org.secc.ev.conformance.LegacyDialect;
import org.secc.ev.conformance.LegacyDialect.Req;
import org.secc.ev.conformance.LegacyWalk;
import org.secc.ev.conformance.Settings;
import org.secc.ev.conformance.Walk;
import org.secc.ev.conformance.Wire;
import org.secc.exi.apphand.AppProtocolType;
import org.secc.exi.apphand.supportedAppProtocolReq;
import org.secc.exi.apphand.supportedAppProtocolRes;

/**
 * The DC cases of DIN SPEC 70121 and ISO 15118-2, one catalogue for both: the same sequence (facts sheet
 * 3.1 and 4.2) with each dialect's message names, response codes, time limits and requirement IDs.
 */
final class LegacyCases {
    private LegacyCases() {
    }

    static final String TIMING = "every response within V2G_EVCC_Msg_Timeout (2 s; 0.25 s CurrentDemand%s)";

    static List<ConformanceCase> all(LegacyDialect d) {
        boolean iso2 = d instanceof Iso2Dialect;
        String timing = String.format(TIMING, iso2 ? "; 5 s PowerDelivery" : "");
        String t = d.title();
        List<ConformanceCase> l = new ArrayList<>();
        // ------------------------------------------------------------ SAP
        l.add(of(d, "SAP-01", t + " 2.0 offered alone is selected", timing).req(ids(d, "sap"))
                .stimulus("supportedAppProtocolReq: " + d.namespace() + " 2.0, SchemaID 1, Priority 1")
                .expect("OK_SuccessfulNegotiation, SchemaID 1")
                .body(ctx -> ctx.walk(d).sap()));
        l.add(of(d, "SAP-02", t + " at priority 1 wins over -20 DC at priority 2", timing).req(ids(d, "sap"))
                .stimulus("-20 DC 1.0 (SchemaID 1, Priority 2), " + d.namespace() + " 2.0 (SchemaID 2, Priority 1)")
                .expect("OK_SuccessfulNegotiation, SchemaID 2")
                .body(ctx -> {
                    try (Conversation c = ctx.connect()) {
                        var r = c.exchange(new supportedAppProtocolReq(List.of(new AppProtocolType(Walk.NS_DC, 1, 0, 1, 2),
                                new AppProtocolType(d.namespace(), 2, 0, 2, 1))), supportedAppProtocolRes.class, Settings.MSG_LIMIT_MS);
                        ctx.check(r.ResponseCode().name().startsWith("OK"), "SupportedAppProtocolRes: expected OK_SuccessfulNegotiation, got "
                                + r.ResponseCode());
                        ctx.checkEquals(2, r.SchemaID(), "SupportedAppProtocolRes SchemaID (the priority-1 " + t + " entry)");
                    }
                }));
        l.add(of(d, "SAP-03", t + " with major version 3 alone: Failed_NoNegotiation, connection closed", "response within 2 s; close within "
                + "V2G_SECC_Sequence_Timeout").req(ids(d, "sap"))
                .stimulus("supportedAppProtocolReq: " + d.namespace() + " 3.0, SchemaID 1")
                .expect("Failed_NoNegotiation without SchemaID, then the charger closes the connection")
                .body(ctx -> {
                    try (Conversation c = ctx.connect()) {
                        long sent = ctx.nowMs();
                        var r = c.exchange(new supportedAppProtocolReq(List.of(new AppProtocolType(d.namespace(), 3, 0, 1, 1))),
                                supportedAppProtocolRes.class, Settings.MSG_LIMIT_MS);
                        ctx.checkEquals("Failed_NoNegotiation", r.ResponseCode().name(), "SupportedAppProtocolRes to major version 3");
                        ctx.checkEquals(null, r.SchemaID(), "SchemaID of a failed negotiation");
                        long max = ctx.settings().sequenceTimeoutMs() + ctx.settings().closeSlackMs();
                        ctx.check(c.awaitClose(sent, max) >= 0, "the charger kept the connection open " + max + " ms after Failed_NoNegotiation");
                    }
                }));
        // ------------------------------------------------------------ session setup
        l.add(of(d, "SES-01", "SessionSetup: a new session with a fresh SessionID and an EVSEID", timing).req(ids(d, "sessionsetup"))
                .stimulus("SAP, SessionSetupReq with SessionID 00 (8 bytes) and a 6-byte EVCCID")
                .expect("OK_NewSessionEstablished, a SessionID of 1-8 bytes that is not all zeros, an EVSEID ("
                        + (iso2 ? "7-37 characters" : "1-32 bytes") + ")")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d);
                    w.sap();
                    Object r = w.sessionSetup();
                    String evse = d.evseId(r);
                    ctx.note("EVSEID " + evse);
                    if (iso2) {
                        ctx.check(evse.length() >= 7 && evse.length() <= 37, "EVSEID of 7-37 characters: got \"" + evse + "\"");
                    } else {
                        ctx.check(evse.length() >= 2 && evse.length() <= 64, "EVSEID of 1-32 bytes: got " + evse);
                    }
                    ctx.check(w.sessionId().length <= 8, "SessionID of at most 8 bytes");
                }));
        l.add(of(d, "SES-02", "SessionSetup with an unknown SessionID starts a new session with a new SessionID", timing)
                .req(ids(d, "sessionsetup"))
                .stimulus("SAP, SessionSetupReq carrying a random 8-byte SessionID the charger never issued")
                .expect("OK_NewSessionEstablished and a SessionID different from the one sent")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d);
                    w.sap();
                    byte[] random = new byte[8];
                    ctx.random().nextBytes(random);
                    random[0] |= 1;
                    Object r = w.send(Req.SESSION_SETUP, w.build(Req.SESSION_SETUP, random));
                    ctx.checkEquals("OK_NewSessionEstablished", Wire.responseCode(r), "SessionSetupRes to an unknown SessionID");
                    byte[] got = w.conversation().lastHeaderSessionId();
                    ctx.check(!Arrays.equals(random, got), "the charger took over the unknown SessionID " + Walk.hex(random));
                }));
        // ------------------------------------------------------------ services and payment
        l.add(of(d, "SVC-01", "ServiceDiscovery: the DC charge service and ExternalPayment" + (iso2 ? " (no Contract without TLS)" : " only"), timing)
                .req(ids(d, "servicediscovery"))
                .stimulus("a valid sequence to ServiceDiscoveryReq (no scope, no category)")
                .expect("OK; PaymentOptions " + (iso2 ? "with ExternalPayment and, on TCP, without Contract" : "= [ExternalPayment]")
                        + "; the charge service offers DC_core or DC_extended")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d).to(Req.SESSION_SETUP);
                    Object r = w.serviceDiscovery();
                    List<String> pay = d.paymentOptions(r);
                    if (iso2) {
                        ctx.check(ctx.target().tls() || !pay.contains("Contract"), "PaymentOptionList offers Contract on a TCP session "
                                + "(Plug & Charge needs TLS): " + pay);
                    } else {
                        ctx.checkEquals(List.of("ExternalPayment"), pay, "ServiceDiscoveryRes PaymentOptions");
                    }
                    List<String> modes = d.energyTransfer(r);
                    ctx.check(modes.contains("DC_extended") || modes.contains("DC_core"), "the charge service offers DC_core or DC_extended: "
                            + modes);
                }));
        l.add(of(d, "SVC-02", d.requestName(Req.PAYMENT_SELECTION).replace("Req", "") + " with Contract: FAILED_PaymentSelectionInvalid",
                timing).req(ids(d, "paymentinvalid"))
                .pre("no TLS (Contract is not offered)")
                .stimulus("after ServiceDiscovery, " + d.requestName(Req.PAYMENT_SELECTION) + " with SelectedPaymentOption Contract")
                .expect(d.requestName(Req.PAYMENT_SELECTION).replace("Req", "Res") + " FAILED_PaymentSelectionInvalid")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d).to(Req.SERVICE_DISCOVERY);
                    Object r = w.send(Req.PAYMENT_SELECTION, d.message(w.sessionId(), d.paymentSelection("Contract", w.serviceId())));
                    ctx.checkEquals("FAILED_PaymentSelectionInvalid", Wire.responseCode(r), d.requestName(Req.PAYMENT_SELECTION) + " with Contract");
                }));
        l.add(of(d, "SVC-03", d.requestName(Req.PAYMENT_SELECTION).replace("Req", "") + " of a service not offered: "
                + "FAILED_ServiceSelectionInvalid", timing).req(ids(d, "serviceselectioninvalid"))
                .stimulus("after ServiceDiscovery, " + d.requestName(Req.PAYMENT_SELECTION) + " with ExternalPayment, the charge service "
                        + "and a ServiceID 100 above it that was not offered")
                .expect(d.requestName(Req.PAYMENT_SELECTION).replace("Req", "Res") + " FAILED_ServiceSelectionInvalid")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d).to(Req.SERVICE_DISCOVERY);
                    Object r = w.send(Req.PAYMENT_SELECTION, d.message(w.sessionId(), d.paymentSelection("ExternalPayment", w.serviceId(), w.serviceId() + 100)));
                    ctx.checkEquals("FAILED_ServiceSelectionInvalid", Wire.responseCode(r), d.requestName(Req.PAYMENT_SELECTION)
                            + " of ServiceID " + (w.serviceId() + 100));
                }));
        if (d instanceof Iso2Dialect i2) {
            l.add(of(d, "SVC-04", "ServiceDetail for a service that was not offered: FAILED_ServiceIDInvalid",
                    "response within V2G_EVCC_Msg_Timeout (5 s for ServiceDetail)").req(ids(d, "servicedetail"))
                    .stimulus("after ServiceDiscovery, ServiceDetailReq for ServiceID 60000")
                    .expect("ServiceDetailRes FAILED_ServiceIDInvalid")
                    .body(ctx -> {
                        LegacyWalk w = ctx.walk(d).to(Req.SERVICE_DISCOVERY);
                        Object r = w.conversation().exchange(d.message(w.sessionId(), i2.serviceDetail(60000)),
                                org.secc.exi.iso2.body.ServiceDetailResType.class, Settings.SERVICE_DETAIL_LIMIT_MS);
                        ctx.checkEquals("FAILED_ServiceIDInvalid", Wire.responseCode(r), "ServiceDetailRes for ServiceID 60000");
                    }));
        }
        // ------------------------------------------------------------ authorization, parameters
        String auth = d.requestName(Req.AUTHORIZATION).replace("Req", "");
        l.add(of(d, "AUT-01", auth + " (EIM): repeated while Ongoing, then Finished", timing).req(ids(d, "authorization"))
                .stimulus(d.requestName(Req.AUTHORIZATION) + " (no GenChallenge) after the payment selection, repeated every 100 ms while "
                        + "the answer is Ongoing" + (iso2 ? " or Ongoing_WaitingForCustomerInteraction" : ""))
                .expect("OK with EVSEProcessing Ongoing (any number of times), then Finished within V2G_EVCC_Ongoing_Timeout (60 s)")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d).to(Req.PAYMENT_SELECTION);
                    w.untilFinished(Req.AUTHORIZATION);
                }));
        l.add(of(d, "CPD-01", "ChargeParameterDiscovery (DC_extended): DC limits and an SAScheduleList", timing).req(ids(d, "cpd"))
                .stimulus("ChargeParameterDiscoveryReq DC_extended with the pack's DC limits (420 V, 100 A, 40 kW), repeated while Ongoing")
                .expect("OK, Finished, DC_EVSEChargeParameter and an SAScheduleList with SAScheduleTupleIDs in 1-255")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d).to(Req.AUTHORIZATION);
                    Object r = w.untilFinished(Req.CHARGE_PARAMETER_DISCOVERY);
                    Object g = Wire.get(r, "EVSEChargeParameterGroup");
                    ctx.check(g != null && g.getClass().getSimpleName().equals("DC_EVSEChargeParameter"),
                            "ChargeParameterDiscoveryRes carries DC_EVSEChargeParameter: got " + (g == null ? "none" : g.getClass().getSimpleName()));
                    int tuple = d.firstTupleId(r);
                    ctx.check(tuple >= 1 && tuple <= 255, "an SAScheduleList whose first SAScheduleTupleID is in 1-255: got "
                            + (tuple < 0 ? "none" : tuple));
                }));
        l.add(of(d, "CPD-02", "ChargeParameterDiscovery with AC parameters for DC_extended: FAILED_WrongChargeParameter", timing)
                .req(ids(d, "wrongparameter"))
                .stimulus("ChargeParameterDiscoveryReq asking for DC_extended with an AC_EVChargeParameter")
                .expect("ChargeParameterDiscoveryRes FAILED_WrongChargeParameter")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d).to(Req.AUTHORIZATION);
                    Object r = w.send(Req.CHARGE_PARAMETER_DISCOVERY, d.message(w.sessionId(), d.chargeParameterDiscovery(true, "DC_extended", w)));
                    ctx.checkEquals("FAILED_WrongChargeParameter", Wire.responseCode(r), "ChargeParameterDiscoveryRes to AC parameters");
                }));
        String wrongMode = iso2 ? "FAILED_WrongEnergyTransferMode" : "FAILED_WrongEnergyTransferType";
        l.add(of(d, "CPD-03", "ChargeParameterDiscovery for an energy transfer " + (iso2 ? "mode" : "type") + " the charger does not offer: "
                + wrongMode, timing).req(ids(d, "wrongtransfer"))
                .stimulus("ChargeParameterDiscoveryReq for the first of AC_three_phase_core, AC_single_phase_core, DC_unique that "
                        + "ServiceDiscoveryRes did not offer, with parameters of that kind (AC or DC)")
                .expect("ChargeParameterDiscoveryRes " + wrongMode)
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d).to(Req.SESSION_SETUP);
                    List<String> offered = d.energyTransfer(w.serviceDiscovery());
                    String mode = List.of("AC_three_phase_core", "AC_single_phase_core", "DC_unique").stream().filter(m -> !offered.contains(m))
                            .findFirst().orElseThrow(() -> new org.secc.ev.conformance.NotApplicable("the charger offers every mode: " + offered));
                    w.to(Req.AUTHORIZATION);
                    Object r = w.send(Req.CHARGE_PARAMETER_DISCOVERY, d.message(w.sessionId(), d.chargeParameterDiscovery(mode.startsWith("AC"),
                            mode, w)));
                    ctx.checkEquals(wrongMode, Wire.responseCode(r), "ChargeParameterDiscoveryRes to " + mode + " (offered: " + offered + ")");
                }));
        // ------------------------------------------------------------ DC power transfer
        l.add(of(d, "DC-01", "CableCheck: repeated while Ongoing, Finished with isolation Valid and EVSE_Ready",
                timing + "; Finished within V2G_EVCC_CableCheck_Timeout (40 s)").req(ids(d, "cablecheck"))
                .stimulus("CableCheckReq after ChargeParameterDiscovery, repeated every 100 ms while Ongoing")
                .expect("OK; Finished with DC_EVSEStatus EVSEIsolationStatus Valid or Warning and EVSEStatusCode EVSE_Ready")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d).to(Req.CHARGE_PARAMETER_DISCOVERY);
                    Object r = w.untilFinished(Req.CABLE_CHECK);
                    Object st = Wire.get(r, "DC_EVSEStatus");
                    String iso = String.valueOf(Wire.get(st, "EVSEIsolationStatus"));
                    ctx.check(iso.equals("Valid") || iso.equals("Warning"), "CableCheckRes Finished with EVSEIsolationStatus Valid or Warning: got " + iso);
                    ctx.checkEquals("EVSE_Ready", String.valueOf(Wire.get(st, "EVSEStatusCode")), "CableCheckRes Finished EVSEStatusCode");
                }));
        l.add(of(d, "DC-02", "PreCharge: the charger's voltage reaches the EV's target", timing + "; target within V2G_EVCC_PreCharge_Timeout (7 s)")
                .req(ids(d, "precharge"))
                .pre("--ev-voltage-v names the pack the charger's output meets")
                .stimulus("PreChargeReq (EVTargetVoltage = the pack, EVTargetCurrent 2 A) every 50 ms")
                .expect("OK; EVSEPresentVoltage within 20 V of the target")
                .body(ctx -> ctx.walk(d).to(Req.CABLE_CHECK).preCharge()));
        l.add(of(d, "DC-03", "PowerDelivery (Start) and ten CurrentDemand requests", timing).req(ids(d, "powerdelivery", "currentdemand"))
                .stimulus("PowerDeliveryReq " + (iso2 ? "ChargeProgress Start with the offered SAScheduleTupleID" : "ReadyToChargeState true")
                        + ", then ten CurrentDemandReq (50 A at the pack voltage) back to back")
                .expect("OK; every CurrentDemandRes OK with EVSEPresentVoltage and a non-negative EVSEPresentCurrent")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d).to(Req.POWER_DELIVERY_START);
                    for (int i = 0; i < 10; i++) {
                        Object r = w.ok(Req.CURRENT_DEMAND);
                        double v = LegacyWalk.value(Wire.get(r, "EVSEPresentVoltage"));
                        double a = LegacyWalk.value(Wire.get(r, "EVSEPresentCurrent"));
                        ctx.check(!Double.isNaN(v) && v > 0, "CurrentDemandRes EVSEPresentVoltage: got " + v);
                        ctx.check(a >= -0.5, "CurrentDemandRes EVSEPresentCurrent is not negative in a charge-only session: got " + a + " A");
                    }
                }));
        l.add(of(d, "DC-04", "PowerDelivery (Stop) and WeldingDetection", timing).req(ids(d, "pdstop", "welding"))
                .stimulus("after the loop, PowerDeliveryReq " + (iso2 ? "ChargeProgress Stop" : "ReadyToChargeState false")
                        + ", then WeldingDetectionReq")
                .expect("OK; WeldingDetectionRes OK with EVSEPresentVoltage")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d).to(Req.POWER_DELIVERY_STOP);
                    Object r = w.ok(Req.WELDING_DETECTION);
                    double v = LegacyWalk.value(Wire.get(r, "EVSEPresentVoltage"));
                    ctx.check(!Double.isNaN(v) && v >= 0, "WeldingDetectionRes EVSEPresentVoltage: got " + v);
                }));
        l.add(of(d, "DC-05", "PowerDelivery (Start) with an SAScheduleTupleID that was not offered: FAILED_TariffSelectionInvalid", timing)
                .req(ids(d, "tariff"))
                .stimulus("after precharge, PowerDeliveryReq (Start) " + (iso2 ? "with SAScheduleTupleID" : "with a ChargingProfile for SAScheduleTupleID")
                        + " 200 (not in the SAScheduleList)")
                .expect("PowerDeliveryRes FAILED_TariffSelectionInvalid")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d).to(Req.PRE_CHARGE);
                    int bad = w.tupleId() == 200 ? 201 : 200;
                    Object r = w.send(Req.POWER_DELIVERY_START, d.message(w.sessionId(), d.powerDeliveryStart(bad, w)));
                    ctx.checkEquals("FAILED_TariffSelectionInvalid", Wire.responseCode(r), "PowerDeliveryRes for SAScheduleTupleID " + bad);
                }));
        // ------------------------------------------------------------ stop (and pause)
        l.add(of(d, "STP-01", "SessionStop after welding detection: OK, then the charger closes the connection",
                timing + "; close within 10 s").req(ids(d, "sessionstop"))
                .stimulus("a whole DC session, then SessionStopReq" + (iso2 ? " (Terminate)" : ""))
                .expect("SessionStopRes OK; the charger closes the TCP connection")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d).to(Req.SESSION_STOP);
                    long max = 10_000 + ctx.settings().closeSlackMs();
                    ctx.check(w.conversation().awaitClose(ctx.nowMs(), max) >= 0, "the charger kept the connection open " + max
                            + " ms after SessionStopRes");
                }));
        l.add(of(d, "STP-02", "SessionStop right after ServiceDiscovery ends the session", timing).req(ids(d, "sessionstop"))
                .stimulus("SAP, SessionSetup, ServiceDiscovery, SessionStopReq")
                .expect("SessionStopRes OK")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d).to(Req.SERVICE_DISCOVERY);
                    w.ok(Req.SESSION_STOP);
                }));
        if (d instanceof Iso2Dialect i2) {
            l.add(of(d, "PAU-01", "Pause after welding detection, then resume with the old SessionID", timing).req(ids(d, "pause"))
                    .stimulus("a whole DC session, SessionStopReq (Pause); a new connection: SAP, SessionSetupReq with the paused SessionID")
                    .expect("SessionStopRes OK; OK_OldSessionJoined with the same SessionID")
                    .body(ctx -> {
                        LegacyWalk w = ctx.walk(d).to(Req.WELDING_DETECTION);
                        Object stop = w.send(Req.SESSION_STOP, d.message(w.sessionId(), i2.sessionStopPause()));
                        ctx.checkEquals("OK", Wire.responseCode(stop), "SessionStopRes (Pause)");
                        w.conversation().close();
                        byte[] paused = w.sessionId();
                        LegacyWalk again = ctx.walk(d);
                        again.evccId(w.evccId());
                        again.sap();
                        Object r = again.send(Req.SESSION_SETUP, again.build(Req.SESSION_SETUP, paused));
                        ctx.checkEquals("OK_OldSessionJoined", Wire.responseCode(r), "SessionSetupRes with the paused SessionID");
                        ctx.check(Arrays.equals(paused, again.conversation().lastHeaderSessionId()), "the resumed SessionID is echoed: expected "
                                + Walk.hex(paused) + ", got " + Walk.hex(again.conversation().lastHeaderSessionId()));
                    }));
        }
        // ------------------------------------------------------------ sequence matrix
        int n = 1;
        for (Req st : STAGES) {
            List<Req> bad = disallowed(st);
            l.add(of(d, String.format("SEQ-%02d", n++), "Every disallowed request after " + resName(d, st), timing).req(ids(d, "sequence"))
                    .stimulus("for each of " + bad.size() + " requests, a fresh session walked to " + resName(d, st) + ", then the request: "
                            + String.join(", ", bad.stream().map(r -> d.requestName(r) + (r == Req.POWER_DELIVERY_START ? " (Start)" : "")).toList()))
                    .expect("FAILED_SequenceError in the response type of each request"
                            + (st == Req.CURRENT_DEMAND ? " (PowerDelivery Start in the loop: any FAILED code)" : ""))
                    .body(ctx -> {
                        for (Req r : bad) {
                            LegacyWalk w = ctx.walk(d).to(st);
                            Object res = w.send(r);
                            String code = Wire.responseCode(res);
                            String what = d.requestName(r) + " after " + resName(d, st);
                            if (st == Req.CURRENT_DEMAND && r == Req.POWER_DELIVERY_START) {
                                ctx.check(code != null && code.startsWith("FAILED"), what + ": expected a FAILED code, got " + code);
                            } else {
                                ctx.checkEquals("FAILED_SequenceError", code, what);
                            }
                            w.conversation().close();
                        }
                    }));
        }
        // ------------------------------------------------------------ robustness, timing
        l.add(of(d, "ROB-01", "An unknown SessionID after SessionSetup: FAILED_UnknownSession", timing).req(ids(d, "unknownsession"))
                .stimulus("SAP, SessionSetup, then ServiceDiscoveryReq with a SessionID the charger did not issue")
                .expect("ServiceDiscoveryRes FAILED_UnknownSession")
                .body(ctx -> unknownSession(ctx, d, Req.SESSION_SETUP, Req.SERVICE_DISCOVERY)));
        l.add(of(d, "ROB-02", "An unknown SessionID in the CurrentDemand loop: FAILED_UnknownSession", timing).req(ids(d, "unknownsession"))
                .stimulus("a DC session to the CurrentDemand loop, then CurrentDemandReq with another SessionID")
                .expect("CurrentDemandRes FAILED_UnknownSession")
                .body(ctx -> unknownSession(ctx, d, Req.CURRENT_DEMAND, Req.CURRENT_DEMAND)));
        l.add(of(d, "TIM-01", "Sequence timeout: silence after ServiceDiscovery closes the session", "close in [timeout - slack, timeout + slack]")
                .req(ids(d, "sequencetimeout"))
                .pre("--sequence-timeout-ms names the charger's V2G_SECC_Sequence_Timeout (standard 60 s)")
                .stimulus("a valid sequence to ServiceDiscoveryRes, then nothing")
                .expect("the charger closes the connection after its sequence timeout, not before; a new connection gets a clean session")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d).to(Req.SERVICE_DISCOVERY);
                    long timeout = ctx.settings().sequenceTimeoutMs();
                    long slack = ctx.settings().closeSlackMs();
                    long t0 = ctx.nowMs();
                    ctx.note("silent after ServiceDiscoveryRes; expecting the close " + timeout + " ms later (slack " + slack + " ms)");
                    long closed = w.conversation().awaitClose(t0, timeout + slack);
                    ctx.check(closed >= 0, "the charger kept the connection open more than " + (timeout + slack)
                            + " ms of silence after ServiceDiscoveryRes (sequence timeout " + timeout + " ms)");
                    ctx.check(closed >= timeout - Math.min(slack, timeout / 2), "the charger closed " + closed
                            + " ms after ServiceDiscoveryRes, before its sequence timeout of " + timeout + " ms");
                    ctx.walk(d).to(Req.SESSION_SETUP);
                }));
        l.add(of(d, "TIM-02", "Performance: every response of a whole session within the EV's limits, 20 CurrentDemand", timing)
                .req("V2G_EVCC_Msg_Timeout")
                .stimulus("a whole DC session with 20 CurrentDemandReq sent back to back")
                .expect("every response in time; the report lists each request's time")
                .body(ctx -> {
                    LegacyWalk w = ctx.walk(d).to(Req.POWER_DELIVERY_START);
                    for (int i = 0; i < 20; i++) {
                        w.ok(Req.CURRENT_DEMAND);
                    }
                    w.to(Req.SESSION_STOP);
                }));
        return l;
    }

    private static void unknownSession(CaseContext ctx, LegacyDialect d, Req after, Req probe) throws Exception {
        LegacyWalk w = ctx.walk(d).to(after);
        byte[] other = w.sessionId();
        other[0] ^= (byte) 0xFF;
        Object res = w.conversation().exchange(w.build(probe, other), d.responseType(probe), d.limitMs(probe));
        ctx.checkEquals("FAILED_UnknownSession", Wire.responseCode(res), d.requestName(probe) + " with SessionID " + Walk.hex(other)
                + " (issued: " + Walk.hex(w.sessionId()) + ")");
    }

    /** The stages the matrix probes: after the charger sent the response to each of these requests. */
    static final List<Req> STAGES = List.of(Req.SESSION_SETUP, Req.SERVICE_DISCOVERY, Req.PAYMENT_SELECTION, Req.AUTHORIZATION,
            Req.CHARGE_PARAMETER_DISCOVERY, Req.CABLE_CHECK, Req.PRE_CHARGE, Req.POWER_DELIVERY_START, Req.CURRENT_DEMAND,
            Req.POWER_DELIVERY_STOP, Req.WELDING_DETECTION);

    /**
     * The requests allowed after the response to {@code stage} (DIN facts sheet 3.1, -2 facts sheet 4.2; the two
     * agree for DC EIM). SessionStopReq is allowed everywhere outside the CurrentDemand loop (EVerest, and the facts
     * sheet's advice after real cars that stop in the cable check); repeated requests where the EV decides (precharge,
     * the loop, welding detection) are allowed.
     */
    static Set<Req> allowed(Req stage) {
        Set<Req> a = EnumSet.noneOf(Req.class);
        switch (stage) {
            case SESSION_SETUP -> a.add(Req.SERVICE_DISCOVERY);
            case SERVICE_DISCOVERY -> a.add(Req.PAYMENT_SELECTION);
            case PAYMENT_SELECTION -> a.add(Req.AUTHORIZATION);
            case AUTHORIZATION -> a.add(Req.CHARGE_PARAMETER_DISCOVERY);
            case CHARGE_PARAMETER_DISCOVERY -> a.add(Req.CABLE_CHECK);
            case CABLE_CHECK -> a.add(Req.PRE_CHARGE);
            case PRE_CHARGE -> a.addAll(List.of(Req.PRE_CHARGE, Req.POWER_DELIVERY_START, Req.POWER_DELIVERY_STOP));
            case POWER_DELIVERY_START -> a.add(Req.CURRENT_DEMAND);
            case CURRENT_DEMAND -> a.addAll(List.of(Req.CURRENT_DEMAND, Req.POWER_DELIVERY_STOP));
            case POWER_DELIVERY_STOP, WELDING_DETECTION -> a.add(Req.WELDING_DETECTION);
            default -> {
            }
        }
        if (stage != Req.POWER_DELIVERY_START && stage != Req.CURRENT_DEMAND) {
            a.add(Req.SESSION_STOP);
        }
        return a;
    }

    /** Every request the matrix sends after {@code stage}; PowerDelivery is probed as Start (Stop only differs in its flag). */
    static List<Req> disallowed(Req stage) {
        Set<Req> a = allowed(stage);
        List<Req> l = new ArrayList<>();
        for (Req r : Req.values()) {
            if (!a.contains(r) && r != Req.POWER_DELIVERY_STOP) {
                l.add(r);
            }
        }
        return l;
    }

    static String resName(LegacyDialect d, Req r) {
        String n = d.requestName(r).replace("Req", "Res");
        return switch (r) {
            case AUTHORIZATION, CHARGE_PARAMETER_DISCOVERY, CABLE_CHECK -> n + " (Finished)";
            case POWER_DELIVERY_START -> n + " (Start)";
            case POWER_DELIVERY_STOP -> n + " (Stop)";
            default -> n;
        };
    }

    private static String[] ids(LegacyDialect d, String... topics) {
        List<String> l = new ArrayList<>();
        for (String t : topics) {
            l.addAll(List.of(d.reqId(t).split(" ")));
        }
        return l.toArray(new String[0]);
    }

    private static ConformanceCase.Builder of(LegacyDialect d, String id, String title, String timing) {
        return ConformanceCase.of(id, title).timing(timing);
    }
}
