package org.secc.ev.conformance;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Rational;
import org.secc.ev.session.Service;
import org.secc.exi.apphand.AppProtocolType;
import org.secc.exi.apphand.supportedAppProtocolReq;
import org.secc.exi.apphand.supportedAppProtocolRes;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/**
 * A valid EV on one connection: it walks the -20 sequence (facts sheet 4.3) step by step, checks every
 * response it needs to go on (code, SessionID echo, response time), and can build any request of the
 * sequence with the current SessionID so that a case can send one out of order. The pack is a bench
 * battery at {@link Settings#evVoltageV()} (100 A / 40 kW charge, 50 A / 20 kW discharge, 350-420 V).
 */
public final class Walk {
    public static final String NS_DC = "urn:iso:std:iso:15118:-20:DC";
    public static final String NS_AC = "urn:iso:std:iso:15118:-20:AC";
    static final double V_MAX = 420, V_MIN = 350, I_CH = 100, I_DIS = 50, P_CH = 40_000, P_DIS = 20_000, AC_P = 11_000;

    /** Where the walk is: the last response received. Ordered as the DC sequence; AC skips the DC-only stages. */
    public enum Stage {
        START, SAP, SESSION_SETUP, AUTHORIZATION_SETUP, AUTHORIZATION, SERVICE_DISCOVERY, SERVICE_DETAIL, SERVICE_SELECTION,
        CHARGE_PARAMETER_DISCOVERY, SCHEDULE_EXCHANGE, CABLE_CHECK, PRE_CHARGE, POWER_DELIVERY_START, CHARGE_LOOP,
        POWER_DELIVERY_STOP, WELDING_DETECTION, SESSION_STOP;

        public boolean dcOnly() {
            return this == CABLE_CHECK || this == PRE_CHARGE || this == WELDING_DETECTION;
        }
    }

    /** Every request kind of a -20 DC or AC session, with the response type it must be answered with ([V2G20-459]). */
    public enum Request {
        SESSION_SETUP(SessionSetupResType.class), AUTHORIZATION_SETUP(AuthorizationSetupResType.class),
        AUTHORIZATION(AuthorizationResType.class), SERVICE_DISCOVERY(ServiceDiscoveryResType.class),
        SERVICE_DETAIL(ServiceDetailResType.class), SERVICE_SELECTION(ServiceSelectionResType.class),
        DC_CHARGE_PARAMETER_DISCOVERY(DC_ChargeParameterDiscoveryResType.class),
        AC_CHARGE_PARAMETER_DISCOVERY(AC_ChargeParameterDiscoveryResType.class),
        SCHEDULE_EXCHANGE(ScheduleExchangeResType.class), DC_CABLE_CHECK(DC_CableCheckResType.class),
        DC_PRE_CHARGE(DC_PreChargeResType.class), POWER_DELIVERY(PowerDeliveryResType.class),
        DC_CHARGE_LOOP(DC_ChargeLoopResType.class), AC_CHARGE_LOOP(AC_ChargeLoopResType.class),
        DC_WELDING_DETECTION(DC_WeldingDetectionResType.class), SESSION_STOP(SessionStopResType.class);

        public final Class<? extends V2GResponseType> response;

        Request(Class<? extends V2GResponseType> response) {
            this.response = response;
        }

        public long limitMs() {
            return switch (this) {
                case SERVICE_DETAIL -> Settings.SERVICE_DETAIL_LIMIT_MS;
                case DC_CHARGE_LOOP, AC_CHARGE_LOOP -> Settings.LOOP_LIMIT_MS;
                default -> Settings.MSG_LIMIT_MS;
            };
        }
    }

    private final CaseContext ctx;
    private final Conversation conv;
    private final Service service;
    private final ControlMode mode;
    private Stage stage = Stage.START;
    private byte[] sessionId = new byte[8];
    private String evccId;
    private int parameterSetId = -1;
    private long tupleId = 1;
    private double evseVoltage;

    Walk(CaseContext ctx, Conversation conv, Service service, ControlMode mode) {
        this.ctx = ctx;
        this.conv = conv;
        this.service = service;
        this.mode = mode;
        this.evccId = String.format("WMIV%016X", ctx.random().nextLong()).substring(0, 20);
    }

    /** Continues a paused session on a new connection with the old SessionID. */
    public Walk resumeOn(Conversation next) {
        Walk w = new Walk(ctx, next, service, mode);
        w.sessionId = sessionId.clone();
        w.evccId = evccId;
        w.parameterSetId = parameterSetId;
        w.tupleId = tupleId;
        return w;
    }

    public Conversation conversation() {
        return conv;
    }

    public Service service() {
        return service;
    }

    public ControlMode mode() {
        return mode;
    }

    public Stage stage() {
        return stage;
    }

    public byte[] sessionId() {
        return sessionId.clone();
    }

    public void sessionId(byte[] id) {
        sessionId = id.clone();
    }

    public MessageHeaderType header() {
        return header(sessionId);
    }

    public static MessageHeaderType header(byte[] id) {
        return new MessageHeaderType(id.clone(), System.currentTimeMillis() / 1000, null);
    }

    /** Walks on until {@code target} is reached (stages the service skips are skipped). */
    public Walk to(Stage target) throws IOException {
        for (Stage s : Stage.values()) {
            if (s.ordinal() <= stage.ordinal() || s == Stage.START) {
                continue;
            }
            if (s.ordinal() > target.ordinal()) {
                break;
            }
            if (s.dcOnly() && !service.dc) {
                continue;
            }
            step(s);
        }
        return this;
    }

    private void step(Stage s) throws IOException {
        switch (s) {
            case SAP -> sap();
            case SESSION_SETUP -> sessionSetup();
            case AUTHORIZATION_SETUP -> authorizationSetup();
            case AUTHORIZATION -> authorization();
            case SERVICE_DISCOVERY -> serviceDiscovery();
            case SERVICE_DETAIL -> serviceDetail();
            case SERVICE_SELECTION -> serviceSelection();
            case CHARGE_PARAMETER_DISCOVERY -> chargeParameterDiscovery();
            case SCHEDULE_EXCHANGE -> scheduleExchange();
            case CABLE_CHECK -> cableCheck();
            case PRE_CHARGE -> preCharge();
            case POWER_DELIVERY_START -> powerDelivery(chargeProgressType.Start);
            case CHARGE_LOOP -> chargeLoop();
            case POWER_DELIVERY_STOP -> powerDelivery(chargeProgressType.Stop);
            case WELDING_DETECTION -> weldingDetection();
            case SESSION_STOP -> sessionStop(chargingSessionType.Terminate);
            default -> throw new IllegalStateException(s.name());
        }
    }

    // ------------------------------------------------------------------ steps

    public supportedAppProtocolReq sapRequest() {
        boolean dcFirst = service.dc;
        return new supportedAppProtocolReq(List.of(new AppProtocolType(NS_DC, 1, 0, 1, dcFirst ? 1 : 2),
                new AppProtocolType(NS_AC, 1, 0, 2, dcFirst ? 2 : 1)));
    }

    public supportedAppProtocolRes sap() throws IOException {
        supportedAppProtocolRes r = conv.exchange(sapRequest(), supportedAppProtocolRes.class, Settings.MSG_LIMIT_MS);
        String code = r.ResponseCode().name();
        ctx.check(code.startsWith("OK"), "SupportedAppProtocolRes: expected OK_SuccessfulNegotiation, got " + code);
        stage = Stage.SAP;
        return r;
    }

    public SessionSetupResType sessionSetup() throws IOException {
        boolean resume = !Arrays.equals(sessionId, new byte[8]);
        SessionSetupResType r = conv.exchange(new SessionSetupReqType(header(), evccId), SessionSetupResType.class, Settings.MSG_LIMIT_MS);
        if (resume) {
            ctx.checkEquals(responseCodeType.OK_OldSessionJoined, r.ResponseCode(), "SessionSetupRes with the paused SessionID");
            ctx.check(Arrays.equals(sessionId, r.Header().SessionID()), "the resumed SessionID is echoed ([V2G20-2623]): expected "
                    + hex(sessionId) + ", got " + hex(r.Header().SessionID()));
        } else {
            ctx.checkEquals(responseCodeType.OK_NewSessionEstablished, r.ResponseCode(), "SessionSetupRes ResponseCode");
            ctx.check(!Arrays.equals(r.Header().SessionID(), new byte[8]), "a new SessionID is not all zeros");
        }
        sessionId = r.Header().SessionID().clone();
        stage = Stage.SESSION_SETUP;
        return r;
    }

    public AuthorizationSetupResType authorizationSetup() throws IOException {
        var r = ok(new AuthorizationSetupReqType(header()), AuthorizationSetupResType.class);
        ctx.check(r.AuthorizationServices().contains(authorizationType.EIM), "AuthorizationSetupRes offers EIM (the suite authorizes by EIM); it offers "
                + r.AuthorizationServices());
        stage = Stage.AUTHORIZATION_SETUP;
        return r;
    }

    public AuthorizationReqType authorizationRequest() {
        return new AuthorizationReqType(header(), authorizationType.EIM,
                new AuthorizationReqType.AReqAuthorizationMode.EIM_AReqAuthorizationMode(new EIM_AReqAuthorizationModeType()));
    }

    /** EIM; repeats while the charger answers Ongoing, within V2G_EVCC_Ongoing_Timeout. */
    public AuthorizationResType authorization() throws IOException {
        long start = ctx.nowMs();
        while (true) {
            var r = ok(authorizationRequest(), AuthorizationResType.class);
            if (r.EVSEProcessing() == processingType.Finished) {
                stage = Stage.AUTHORIZATION;
                return r;
            }
            ongoingPause(start, "AuthorizationRes");
        }
    }

    public ServiceDiscoveryResType serviceDiscovery() throws IOException {
        var r = ok(new ServiceDiscoveryReqType(header(), null), ServiceDiscoveryResType.class);
        boolean offered = r.EnergyTransferServiceList().Service().stream().anyMatch(s -> s.ServiceID() == service.id);
        if (!offered) {
            throw new NotApplicable("the charger does not offer " + service + " (ServiceID " + service.id + ")");
        }
        stage = Stage.SERVICE_DISCOVERY;
        return r;
    }

    public ServiceDetailResType serviceDetail() throws IOException {
        var r = conv.exchange(new ServiceDetailReqType(header(), service.id), ServiceDetailResType.class, Settings.SERVICE_DETAIL_LIMIT_MS);
        okCode(r);
        for (ParameterSetType set : r.ServiceParameterList().ParameterSet()) {
            for (ParameterType p : set.Parameter()) {
                if ("ControlMode".equals(p.Name()) && p.Choice() instanceof ParameterType.Choice.intValue iv && iv.value() == mode.code) {
                    parameterSetId = set.ParameterSetID();
                }
            }
        }
        if (parameterSetId < 0) {
            throw new NotApplicable("the charger offers no " + mode + " parameter set for " + service);
        }
        stage = Stage.SERVICE_DETAIL;
        return r;
    }

    public ServiceSelectionReqType serviceSelectionRequest(int serviceId, int setId) {
        return new ServiceSelectionReqType(header(), new SelectedServiceType(serviceId, setId), null);
    }

    public ServiceSelectionResType serviceSelection() throws IOException {
        var r = ok(serviceSelectionRequest(service.id, parameterSetId), ServiceSelectionResType.class);
        stage = Stage.SERVICE_SELECTION;
        return r;
    }

    public Object chargeParameterDiscoveryRequest(boolean dc, boolean bpt) {
        if (!dc) {
            var g = bpt
                    ? new AC_ChargeParameterDiscoveryReqType.AC_CPDReqEnergyTransferModeGroup.BPT_AC_CPDReqEnergyTransferMode(
                    new BPT_AC_CPDReqEnergyTransferModeType(Rational.of(AC_P), null, null, Rational.of(0), null, null,
                            Rational.of(AC_P), null, null, Rational.of(0), null, null))
                    : new AC_ChargeParameterDiscoveryReqType.AC_CPDReqEnergyTransferModeGroup.AC_CPDReqEnergyTransferMode(
                    new AC_CPDReqEnergyTransferModeType(Rational.of(AC_P), null, null, Rational.of(0), null, null));
            return new AC_ChargeParameterDiscoveryReqType(header(), g);
        }
        DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup g = bpt
                ? new DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup.BPT_DC_CPDReqEnergyTransferMode(
                new BPT_DC_CPDReqEnergyTransferModeType(Rational.of(P_CH), Rational.of(0), Rational.of(I_CH), Rational.of(0),
                        Rational.of(V_MAX), Rational.of(V_MIN), 80, Rational.of(P_DIS), Rational.of(0), Rational.of(I_DIS), Rational.of(0)))
                : new DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup.DC_CPDReqEnergyTransferMode(
                new DC_CPDReqEnergyTransferModeType(Rational.of(P_CH), Rational.of(0), Rational.of(I_CH), Rational.of(0),
                        Rational.of(V_MAX), Rational.of(V_MIN), 80));
        return new DC_ChargeParameterDiscoveryReqType(header(), g);
    }

    public V2GResponseType chargeParameterDiscovery() throws IOException {
        V2GResponseType r = service.dc
                ? ok(chargeParameterDiscoveryRequest(true, service.bpt), DC_ChargeParameterDiscoveryResType.class)
                : ok(chargeParameterDiscoveryRequest(false, service.bpt), AC_ChargeParameterDiscoveryResType.class);
        stage = Stage.CHARGE_PARAMETER_DISCOVERY;
        return r;
    }

    public ScheduleExchangeReqType scheduleExchangeRequest() {
        ScheduleExchangeReqType.SEReqControlMode m = mode == ControlMode.DYNAMIC
                ? new ScheduleExchangeReqType.SEReqControlMode.Dynamic_SEReqControlMode(new Dynamic_SEReqControlModeType(
                7200, null, 80, Rational.of(20_000), Rational.of(40_000), Rational.of(0),
                service.bpt ? Rational.of(40_000) : null, service.bpt ? Rational.of(-10_000) : null))
                : new ScheduleExchangeReqType.SEReqControlMode.Scheduled_SEReqControlMode(new Scheduled_SEReqControlModeType(
                7200L, Rational.of(20_000), Rational.of(40_000), Rational.of(0), null));
        return new ScheduleExchangeReqType(header(), 24, m);
    }

    public ScheduleExchangeResType scheduleExchange() throws IOException {
        long start = ctx.nowMs();
        while (true) {
            var r = ok(scheduleExchangeRequest(), ScheduleExchangeResType.class);
            if (r.EVSEProcessing() == processingType.Finished) {
                if (r.SEResControlMode() instanceof ScheduleExchangeResType.SEResControlMode.Scheduled_SEResControlMode s) {
                    ctx.check(mode == ControlMode.SCHEDULED, "ScheduleExchangeRes carries Scheduled_SEResControlMode in a Dynamic session");
                    ctx.check(!s.value().ScheduleTuple().isEmpty(), "Scheduled_SEResControlMode without a ScheduleTuple");
                    tupleId = s.value().ScheduleTuple().get(0).ScheduleTupleID();
                } else {
                    ctx.check(mode == ControlMode.DYNAMIC, "ScheduleExchangeRes carries Dynamic_SEResControlMode in a Scheduled session");
                }
                stage = Stage.SCHEDULE_EXCHANGE;
                return r;
            }
            ongoingPause(start, "ScheduleExchangeRes");
        }
    }

    public DC_CableCheckResType cableCheck() throws IOException {
        long start = ctx.nowMs();
        while (true) {
            var r = ok(new DC_CableCheckReqType(header()), DC_CableCheckResType.class);
            if (r.EVSEProcessing() == processingType.Finished) {
                stage = Stage.CABLE_CHECK;
                return r;
            }
            ongoingPause(start, "DC_CableCheckRes");
        }
    }

    public DC_PreChargeReqType preChargeRequest(processingType p) {
        return new DC_PreChargeReqType(header(), p, Rational.of(v()), Rational.of(v()));
    }

    private double v() {
        return ctx.settings().evVoltageV();
    }

    /** Ongoing until the charger's voltage is within 20 V of the pack (at most 10 s), then one Finished. */
    public DC_PreChargeResType preCharge() throws IOException {
        long start = ctx.nowMs();
        while (true) {
            var r = ok(preChargeRequest(processingType.Ongoing), DC_PreChargeResType.class);
            evseVoltage = Rational.value(r.EVSEPresentVoltage());
            if (Math.abs(evseVoltage - v()) <= Settings.PRECHARGE_TOLERANCE_V) {
                break;
            }
            ctx.check(ctx.nowMs() - start < 10_000, "precharge did not reach " + v() + " V within 10 s (V2G_EVCC_PreCharge_Timeout); last "
                    + evseVoltage + " V");
            pause(50);
        }
        var r = ok(preChargeRequest(processingType.Finished), DC_PreChargeResType.class);
        stage = Stage.PRE_CHARGE;
        return r;
    }

    public PowerDeliveryReqType powerDeliveryRequest(chargeProgressType progress) {
        EVPowerProfileType profile = null;
        if (progress == chargeProgressType.Start) {
            EVPowerProfileType.EVPPTControlMode m = mode == ControlMode.DYNAMIC
                    ? new EVPowerProfileType.EVPPTControlMode.Dynamic_EVPPTControlMode(new Dynamic_EVPPTControlModeType())
                    : new EVPowerProfileType.EVPPTControlMode.Scheduled_EVPPTControlMode(new Scheduled_EVPPTControlModeType(tupleId, null));
            profile = new EVPowerProfileType(System.currentTimeMillis() / 1000, m, new EVPowerProfileEntryListType(
                    List.of(new PowerScheduleEntryType(86400, Rational.of(service.dc ? P_CH : AC_P), null, null))));
        }
        return new PowerDeliveryReqType(header(), processingType.Finished, progress, profile, null);
    }

    public PowerDeliveryResType powerDelivery(chargeProgressType progress) throws IOException {
        var r = ok(powerDeliveryRequest(progress), PowerDeliveryResType.class);
        stage = progress == chargeProgressType.Start ? Stage.POWER_DELIVERY_START : Stage.POWER_DELIVERY_STOP;
        return r;
    }

    /** A charge-loop request of the session's energy type; {@code discharge} asks for power from the EV (BPT). */
    public Object chargeLoopRequest(boolean dc, boolean discharge) {
        boolean dyn = mode == ControlMode.DYNAMIC;
        boolean bpt = service.bpt;
        if (!dc) {
            RationalNumberType zero = Rational.of(0);
            RationalNumberType own = Rational.of(discharge ? -AC_P / 2 : AC_P / 2);
            AC_ChargeLoopReqType.CLReqControlModeGroup g;
            if (bpt && dyn) {
                g = new AC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Dynamic_AC_CLReqControlMode(new BPT_Dynamic_AC_CLReqControlModeType(null,
                        Rational.of(discharge ? -10_000 : 20_000), Rational.of(40_000), Rational.of(-10_000), Rational.of(AC_P), null, null, zero,
                        null, null, own, null, null, zero, null, null, Rational.of(AC_P), null, null, zero, null, null, null, null));
            } else if (bpt) {
                g = new AC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Scheduled_AC_CLReqControlMode(new BPT_Scheduled_AC_CLReqControlModeType(
                        null, null, null, Rational.of(AC_P), null, null, null, null, null, own, null, null, null, null, null, Rational.of(AC_P),
                        null, null, null, null, null));
            } else if (dyn) {
                g = new AC_ChargeLoopReqType.CLReqControlModeGroup.Dynamic_AC_CLReqControlMode(new Dynamic_AC_CLReqControlModeType(null,
                        Rational.of(20_000), Rational.of(40_000), zero, Rational.of(AC_P), null, null, zero, null, null, own, null, null, zero,
                        null, null));
            } else {
                g = new AC_ChargeLoopReqType.CLReqControlModeGroup.Scheduled_AC_CLReqControlMode(new Scheduled_AC_CLReqControlModeType(null,
                        null, null, Rational.of(AC_P), null, null, null, null, null, own, null, null, null, null, null));
            }
            return new AC_ChargeLoopReqType(header(), display(), false, g);
        }
        double targetI = discharge ? -I_DIS : I_CH;
        DC_ChargeLoopReqType.CLReqControlModeGroup g;
        if (bpt && dyn) {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Dynamic_DC_CLReqControlMode(new BPT_Dynamic_DC_CLReqControlModeType(null,
                    Rational.of(discharge ? -10_000 : 20_000), Rational.of(40_000), Rational.of(-10_000), Rational.of(P_CH), Rational.of(0),
                    Rational.of(I_CH), Rational.of(V_MAX), Rational.of(V_MIN), Rational.of(P_DIS), Rational.of(0), Rational.of(I_DIS), null, null));
        } else if (bpt) {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Scheduled_DC_CLReqControlMode(new BPT_Scheduled_DC_CLReqControlModeType(null,
                    null, null, Rational.of(targetI), Rational.of(v()), Rational.of(P_CH), null, Rational.of(I_CH), Rational.of(V_MAX),
                    Rational.of(V_MIN), Rational.of(P_DIS), null, Rational.of(I_DIS)));
        } else if (dyn) {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.Dynamic_DC_CLReqControlMode(new Dynamic_DC_CLReqControlModeType(null,
                    Rational.of(20_000), Rational.of(40_000), Rational.of(0), Rational.of(P_CH), Rational.of(0), Rational.of(I_CH),
                    Rational.of(V_MAX), Rational.of(V_MIN)));
        } else {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.Scheduled_DC_CLReqControlMode(new Scheduled_DC_CLReqControlModeType(null, null,
                    null, Rational.of(I_CH), Rational.of(v()), Rational.of(P_CH), null, Rational.of(I_CH), Rational.of(V_MAX), Rational.of(V_MIN)));
        }
        return new DC_ChargeLoopReqType(header(), display(), false, Rational.of(v()), g);
    }

    private static DisplayParametersType display() {
        return new DisplayParametersType(50, null, 80, null, null, null, null, false, Rational.of(2000), null);
    }

    /** One charge-loop exchange (charging); checks the control-mode variant of the answer. */
    public V2GResponseType chargeLoop() throws IOException {
        return chargeLoop(false);
    }

    public V2GResponseType chargeLoop(boolean discharge) throws IOException {
        V2GResponseType r;
        if (service.dc) {
            var res = ok(chargeLoopRequest(true, discharge), DC_ChargeLoopResType.class);
            String variant = res.CLResControlModeGroup().getClass().getSimpleName();
            ctx.checkEquals(expectedVariant("DC"), variant, "DC_ChargeLoopRes control-mode element");
            r = res;
        } else {
            var res = ok(chargeLoopRequest(false, discharge), AC_ChargeLoopResType.class);
            String variant = res.CLResControlModeGroup().getClass().getSimpleName();
            ctx.checkEquals(expectedVariant("AC"), variant, "AC_ChargeLoopRes control-mode element");
            r = res;
        }
        stage = Stage.CHARGE_LOOP;
        return r;
    }

    /** The response variant that matches the agreed service and mode, e.g. BPT_Dynamic_DC_CLResControlMode. */
    public String expectedVariant(String energy) {
        return (service.bpt ? "BPT_" : "") + (mode == ControlMode.DYNAMIC ? "Dynamic_" : "Scheduled_") + energy + "_CLResControlMode";
    }

    public DC_WeldingDetectionResType weldingDetection() throws IOException {
        var r = ok(new DC_WeldingDetectionReqType(header(), processingType.Finished), DC_WeldingDetectionResType.class);
        stage = Stage.WELDING_DETECTION;
        return r;
    }

    public SessionStopReqType sessionStopRequest(chargingSessionType how) {
        return new SessionStopReqType(header(), how, null, null);
    }

    public SessionStopResType sessionStop(chargingSessionType how) throws IOException {
        var r = ok(sessionStopRequest(how), SessionStopResType.class);
        stage = Stage.SESSION_STOP;
        return r;
    }

    /** A well-formed request of any kind with the current SessionID, as the walk would send it. */
    public Object build(Request k) {
        return switch (k) {
            case SESSION_SETUP -> new SessionSetupReqType(header(), evccId);
            case AUTHORIZATION_SETUP -> new AuthorizationSetupReqType(header());
            case AUTHORIZATION -> authorizationRequest();
            case SERVICE_DISCOVERY -> new ServiceDiscoveryReqType(header(), null);
            case SERVICE_DETAIL -> new ServiceDetailReqType(header(), service.id);
            case SERVICE_SELECTION -> serviceSelectionRequest(service.id, Math.max(parameterSetId, 1));
            case DC_CHARGE_PARAMETER_DISCOVERY -> chargeParameterDiscoveryRequest(true, service.bpt && service.dc);
            case AC_CHARGE_PARAMETER_DISCOVERY -> chargeParameterDiscoveryRequest(false, service.bpt && !service.dc);
            case SCHEDULE_EXCHANGE -> scheduleExchangeRequest();
            case DC_CABLE_CHECK -> new DC_CableCheckReqType(header());
            case DC_PRE_CHARGE -> preChargeRequest(processingType.Ongoing);
            case POWER_DELIVERY -> powerDeliveryRequest(chargeProgressType.Start);
            case DC_CHARGE_LOOP -> chargeLoopRequest(true, false);
            case AC_CHARGE_LOOP -> chargeLoopRequest(false, false);
            case DC_WELDING_DETECTION -> new DC_WeldingDetectionReqType(header(), processingType.Finished);
            case SESSION_STOP -> sessionStopRequest(chargingSessionType.Terminate);
        };
    }

    /** Sends {@code request} and returns its response without judging the code. */
    public <T extends V2GResponseType> T send(Object request, Class<T> type) throws IOException {
        long limit = type == ServiceDetailResType.class ? Settings.SERVICE_DETAIL_LIMIT_MS
                : (type == DC_ChargeLoopResType.class || type == AC_ChargeLoopResType.class) ? Settings.LOOP_LIMIT_MS : Settings.MSG_LIMIT_MS;
        T r = conv.exchange(request, type, limit);
        if (!(request instanceof SessionSetupReqType)) {
            ctx.check(Arrays.equals(sessionId, r.Header().SessionID()) || r.ResponseCode() == responseCodeType.FAILED_UnknownSession,
                    Wire.nameOf(r) + " echoes the SessionID ([V2G20-460]): expected " + hex(sessionId) + ", got " + hex(r.Header().SessionID()));
        }
        return r;
    }

    private <T extends V2GResponseType> T ok(Object request, Class<T> type) throws IOException {
        T r = send(request, type);
        okCode(r);
        return r;
    }

    private void okCode(V2GResponseType r) {
        ctx.check(r.ResponseCode().name().startsWith("OK"), Wire.nameOf(r) + " in a valid sequence: expected OK, got " + r.ResponseCode());
    }

    private void ongoingPause(long start, String what) {
        ctx.check(ctx.nowMs() - start < Settings.ONGOING_LIMIT_MS, what + " stayed Ongoing longer than V2G_EVCC_Ongoing_Timeout (60 s)");
        pause(100);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms); // the EV's pacing between repeated requests, at the edge
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaseFailure("interrupted");
        }
    }

    public static String hex(byte[] b) {
        return b == null ? "null" : HexFormat.of().withUpperCase().formatHex(b);
    }
}
