package org.secc.ev.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.secc.ev.battery.Battery;
import org.secc.exi.SchemaKind;
import org.secc.exi.apphand.AppProtocolType;
import org.secc.exi.apphand.supportedAppProtocolReq;
import org.secc.exi.apphand.supportedAppProtocolRes;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/**
 * The EV side of an ISO 15118-20 DC, DC_BPT, AC or AC_BPT session, sans-I/O: {@link #start()} gives the first request,
 * {@link #onResponse(Object)} takes each decoded response and gives the next {@link Action}. Every response
 * is checked (response code, SessionID, control-mode variant, EV response deadlines, 60 s ongoing budget);
 * violations are collected in {@link #failures()}. Time comes from the injected clock (ms).
 */
public final class EvSession implements EvClient {
    private static final Logger LOG = Logger.getLogger(EvSession.class.getName());
    static final String NS_DC = "urn:iso:std:iso:15118:-20:DC";
    static final String NS_AC = "urn:iso:std:iso:15118:-20:AC";
    /** AC: the EV's own charge/discharge power limit at the inlet (11 kW on three phases). */
    static final double AC_MAX_POWER_W = 11_000;
    static final long MSG_TIMEOUT_MS = 2000;          // V2G_EVCC_Msg_Timeout, facts 5
    static final long SERVICE_DETAIL_TIMEOUT_MS = 5000;
    static final long LOOP_TIMEOUT_MS = 500;
    static final long ONGOING_TIMEOUT_MS = 60_000;     // V2G_EVCC_Ongoing_Timeout
    static final long ONGOING_RETRY_MS = 200;

    /** Where the client is: the response it waits for. */
    public enum Phase {
        SAP, SESSION_SETUP, AUTH_SETUP, AUTH, SERVICE_DISCOVERY, SERVICE_DETAIL, SERVICE_SELECTION, CPD,
        SCHEDULE_EXCHANGE, CABLE_CHECK, PRE_CHARGE, POWER_DELIVERY_START, CHARGE_LOOP, POWER_DELIVERY_STOP,
        RENEGOTIATE, WELDING, SESSION_STOP, FAULT_PROBE, DONE
    }

    private final EvConfig cfg;
    private final Battery battery;
    private final LongSupplier clock;
    private final LoopPolicy policy;
    private final long t0;
    private final List<String> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Sample> timeline = new ArrayList<>();

    private Phase phase = Phase.SAP;
    private byte[] sessionId = new byte[8];
    private Service service;
    private ControlMode mode;
    private int parameterSetId;
    private List<ServiceType> offered = List.of();
    private long selectedTupleId = 1;
    private double evseMaxCurrent = Double.MAX_VALUE;
    private double evseMaxDischargeCurrent = Double.MAX_VALUE;
    private double evseMaxVoltage = Double.MAX_VALUE;
    private long deadline;
    private long ongoingSince = -1;
    private long loopStart = -1;
    private long lastLoopAt = -1;
    private int precharges;
    private int weldings;
    private boolean pauseRequested;
    private boolean resuming;
    private boolean paused;
    private boolean endedOk;
    private String stopReason = "";
    private Decision lastDecision = Decision.CHARGE;
    private responseCodeType expectedFailure;

    public EvSession(EvConfig cfg, Battery battery, LongSupplier clockMs, LoopPolicy policy) {
        this.cfg = cfg;
        this.battery = battery;
        this.clock = clockMs;
        this.policy = policy;
        this.t0 = clockMs.getAsLong();
    }

    // ---------------------------------------------------------------- public API

    /** The SupportedAppProtocolReq that opens a connection (also after a pause). */
    public Action start() {
        phase = Phase.SAP;
        // both -20 namespaces, the preferred energy type first (priority 1 = highest)
        boolean dcFirst = cfg.service().dc;
        var req = new supportedAppProtocolReq(List.of(new AppProtocolType(NS_DC, 1, 0, 1, dcFirst ? 1 : 2),
                new AppProtocolType(NS_AC, 1, 0, 2, dcFirst ? 2 : 1)));
        return send(new Outgoing(Outgoing.SAP, SchemaKind.SAP, req, "supportedAppProtocolReq"), 0, MSG_TIMEOUT_MS);
    }

    /** After a paused session ended, open a new connection with this and resume with the old SessionID. */
    public Action resume() {
        if (!paused) {
            throw new IllegalStateException("session is not paused");
        }
        paused = false;
        resuming = true;
        pauseRequested = false;
        lastPrechargeFinished = false;
        precharges = 0;
        lastDecision = Decision.CHARGE;
        loopStart = -1;
        endedOk = false;
        return start();
    }

    /** A decoded response (typed record) arrived. */
    public Action onResponse(Object msg) {
        long now = clock.getAsLong();
        if (phase == Phase.DONE) {
            fail("response after the session ended: " + msg.getClass().getSimpleName());
            return close("unexpected response");
        }
        if (now > deadline) {
            fail(String.format("%s arrived %d ms after its deadline", msg.getClass().getSimpleName(), now - deadline));
        }
        try {
            return handle(msg, now);
        } catch (ClassCastException e) {
            fail("in " + phase + " got unexpected " + msg.getClass().getSimpleName());
            return close("unexpected message");
        }
    }

    /** The response deadline passed without a response. */
    public Action onTimeout() {
        if (phase == Phase.FAULT_PROBE && cfg.fault() == Fault.SILENCE) {
            fail("SECC did not close the connection after the EV fell silent");
            return close("silence not detected");
        }
        fail("no response in " + phase + " within the EV message timeout");
        return close("timeout");
    }

    /** The SECC closed the connection. */
    public Action onPeerClosed() {
        if (phase == Phase.FAULT_PROBE) {
            notes.add("SECC closed the connection as expected (" + cfg.fault() + ")");
            endedOk = true;
            return close("SECC closed after " + cfg.fault());
        }
        if (phase != Phase.DONE) {
            fail("SECC closed the connection in " + phase);
        }
        return close("peer closed");
    }

    /** The edge performed a transport fault (malformed EXI sent, silence started, TCP dropped). */
    public Action onTransportFault() {
        phase = Phase.FAULT_PROBE;
        return new Action.Silence(cfg.fault() == Fault.SILENCE ? 65_000 : 5_000);
    }

    public Phase phase() {
        return phase;
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public List<Sample> timeline() {
        return List.copyOf(timeline);
    }

    public boolean paused() {
        return paused;
    }

    /** True when the session reached its planned end (SessionStopRes OK, or the expected fault outcome). */
    public boolean endedOk() {
        return endedOk;
    }

    public String stopReason() {
        return stopReason;
    }

    public byte[] sessionId() {
        return sessionId.clone();
    }

    public Service service() {
        return service;
    }

    public ControlMode mode() {
        return mode;
    }

    public Battery battery() {
        return battery;
    }

    /** Whether the session is in the charge loop (where the edge performs SILENCE / TCP_DROP). */
    public boolean inChargeLoop() {
        return phase == Phase.CHARGE_LOOP;
    }

    // ---------------------------------------------------------------- state handling

    private Action handle(Object msg, long now) {
        switch (phase) {
            case SAP -> {
                var res = (supportedAppProtocolRes) msg;
                if (res.ResponseCode() == org.secc.exi.apphand.responseCodeType.Failed_NoNegotiation) {
                    fail("SupportedAppProtocolRes Failed_NoNegotiation");
                    return close("no protocol");
                }
                if (res.SchemaID() != null && res.SchemaID() != 1 && res.SchemaID() != 2) {
                    fail("SupportedAppProtocolRes selected SchemaID " + res.SchemaID() + ", offered 1 and 2");
                }
                phase = Phase.SESSION_SETUP;
                if (cfg.fault() == Fault.MALFORMED_EXI) {
                    return onTransportFault(); // the edge sends garbage instead of SessionSetupReq
                }
                byte[] id = resuming ? sessionId : new byte[8];
                return sendCommon(new SessionSetupReqType(header(id), cfg.evccId()), "SessionSetupReq", MSG_TIMEOUT_MS);
            }
            case SESSION_SETUP -> {
                var res = (SessionSetupResType) msg;
                if (resuming) {
                    resuming = false;
                    if (res.ResponseCode() != responseCodeType.OK_OldSessionJoined || !Arrays.equals(res.Header().SessionID(), sessionId)) {
                        fail("resume: expected OK_OldSessionJoined with the old SessionID, got " + res.ResponseCode());
                        return close("resume refused");
                    }
                    notes.add("resumed paused session");
                    return sendCpd();
                }
                if (res.ResponseCode() != responseCodeType.OK_NewSessionEstablished) {
                    fail("SessionSetupRes " + res.ResponseCode());
                    return close("session setup failed");
                }
                sessionId = res.Header().SessionID().clone();
                if (sessionId.length != 8) {
                    fail("SessionID has " + sessionId.length + " bytes, expected 8");
                }
                if (cfg.fault() == Fault.WRONG_SEQUENCE) {
                    expectedFailure = responseCodeType.FAILED_SequenceError;
                    phase = Phase.FAULT_PROBE;
                    return sendCommon(powerDelivery(chargeProgressType.Start), "PowerDeliveryReq", MSG_TIMEOUT_MS);
                }
                phase = Phase.AUTH_SETUP;
                byte[] id = sessionId;
                if (cfg.fault() == Fault.UNKNOWN_SESSION) {
                    id = sessionId.clone();
                    id[0] ^= (byte) 0xFF;
                    expectedFailure = responseCodeType.FAILED_UnknownSession;
                    phase = Phase.FAULT_PROBE;
                }
                return sendCommon(new AuthorizationSetupReqType(header(id)), "AuthorizationSetupReq", MSG_TIMEOUT_MS);
            }
            case FAULT_PROBE -> {
                responseCodeType code = responseCode(msg);
                if (code == expectedFailure) {
                    notes.add("SECC answered " + code + " as expected");
                    endedOk = true;
                } else {
                    fail("fault " + cfg.fault() + ": expected " + expectedFailure + ", got " + code);
                }
                // the SECC ends the session after a FAILED code; the edge checks that it closes
                return new Action.Silence(5_000);
            }
            case AUTH_SETUP -> {
                var res = (AuthorizationSetupResType) check(msg, "AuthorizationSetupRes");
                if (res == null) {
                    return close("authorization setup failed");
                }
                if (!res.AuthorizationServices().contains(authorizationType.EIM)) {
                    fail("SECC offers no EIM authorization: " + res.AuthorizationServices());
                    return close("no EIM");
                }
                return sendAuthorization();
            }
            case AUTH -> {
                var res = (AuthorizationResType) check(msg, "AuthorizationRes");
                if (res == null) {
                    return close("authorization failed");
                }
                if (res.EVSEProcessing() != processingType.Finished) {
                    return ongoing(now, this::authRequest, "AuthorizationReq");
                }
                ongoingSince = -1;
                phase = Phase.SERVICE_DISCOVERY;
                return sendCommon(new ServiceDiscoveryReqType(header(sessionId), null), "ServiceDiscoveryReq", MSG_TIMEOUT_MS);
            }
            case SERVICE_DISCOVERY -> {
                var res = (ServiceDiscoveryResType) check(msg, "ServiceDiscoveryRes");
                if (res == null) {
                    return close("service discovery failed");
                }
                offered = res.EnergyTransferServiceList().Service();
                service = pickService();
                if (service == null) {
                    fail("SECC offers no DC, DC_BPT, AC or AC_BPT service: " + offered);
                    return close("no usable service");
                }
                phase = Phase.SERVICE_DETAIL;
                return sendCommon(new ServiceDetailReqType(header(sessionId), service.id), "ServiceDetailReq", SERVICE_DETAIL_TIMEOUT_MS);
            }
            case SERVICE_DETAIL -> {
                var res = (ServiceDetailResType) check(msg, "ServiceDetailRes");
                if (res == null) {
                    return close("service detail failed");
                }
                if (res.ServiceID() != service.id) {
                    fail("ServiceDetailRes for ServiceID " + res.ServiceID() + ", asked " + service.id);
                }
                if (!pickParameterSet(res.ServiceParameterList().ParameterSet())) {
                    fail("ServiceDetailRes offers no parameter set with a ControlMode");
                    return close("no parameter set");
                }
                phase = Phase.SERVICE_SELECTION;
                return sendCommon(new ServiceSelectionReqType(header(sessionId), new SelectedServiceType(service.id, parameterSetId), null),
                        "ServiceSelectionReq", MSG_TIMEOUT_MS);
            }
            case SERVICE_SELECTION -> {
                if (check(msg, "ServiceSelectionRes") == null) {
                    return close("service selection failed");
                }
                return sendCpd();
            }
            case CPD -> {
                if (!service.dc) {
                    var ac = (AC_ChargeParameterDiscoveryResType) check(msg, "AC_ChargeParameterDiscoveryRes");
                    if (ac == null) {
                        return close("charge parameter discovery failed");
                    }
                    boolean bptRes = ac.AC_CPDResEnergyTransferModeGroup()
                            instanceof AC_ChargeParameterDiscoveryResType.AC_CPDResEnergyTransferModeGroup.BPT_AC_CPDResEnergyTransferMode;
                    if (bptRes != service.bpt) {
                        fail((bptRes ? "BPT" : "non-BPT") + " AC charge parameters in a " + service + " session");
                    }
                    return sendScheduleExchange();
                }
                var res = (DC_ChargeParameterDiscoveryResType) check(msg, "DC_ChargeParameterDiscoveryRes");
                if (res == null) {
                    return close("charge parameter discovery failed");
                }
                var grp = res.DC_CPDResEnergyTransferModeGroup();
                if (grp instanceof DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup.BPT_DC_CPDResEnergyTransferMode b) {
                    if (!service.bpt) {
                        fail("BPT charge parameters in a non-BPT session");
                    }
                    evseMaxCurrent = Rational.value(b.value().EVSEMaximumChargeCurrent());
                    evseMaxDischargeCurrent = Math.abs(Rational.value(b.value().EVSEMaximumDischargeCurrent()));
                    evseMaxVoltage = Rational.value(b.value().EVSEMaximumVoltage());
                } else if (grp instanceof DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup.DC_CPDResEnergyTransferMode d) {
                    if (service.bpt) {
                        fail("non-BPT charge parameters in a DC_BPT session");
                    }
                    evseMaxCurrent = Rational.value(d.value().EVSEMaximumChargeCurrent());
                    evseMaxDischargeCurrent = 0;
                    evseMaxVoltage = Rational.value(d.value().EVSEMaximumVoltage());
                }
                if (evseMaxVoltage < battery.minVoltage()) {
                    fail("EVSE maximum voltage " + evseMaxVoltage + " V below the battery's " + battery.minVoltage() + " V");
                    return close("incompatible voltage");
                }
                return sendScheduleExchange();
            }
            case SCHEDULE_EXCHANGE -> {
                var res = (ScheduleExchangeResType) check(msg, "ScheduleExchangeRes");
                if (res == null) {
                    return close("schedule exchange failed");
                }
                boolean dyn = res.SEResControlMode() instanceof ScheduleExchangeResType.SEResControlMode.Dynamic_SEResControlMode;
                if (dyn != (mode == ControlMode.DYNAMIC)) {
                    fail("ScheduleExchangeRes control mode " + (dyn ? "Dynamic" : "Scheduled") + " but " + mode + " was selected");
                }
                if (res.EVSEProcessing() != processingType.Finished) {
                    return ongoing(now, this::scheduleExchangeRequest, "ScheduleExchangeReq");
                }
                ongoingSince = -1;
                if (res.SEResControlMode() instanceof ScheduleExchangeResType.SEResControlMode.Scheduled_SEResControlMode s) {
                    if (s.value().ScheduleTuple().isEmpty()) {
                        fail("Scheduled ScheduleExchangeRes Finished without a ScheduleTuple");
                        return close("no schedule");
                    }
                    selectedTupleId = s.value().ScheduleTuple().get(0).ScheduleTupleID();
                }
                if (renegotiating) { // renegotiation inside the loop: resume power delivery
                    renegotiating = false;
                    phase = Phase.POWER_DELIVERY_START;
                    return sendCommon(powerDelivery(chargeProgressType.Start), "PowerDeliveryReq", MSG_TIMEOUT_MS);
                }
                if (!service.dc) { // AC: no cable check or precharge
                    phase = Phase.POWER_DELIVERY_START;
                    return sendCommon(powerDelivery(chargeProgressType.Start), "PowerDeliveryReq", MSG_TIMEOUT_MS);
                }
                phase = Phase.CABLE_CHECK;
                return sendDc(new DC_CableCheckReqType(header(sessionId)), "DC_CableCheckReq", MSG_TIMEOUT_MS, 0);
            }
            case CABLE_CHECK -> {
                var res = (DC_CableCheckResType) check(msg, "DC_CableCheckRes");
                if (res == null) {
                    return close("cable check failed");
                }
                if (res.EVSEProcessing() != processingType.Finished) {
                    return ongoing(now, () -> new DC_CableCheckReqType(header(sessionId)), "DC_CableCheckReq");
                }
                ongoingSince = -1;
                phase = Phase.PRE_CHARGE;
                precharges = 0;
                return sendPreCharge(processingType.Ongoing, 0);
            }
            case PRE_CHARGE -> {
                var res = (DC_PreChargeResType) check(msg, "DC_PreChargeRes");
                if (res == null) {
                    return close("precharge failed");
                }
                double v = Rational.value(res.EVSEPresentVoltage());
                sample("PreCharge", v, 0);
                precharges++;
                if (Math.abs(v - battery.voltage()) <= 10) {
                    // one last PreChargeReq with Finished, then PowerDelivery ([V2G20-2005/2006])
                    if (precharges > 0 && lastPrechargeFinished) {
                        phase = Phase.POWER_DELIVERY_START;
                        return sendCommon(powerDelivery(chargeProgressType.Start), "PowerDeliveryReq", MSG_TIMEOUT_MS);
                    }
                    lastPrechargeFinished = true;
                    return sendPreCharge(processingType.Finished, 0);
                }
                if (now - phaseStart > 10_000) { // V2G_EVCC_PreCharge_Timeout (facts 5)
                    fail("precharge did not reach " + Math.round(battery.voltage()) + " V within 10 s (at " + v + " V)");
                    return stopFromLoop();
                }
                return sendPreCharge(processingType.Ongoing, ONGOING_RETRY_MS);
            }
            case POWER_DELIVERY_START -> {
                var res = (PowerDeliveryResType) check(msg, "PowerDeliveryRes");
                if (res == null) {
                    return close("power delivery start failed");
                }
                phase = Phase.CHARGE_LOOP;
                if (loopStart < 0) {
                    loopStart = now;
                }
                lastLoopAt = now;
                return sendLoop(0);
            }
            case CHARGE_LOOP -> {
                EVSEStatusType status;
                double p;
                if (service.dc) {
                    var res = (DC_ChargeLoopResType) check(msg, "DC_ChargeLoopRes");
                    if (res == null) {
                        return stopFromLoop();
                    }
                    checkLoopVariant(res.CLResControlModeGroup());
                    double i = Rational.value(res.EVSEPresentCurrent());
                    double v = Rational.value(res.EVSEPresentVoltage());
                    battery.integrate(i, v, (now - lastLoopAt) / 1000.0);
                    sample("ChargeLoop " + lastDecision, v, i);
                    p = i * (v > 0 ? v : battery.voltage());
                    status = res.EVSEStatus();
                } else {
                    var res = (AC_ChargeLoopResType) check(msg, "AC_ChargeLoopRes");
                    if (res == null) {
                        return stopFromLoop();
                    }
                    p = acPower(res.CLResControlModeGroup());
                    battery.integratePower(p, (now - lastLoopAt) / 1000.0);
                    double v = battery.voltage();
                    timeline.add(new Sample(now - t0, "ChargeLoop " + lastDecision, v, p / v, p, battery.soc()));
                    status = res.EVSEStatus();
                }
                lastLoopAt = now;
                // In a BPT Dynamic session the charger picks the direction within the limits the EV sent
                // (facts 4.7), so a discharge is the charger's right there; elsewhere the EV asked to charge.
                boolean chargerChooses = service.bpt && mode == ControlMode.DYNAMIC;
                if (lastDecision == Decision.CHARGE && p < -100 && !chargerChooses) {
                    fail(String.format("EVSE discharges (%.0f W) while the EV asked to charge", p));
                }
                if (status != null) {
                    evseNotificationType n = status.EVSENotification();
                    notes.add("EVSENotification " + n);
                    switch (n) {
                        case Terminate -> {
                            stopReason = "EVSE Terminate";
                            return stopFromLoop();
                        }
                        case Pause -> {
                            pauseRequested = true;
                            stopReason = "EVSE Pause";
                            return stopFromLoop();
                        }
                        case ScheduleRenegotiation -> {
                            phase = Phase.RENEGOTIATE;
                            renegotiating = true;
                            return sendCommon(powerDelivery(chargeProgressType.ScheduleRenegotiation), "PowerDeliveryReq", MSG_TIMEOUT_MS);
                        }
                        default -> {
                        }
                    }
                }
                Decision d = policy.decide(battery, now - loopStart);
                if (d == Decision.STOP || d == Decision.PAUSE) {
                    pauseRequested = d == Decision.PAUSE;
                    stopReason = d == Decision.PAUSE ? "EV pause" : "EV stop";
                    return stopFromLoop();
                }
                if (d == Decision.DISCHARGE && !service.bpt) {
                    fail("scenario asks to discharge in a non-BPT session");
                    return stopFromLoop();
                }
                lastDecision = d;
                return sendLoop(cfg.loopPeriodMs());
            }
            case RENEGOTIATE -> {
                if (check(msg, "PowerDeliveryRes") == null) {
                    return stopFromLoop();
                }
                return sendScheduleExchange();
            }
            case POWER_DELIVERY_STOP -> {
                if (check(msg, "PowerDeliveryRes") == null) {
                    return close("power delivery stop failed");
                }
                if (!service.dc) { // AC: SessionStop follows PowerDelivery(Stop) ([V2G20-1623])
                    return sendSessionStop();
                }
                phase = Phase.WELDING;
                weldings = 0;
                return sendDc(new DC_WeldingDetectionReqType(header(sessionId), processingType.Ongoing), "DC_WeldingDetectionReq", MSG_TIMEOUT_MS, 0);
            }
            case WELDING -> {
                var res = (DC_WeldingDetectionResType) check(msg, "DC_WeldingDetectionRes");
                if (res == null) {
                    return close("welding detection failed");
                }
                double v = Rational.value(res.EVSEPresentVoltage());
                sample("WeldingDetection", v, 0);
                weldings++;
                boolean low = v < 60; // output discharged below touch-safe voltage
                if (!low && weldings < 25) {
                    return sendDc(new DC_WeldingDetectionReqType(header(sessionId), processingType.Ongoing), "DC_WeldingDetectionReq",
                            MSG_TIMEOUT_MS, ONGOING_RETRY_MS);
                }
                if (!low) {
                    notes.add("output still at " + v + " V after welding detection");
                }
                return sendSessionStop();
            }
            case SESSION_STOP -> {
                if (check(msg, "SessionStopRes") == null) {
                    return close("session stop failed");
                }
                endedOk = true;
                paused = pauseRequested;
                return close(paused ? "paused" : "terminated");
            }
            default -> {
                fail("unexpected " + msg.getClass().getSimpleName() + " in " + phase);
                return close("unexpected message");
            }
        }
    }

    private boolean lastPrechargeFinished;
    private boolean renegotiating;
    private long phaseStart;

    // ---------------------------------------------------------------- requests

    private Action sendSessionStop() {
        phase = Phase.SESSION_STOP;
        var stop = new SessionStopReqType(header(sessionId), pauseRequested ? chargingSessionType.Pause : chargingSessionType.Terminate,
                null, null);
        return sendCommon(stop, "SessionStopReq", MSG_TIMEOUT_MS);
    }

    /** The active power the SECC applies (W, signed), from the AC loop response; checks the variant. */
    private double acPower(AC_ChargeLoopResType.CLResControlModeGroup g) {
        boolean dyn = mode == ControlMode.DYNAMIC;
        RationalNumberType present;
        RationalNumberType target;
        boolean ok;
        if (g instanceof AC_ChargeLoopResType.CLResControlModeGroup.BPT_Dynamic_AC_CLResControlMode x) {
            ok = service.bpt && dyn;
            present = x.value().EVSEPresentActivePower();
            target = x.value().EVSETargetActivePower();
        } else if (g instanceof AC_ChargeLoopResType.CLResControlModeGroup.Dynamic_AC_CLResControlMode x) {
            ok = !service.bpt && dyn;
            present = x.value().EVSEPresentActivePower();
            target = x.value().EVSETargetActivePower();
        } else if (g instanceof AC_ChargeLoopResType.CLResControlModeGroup.BPT_Scheduled_AC_CLResControlMode x) {
            ok = service.bpt && !dyn;
            present = x.value().EVSEPresentActivePower();
            target = x.value().EVSETargetActivePower();
        } else {
            var x = ((AC_ChargeLoopResType.CLResControlModeGroup.Scheduled_AC_CLResControlMode) g).value();
            ok = !service.bpt && !dyn;
            present = x.EVSEPresentActivePower();
            target = x.EVSETargetActivePower();
        }
        if (!ok) {
            fail("AC_ChargeLoopRes control mode " + g.getClass().getSimpleName() + " does not match " + service + "/" + mode);
        }
        if (present != null) {
            return Rational.value(present);
        }
        if (target != null) {
            return Rational.value(target);
        }
        return acOwnPower(); // Scheduled without values: the EV draws what it asked for within the schedule
    }

    /** The AC power the EV itself asks for: + charge, - discharge. */
    private double acOwnPower() {
        return lastDecision == Decision.DISCHARGE ? -Math.min(AC_MAX_POWER_W, battery.maxDischargePowerW())
                : Math.min(AC_MAX_POWER_W, battery.maxChargePowerW());
    }

    private Action sendAuthorization() {
        phase = Phase.AUTH;
        return sendCommon(authRequest(), "AuthorizationReq", MSG_TIMEOUT_MS);
    }

    private AuthorizationReqType authRequest() {
        return new AuthorizationReqType(header(sessionId), authorizationType.EIM,
                new AuthorizationReqType.AReqAuthorizationMode.EIM_AReqAuthorizationMode(new EIM_AReqAuthorizationModeType()));
    }

    private Action sendCpd() {
        phase = Phase.CPD;
        if (!service.dc) {
            double maxP = Math.min(AC_MAX_POWER_W, battery.maxChargePowerW());
            double maxD = Math.min(AC_MAX_POWER_W, battery.maxDischargePowerW());
            AC_ChargeParameterDiscoveryReqType.AC_CPDReqEnergyTransferModeGroup g = service.bpt
                    ? new AC_ChargeParameterDiscoveryReqType.AC_CPDReqEnergyTransferModeGroup.BPT_AC_CPDReqEnergyTransferMode(
                    new BPT_AC_CPDReqEnergyTransferModeType(Rational.of(maxP), null, null, Rational.of(0), null, null,
                            Rational.of(maxD), null, null, Rational.of(0), null, null))
                    : new AC_ChargeParameterDiscoveryReqType.AC_CPDReqEnergyTransferModeGroup.AC_CPDReqEnergyTransferMode(
                    new AC_CPDReqEnergyTransferModeType(Rational.of(maxP), null, null, Rational.of(0), null, null));
            return send(new Outgoing(Outgoing.AC, SchemaKind.AC, new AC_ChargeParameterDiscoveryReqType(header(sessionId), g),
                    "AC_ChargeParameterDiscoveryReq"), 0, MSG_TIMEOUT_MS);
        }
        double maxP = battery.maxChargePowerW();
        DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup g;
        if (service.bpt) {
            g = new DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup.BPT_DC_CPDReqEnergyTransferMode(
                    new BPT_DC_CPDReqEnergyTransferModeType(Rational.of(maxP), Rational.of(0), Rational.of(battery.maxChargeCurrentA()),
                            Rational.of(0), Rational.of(battery.maxVoltage()), Rational.of(battery.minVoltage()), cfg.targetSoc(),
                            Rational.of(battery.maxDischargePowerW()), Rational.of(0), Rational.of(battery.maxDischargeCurrentA()), Rational.of(0)));
        } else {
            g = new DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup.DC_CPDReqEnergyTransferMode(
                    new DC_CPDReqEnergyTransferModeType(Rational.of(maxP), Rational.of(0), Rational.of(battery.maxChargeCurrentA()),
                            Rational.of(0), Rational.of(battery.maxVoltage()), Rational.of(battery.minVoltage()), cfg.targetSoc()));
        }
        return sendDc(new DC_ChargeParameterDiscoveryReqType(header(sessionId), g), "DC_ChargeParameterDiscoveryReq", MSG_TIMEOUT_MS, 0);
    }

    private Action sendScheduleExchange() {
        phase = Phase.SCHEDULE_EXCHANGE;
        return sendCommon(scheduleExchangeRequest(), "ScheduleExchangeReq", MSG_TIMEOUT_MS);
    }

    private ScheduleExchangeReqType scheduleExchangeRequest() {
        double target = battery.energyTo(cfg.targetSoc());
        double max = battery.energyTo(100);
        ScheduleExchangeReqType.SEReqControlMode m;
        if (mode == ControlMode.DYNAMIC) {
            m = new ScheduleExchangeReqType.SEReqControlMode.Dynamic_SEReqControlMode(new Dynamic_SEReqControlModeType(
                    7200, null, cfg.targetSoc(), Rational.of(target), Rational.of(max), Rational.of(0),
                    service.bpt ? Rational.of(max) : null, service.bpt ? Rational.of(-battery.energyAbove(20)) : null));
        } else {
            m = new ScheduleExchangeReqType.SEReqControlMode.Scheduled_SEReqControlMode(new Scheduled_SEReqControlModeType(
                    7200L, Rational.of(target), Rational.of(max), Rational.of(0), null));
        }
        return new ScheduleExchangeReqType(header(sessionId), 24, m);
    }

    private Action sendPreCharge(processingType p, long delay) {
        if (precharges == 0 && p == processingType.Ongoing && !lastPrechargeFinished) {
            phaseStart = clock.getAsLong();
        }
        double v = battery.voltage();
        return sendDc(new DC_PreChargeReqType(header(sessionId), p, Rational.of(v), Rational.of(v)), "DC_PreChargeReq", MSG_TIMEOUT_MS, delay);
    }

    private PowerDeliveryReqType powerDelivery(chargeProgressType progress) {
        EVPowerProfileType profile = null;
        if (progress == chargeProgressType.Start && service != null) {
            EVPowerProfileType.EVPPTControlMode m = mode == ControlMode.DYNAMIC
                    ? new EVPowerProfileType.EVPPTControlMode.Dynamic_EVPPTControlMode(new Dynamic_EVPPTControlModeType())
                    : new EVPowerProfileType.EVPPTControlMode.Scheduled_EVPPTControlMode(new Scheduled_EVPPTControlModeType(selectedTupleId, null));
            profile = new EVPowerProfileType(epochSeconds(), m, new EVPowerProfileEntryListType(
                    List.of(new PowerScheduleEntryType(86400, Rational.of(battery.maxChargePowerW()), null, null))));
        }
        return new PowerDeliveryReqType(header(sessionId), processingType.Finished, progress, profile, null);
    }

    private Action stopFromLoop() {
        phase = Phase.POWER_DELIVERY_STOP;
        return sendCommon(powerDelivery(chargeProgressType.Stop), "PowerDeliveryReq", MSG_TIMEOUT_MS);
    }

    private Action sendLoop(long delay) {
        if (!service.dc) {
            return sendAcLoop(delay);
        }
        Decision d = lastDecision;
        double v = battery.voltage();
        double chargeI = Math.min(battery.maxChargeCurrentA(), evseMaxCurrent);
        double dischargeI = Math.min(battery.maxDischargeCurrentA(), evseMaxDischargeCurrent);
        double targetI = d == Decision.DISCHARGE ? -dischargeI : chargeI;
        double tgtE = battery.energyTo(cfg.targetSoc());
        double maxE = battery.energyTo(100);
        DC_ChargeLoopReqType.CLReqControlModeGroup g;
        boolean dyn = mode == ControlMode.DYNAMIC;
        if (service.bpt && dyn) {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Dynamic_DC_CLReqControlMode(new BPT_Dynamic_DC_CLReqControlModeType(null,
                    Rational.of(d == Decision.DISCHARGE ? -battery.energyAbove(20) : tgtE), Rational.of(maxE), Rational.of(-battery.energyAbove(20)),
                    Rational.of(battery.maxChargePowerW()), Rational.of(0), Rational.of(battery.maxChargeCurrentA()),
                    Rational.of(battery.maxVoltage()), Rational.of(battery.minVoltage()),
                    Rational.of(battery.maxDischargePowerW()), Rational.of(0), Rational.of(battery.maxDischargeCurrentA()), null, null));
        } else if (service.bpt) {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Scheduled_DC_CLReqControlMode(new BPT_Scheduled_DC_CLReqControlModeType(null, null,
                    null, Rational.of(targetI), Rational.of(v), Rational.of(battery.maxChargePowerW()), null, Rational.of(battery.maxChargeCurrentA()),
                    Rational.of(battery.maxVoltage()), Rational.of(battery.minVoltage()), Rational.of(battery.maxDischargePowerW()), null,
                    Rational.of(battery.maxDischargeCurrentA())));
        } else if (dyn) {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.Dynamic_DC_CLReqControlMode(new Dynamic_DC_CLReqControlModeType(null,
                    Rational.of(tgtE), Rational.of(maxE), Rational.of(0), Rational.of(battery.maxChargePowerW()), Rational.of(0),
                    Rational.of(battery.maxChargeCurrentA()), Rational.of(battery.maxVoltage()), Rational.of(battery.minVoltage())));
        } else {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.Scheduled_DC_CLReqControlMode(new Scheduled_DC_CLReqControlModeType(null, null, null,
                    Rational.of(chargeI), Rational.of(v), Rational.of(battery.maxChargePowerW()), null, Rational.of(battery.maxChargeCurrentA()),
                    Rational.of(battery.maxVoltage()), Rational.of(battery.minVoltage())));
        }
        var display = new DisplayParametersType((int) Math.round(battery.soc()), null, cfg.targetSoc(), null, null, null, null,
                battery.soc() >= cfg.targetSoc(), Rational.of(battery.capacityWh()), null);
        return sendDc(new DC_ChargeLoopReqType(header(sessionId), display, false, Rational.of(v), g), "DC_ChargeLoopReq", LOOP_TIMEOUT_MS, delay);
    }

    private Action sendAcLoop(long delay) {
        Decision d = lastDecision;
        double maxP = Math.min(AC_MAX_POWER_W, battery.maxChargePowerW());
        double maxD = Math.min(AC_MAX_POWER_W, battery.maxDischargePowerW());
        RationalNumberType own = Rational.of(acOwnPower());
        RationalNumberType zero = Rational.of(0);
        double tgtE = d == Decision.DISCHARGE ? -battery.energyAbove(20) : battery.energyTo(cfg.targetSoc());
        double maxE = battery.energyTo(100);
        boolean dyn = mode == ControlMode.DYNAMIC;
        AC_ChargeLoopReqType.CLReqControlModeGroup g;
        if (service.bpt && dyn) {
            g = new AC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Dynamic_AC_CLReqControlMode(new BPT_Dynamic_AC_CLReqControlModeType(null,
                    Rational.of(tgtE), Rational.of(maxE), Rational.of(-battery.energyAbove(20)), Rational.of(maxP), null, null, zero, null, null,
                    own, null, null, zero, null, null, Rational.of(maxD), null, null, zero, null, null, null, null));
        } else if (service.bpt) {
            g = new AC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Scheduled_AC_CLReqControlMode(new BPT_Scheduled_AC_CLReqControlModeType(null,
                    null, null, Rational.of(maxP), null, null, null, null, null, own, null, null, null, null, null, Rational.of(maxD), null, null,
                    null, null, null));
        } else if (dyn) {
            g = new AC_ChargeLoopReqType.CLReqControlModeGroup.Dynamic_AC_CLReqControlMode(new Dynamic_AC_CLReqControlModeType(null,
                    Rational.of(Math.max(0, tgtE)), Rational.of(maxE), zero, Rational.of(maxP), null, null, zero, null, null, own, null, null, zero,
                    null, null));
        } else {
            g = new AC_ChargeLoopReqType.CLReqControlModeGroup.Scheduled_AC_CLReqControlMode(new Scheduled_AC_CLReqControlModeType(null, null,
                    null, Rational.of(maxP), null, null, null, null, null, own, null, null, null, null, null));
        }
        var display = new DisplayParametersType((int) Math.round(battery.soc()), null, cfg.targetSoc(), null, null, null, null,
                battery.soc() >= cfg.targetSoc(), Rational.of(battery.capacityWh()), null);
        return send(new Outgoing(Outgoing.AC, SchemaKind.AC, new AC_ChargeLoopReqType(header(sessionId), display, false, g), "AC_ChargeLoopReq"),
                delay, LOOP_TIMEOUT_MS);
    }

    private void checkLoopVariant(DC_ChargeLoopResType.CLResControlModeGroup g) {
        boolean dyn = mode == ControlMode.DYNAMIC;
        boolean ok;
        if (g instanceof DC_ChargeLoopResType.CLResControlModeGroup.BPT_Dynamic_DC_CLResControlMode) {
            ok = service.bpt && dyn;
        } else if (g instanceof DC_ChargeLoopResType.CLResControlModeGroup.BPT_Scheduled_DC_CLResControlMode) {
            ok = service.bpt && !dyn;
        } else if (g instanceof DC_ChargeLoopResType.CLResControlModeGroup.Dynamic_DC_CLResControlMode) {
            ok = !service.bpt && dyn;
        } else {
            ok = !service.bpt && !dyn;
        }
        if (!ok) {
            fail("DC_ChargeLoopRes control mode " + g.getClass().getSimpleName() + " does not match " + service + "/" + mode);
        }
    }

    private Action ongoing(long now, java.util.function.Supplier<Object> req, String name) {
        if (ongoingSince < 0) {
            ongoingSince = now;
        } else if (now - ongoingSince > ONGOING_TIMEOUT_MS) {
            fail(name.replace("Req", "Res") + " still Ongoing after " + ONGOING_TIMEOUT_MS / 1000 + " s");
            return close("ongoing timeout");
        }
        Object r = req.get();
        boolean dc = r instanceof DC_CableCheckReqType;
        return send(new Outgoing(dc ? Outgoing.DC : Outgoing.COMMON, dc ? SchemaKind.DC : SchemaKind.COMMON, r, name), ONGOING_RETRY_MS, MSG_TIMEOUT_MS);
    }

    private Service pickService() {
        Service fallback = null;
        for (ServiceType s : offered) {
            Service x = Service.ofId(s.ServiceID());
            if (x == cfg.service()) {
                return x;
            }
            if (x != null && (fallback == null || x.dc == cfg.service().dc && fallback.dc != cfg.service().dc)) {
                fallback = x;
            }
        }
        if (fallback != null) {
            notes.add("preferred " + cfg.service() + " not offered, using " + fallback);
        }
        return fallback;
    }

    private boolean pickParameterSet(List<ParameterSetType> sets) {
        ParameterSetType chosen = null;
        ControlMode chosenMode = null;
        for (ParameterSetType ps : sets) {
            for (ParameterType p : ps.Parameter()) {
                if (p.Name().equals("ControlMode") && p.Choice() instanceof ParameterType.Choice.intValue iv) {
                    ControlMode m = iv.value() == 2 ? ControlMode.DYNAMIC : iv.value() == 1 ? ControlMode.SCHEDULED : null;
                    if (m != null && (chosen == null || m == cfg.mode() && chosenMode != cfg.mode())) {
                        chosen = ps;
                        chosenMode = m;
                    }
                }
            }
        }
        if (chosen == null) {
            return false;
        }
        if (chosenMode != cfg.mode()) {
            notes.add("preferred " + cfg.mode() + " not offered, using " + chosenMode);
        }
        parameterSetId = chosen.ParameterSetID();
        mode = chosenMode;
        return true;
    }

    // ---------------------------------------------------------------- helpers

    /** Checks response code and SessionID; returns null (and records a failure) on FAILED*. */
    private Object check(Object msg, String expected) {
        if (!msg.getClass().getSimpleName().equals(expected + "Type")) {
            fail("expected " + expected + " in " + phase + ", got " + msg.getClass().getSimpleName());
            return null;
        }
        MessageHeaderType h = header(msg);
        if (h != null && !Arrays.equals(h.SessionID(), sessionId)) {
            fail(expected + " carries a different SessionID");
        }
        responseCodeType code = responseCode(msg);
        if (code != null && code.name().startsWith("FAILED")) {
            fail(expected + " " + code);
            return null;
        }
        if (code != null && code.name().startsWith("WARNING")) {
            notes.add(expected + " " + code);
        }
        return msg;
    }

    private static MessageHeaderType header(Object msg) {
        return msg instanceof V2GMessageType m ? m.Header() : null;
    }

    private static responseCodeType responseCode(Object msg) {
        return msg instanceof V2GResponseType r ? r.ResponseCode() : null;
    }

    private MessageHeaderType header(byte[] id) {
        return new MessageHeaderType(id, epochSeconds(), null);
    }

    private long epochSeconds() {
        return clock.getAsLong() / 1000;
    }

    private Action sendCommon(Object msg, String name, long timeout) {
        return send(new Outgoing(Outgoing.COMMON, SchemaKind.COMMON, msg, name), 0, timeout);
    }

    private Action sendDc(Object msg, String name, long timeout, long delay) {
        return send(new Outgoing(Outgoing.DC, SchemaKind.DC, msg, name), delay, timeout);
    }

    private Action send(Outgoing out, long delay, long timeout) {
        long now = clock.getAsLong();
        deadline = now + delay + timeout;
        return new Action.Send(out, now + delay, deadline);
    }

    private Action close(String reason) {
        phase = Phase.DONE;
        if (stopReason.isEmpty()) {
            stopReason = reason;
        }
        return new Action.Close(paused, reason);
    }

    private void sample(String what, double v, double i) {
        timeline.add(new Sample(clock.getAsLong() - t0, what, v, i, v * i, battery.soc()));
    }

    private void fail(String what) {
        if (failures.contains(what)) {
            return; // a repeated loop violation is reported once
        }
        LOG.warning(what);
        failures.add(what);
    }
}
