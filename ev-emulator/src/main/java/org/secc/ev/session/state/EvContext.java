package org.secc.ev.session.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.secc.ev.session.Action;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Decision;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.Fault;
import org.secc.ev.session.LoopPolicy;
import org.secc.ev.session.Outgoing;
import org.secc.ev.session.Rational;
import org.secc.ev.session.Sample;
import org.secc.ev.session.Service;
import org.secc.exi.SchemaKind;
import org.secc.exi.apphand.AppProtocolType;
import org.secc.exi.apphand.supportedAppProtocolReq;
import org.secc.exi.apphand.supportedAppProtocolRes;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;
import org.secc.ev.battery.Battery;

/**
 * What the states of the EV session share: the session's data (SessionID, chosen service and
 * control mode, the EVSE limits, timers and counters, the failures and notes collected), the
 * request builders and the response checks, and the dispatch of each response to the state of the
 * current {@link Phase}. {@link org.secc.ev.session.EvSession} is its public face.
 */
public final class EvContext {
    /** One state class per phase, stateless: the session's data lives here. */
    private static final java.util.Map<Phase, EvState> STATES = states();

    private static java.util.Map<Phase, EvState> states() {
        java.util.Map<Phase, EvState> m = new java.util.EnumMap<>(Phase.class);
        for (EvState s : new EvState[] {
                new WaitSupportedAppProtocol(), new WaitSessionSetup(), new WaitAuthorizationSetup(), new WaitAuthorization(),
                new WaitServiceDiscovery(), new WaitServiceDetail(), new WaitServiceSelection(), new WaitChargeParameterDiscovery(),
                new WaitScheduleExchange(), new WaitCableCheck(), new WaitPreCharge(), new WaitPowerDeliveryStart(), new ChargeLoop(),
                new WaitPowerDeliveryStop(), new WaitRenegotiation(), new WaitWeldingDetection(), new WaitSessionStop(), new FaultProbe(),
                new Done()}) {
            m.put(s.phase(), s);
        }
        return m;
    }

    static final Logger LOG = Logger.getLogger("org.secc.ev.session.EvSession");
    static final String NS_DC = "urn:iso:std:iso:15118:-20:DC";
    static final String NS_AC = "urn:iso:std:iso:15118:-20:AC";
    /** AC: the EV's own charge/discharge power limit at the inlet (11 kW on three phases). */
    static final double AC_MAX_POWER_W = 11_000;
    static final long MSG_TIMEOUT_MS = 2000;          // V2G_EVCC_Msg_Timeout (ISO 15118-20 timers; secc-app/README-session.md, "Timers")
    static final long SERVICE_DETAIL_TIMEOUT_MS = 5000;
    static final long LOOP_TIMEOUT_MS = 500;
    static final long ONGOING_TIMEOUT_MS = 60_000;     // V2G_EVCC_Ongoing_Timeout
    static final long ONGOING_RETRY_MS = 200;


    final EvConfig cfg;
    final Battery battery;
    final LongSupplier clock;
    final LoopPolicy policy;
    final long t0;
    final List<String> failures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<Sample> timeline = new ArrayList<>();

    Phase phase = Phase.SAP;
    byte[] sessionId = new byte[8];
    Service service;
    ControlMode mode;
    int parameterSetId;
    List<ServiceType> offered = List.of();
    long selectedTupleId = 1;
    double evseMaxCurrent = Double.MAX_VALUE;
    double evseMaxDischargeCurrent = Double.MAX_VALUE;
    double evseMaxVoltage = Double.MAX_VALUE;
    long deadline;
    long ongoingSince = -1;
    long loopStart = -1;
    long lastLoopAt = -1;
    int precharges;
    int weldings;
    boolean pauseRequested;
    boolean resuming;
    boolean paused;
    boolean endedOk;
    String stopReason = "";
    Decision lastDecision = Decision.CHARGE;
    responseCodeType expectedFailure;

    /** Multiplies every response deadline (1: the standard's); see {@link #EvContext(EvConfig, Battery, LongSupplier, LoopPolicy, int)}. */
    final int timeoutScale;

    public EvContext(EvConfig cfg, Battery battery, LongSupplier clockMs, LoopPolicy policy) {
        this(cfg, battery, clockMs, policy, 1);
    }

    /**
     * @param timeoutScale multiplies the EV's response deadlines (2 s, 5 s for ServiceDetail, 0.5 s in
     *                     the loops), for a charger on an emulated or very slow host; 1 checks the
     *                     standard's deadlines
     */
    public EvContext(EvConfig cfg, Battery battery, LongSupplier clockMs, LoopPolicy policy, int timeoutScale) {
        if (timeoutScale < 1 || timeoutScale > 100) {
            throw new IllegalArgumentException("timeout scale " + timeoutScale + " is out of range; allowed 1 to 100");
        }
        this.timeoutScale = timeoutScale;
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
            return STATES.get(phase).onResponse(msg, now, this);
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


    boolean lastPrechargeFinished;
    boolean renegotiating;
    long phaseStart;

    // ---------------------------------------------------------------- requests

    Action sendSessionStop() {
        phase = Phase.SESSION_STOP;
        var stop = new SessionStopReqType(header(sessionId), pauseRequested ? chargingSessionType.Pause : chargingSessionType.Terminate,
                null, null);
        return sendCommon(stop, "SessionStopReq", MSG_TIMEOUT_MS);
    }

    /** The active power the SECC applies (W, signed), from the AC loop response; checks the variant. */
    double acPower(AC_ChargeLoopResType.CLResControlModeGroup g) {
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
    double acOwnPower() {
        return lastDecision == Decision.DISCHARGE ? -Math.min(AC_MAX_POWER_W, battery.maxDischargePowerW())
                : Math.min(AC_MAX_POWER_W, battery.maxChargePowerW());
    }

    Action sendAuthorization() {
        phase = Phase.AUTH;
        return sendCommon(authRequest(), "AuthorizationReq", MSG_TIMEOUT_MS);
    }

    AuthorizationReqType authRequest() {
        return new AuthorizationReqType(header(sessionId), authorizationType.EIM,
                new AuthorizationReqType.AReqAuthorizationMode.EIM_AReqAuthorizationMode(new EIM_AReqAuthorizationModeType()));
    }

    Action sendCpd() {
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

    Action sendScheduleExchange() {
        phase = Phase.SCHEDULE_EXCHANGE;
        return sendCommon(scheduleExchangeRequest(), "ScheduleExchangeReq", MSG_TIMEOUT_MS);
    }

    ScheduleExchangeReqType scheduleExchangeRequest() {
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

    Action sendPreCharge(processingType p, long delay) {
        if (precharges == 0 && p == processingType.Ongoing && !lastPrechargeFinished) {
            phaseStart = clock.getAsLong();
        }
        double v = battery.voltage();
        return sendDc(new DC_PreChargeReqType(header(sessionId), p, Rational.of(v), Rational.of(v)), "DC_PreChargeReq", MSG_TIMEOUT_MS, delay);
    }

    PowerDeliveryReqType powerDelivery(chargeProgressType progress) {
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

    Action stopFromLoop() {
        phase = Phase.POWER_DELIVERY_STOP;
        return sendCommon(powerDelivery(chargeProgressType.Stop), "PowerDeliveryReq", MSG_TIMEOUT_MS);
    }

    Action sendLoop(long delay) {
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

    Action sendAcLoop(long delay) {
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

    void checkLoopVariant(DC_ChargeLoopResType.CLResControlModeGroup g) {
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

    Action ongoing(long now, java.util.function.Supplier<Object> req, String name) {
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

    Service pickService() {
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

    boolean pickParameterSet(List<ParameterSetType> sets) {
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
    Object check(Object msg, String expected) {
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

    static MessageHeaderType header(Object msg) {
        return msg instanceof V2GMessageType m ? m.Header() : null;
    }

    static responseCodeType responseCode(Object msg) {
        return msg instanceof V2GResponseType r ? r.ResponseCode() : null;
    }

    MessageHeaderType header(byte[] id) {
        return new MessageHeaderType(id, epochSeconds(), null);
    }

    long epochSeconds() {
        return clock.getAsLong() / 1000;
    }

    Action sendCommon(Object msg, String name, long timeout) {
        return send(new Outgoing(Outgoing.COMMON, SchemaKind.COMMON, msg, name), 0, timeout);
    }

    Action sendDc(Object msg, String name, long timeout, long delay) {
        return send(new Outgoing(Outgoing.DC, SchemaKind.DC, msg, name), delay, timeout);
    }

    Action send(Outgoing out, long delay, long timeout) {
        long now = clock.getAsLong();
        deadline = now + delay + timeout * timeoutScale;
        return new Action.Send(out, now + delay, deadline);
    }

    Action close(String reason) {
        phase = Phase.DONE;
        if (stopReason.isEmpty()) {
            stopReason = reason;
        }
        return new Action.Close(paused, reason);
    }

    void sample(String what, double v, double i) {
        timeline.add(new Sample(clock.getAsLong() - t0, what, v, i, v * i, battery.soc()));
    }

    void fail(String what) {
        if (failures.contains(what)) {
            return; // a repeated loop violation is reported once
        }
        LOG.warning(what);
        failures.add(what);
    }
}
