package org.secc.ev.din;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import org.secc.ev.battery.Battery;
import org.secc.ev.session.Action;
import org.secc.ev.session.EvClient;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.Fault;
import org.secc.ev.session.LoopPolicy;
import org.secc.ev.session.Outgoing;
import org.secc.ev.session.Sample;
import org.secc.exi.SchemaKind;
import org.secc.exi.apphand.AppProtocolType;
import org.secc.exi.apphand.supportedAppProtocolReq;
import org.secc.exi.apphand.supportedAppProtocolRes;
import org.secc.exi.din.BodyType;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.V2G_Message;
import org.secc.exi.din.header.MessageHeaderType;
import org.secc.exi.din.types.DC_EVErrorCodeType;
import org.secc.exi.din.types.DC_EVStatusType;
import org.secc.exi.din.types.PhysicalValueType;
import org.secc.exi.din.types.responseCodeType;
import org.secc.exi.din.types.unitSymbolType;

/**
 * The EV side of a DIN SPEC 70121 DC session (EIM / ExternalPayment), sans-I/O like the -20
 * {@code EvSession}: {@link #start()} gives the SupportedAppProtocolReq, {@link #onResponse(Object)}
 * takes each decoded response and gives the next {@link Action}. One class per awaited response
 * ({@link DinEvState}). Every response is checked (type, ResponseCode, SessionID echo, the EV's
 * deadlines: 2 s, 0.25 s for CurrentDemand); violations are collected in {@link #failures()}.
 */
public final class DinEvSession implements EvClient {
    private static final Logger LOG = Logger.getLogger(DinEvSession.class.getName());
    public static final String NS_DIN = "urn:din:70121:2012:MsgDef";
    /** V2G_EVCC_Msg_Timeout: 2 s for every DIN message but CurrentDemand. */
    static final long MSG_TIMEOUT_MS = 2000;
    /** V2G_EVCC_Msg_Timeout for CurrentDemand (0.25 s). */
    static final long CURRENT_DEMAND_TIMEOUT_MS = 250;
    /** V2G_EVCC_Ongoing_Timeout (60 s) for ContractAuthentication and ChargeParameterDiscovery. */
    static final long ONGOING_TIMEOUT_MS = 60_000;
    /** V2G_EVCC_CableCheck_Timeout (40 s). */
    static final long CABLE_CHECK_TIMEOUT_MS = 40_000;
    /** V2G_EVCC_PreCharge_Timeout (7 s). */
    static final long PRECHARGE_TIMEOUT_MS = 7_000;
    /** Pause between repeated Ongoing requests (real EVs: about 1 s; shorter keeps bench runs quick). */
    static final long ONGOING_RETRY_MS = 200;
    /** Precharge is done when the charger's voltage is this close to the battery (pyPLC: 10 V; ASSURED: < 20 V). */
    static final double PRECHARGE_DELTA_V = 10;
    /** Welding detection is done below this voltage (IEC 61851-23: 60 V). */
    static final double WELDING_DONE_V = 60;

    final EvConfig cfg;
    final DinQuirks quirks;
    final Battery battery;
    final LongSupplier clock;
    final LoopPolicy policy;
    final long loopTimeoutMs;
    final long t0;
    final List<String> failures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<Sample> timeline = new ArrayList<>();

    DinEvState state;
    boolean sapDone;
    byte[] sessionId = new byte[8];
    /** The SessionID in the header of the response being handled. */
    byte[] lastHeaderId = new byte[8];
    int serviceId = 1;
    double evseMaxCurrent = Double.MAX_VALUE;
    double evseMaxVoltage = Double.MAX_VALUE;
    double evseMaxPower = Double.MAX_VALUE;
    long deadline;
    long phaseStart = -1;
    long loopStart = -1;
    long lastLoopAt = -1;
    int messages;
    int precharges;
    int weldings;
    boolean endedOk;
    String stopReason = "";
    responseCodeType expectedFailure;
    private boolean probing;

    public DinEvSession(EvConfig cfg, DinQuirks quirks, Battery battery, LongSupplier clockMs, LoopPolicy policy) {
        this(cfg, quirks, battery, clockMs, policy, CURRENT_DEMAND_TIMEOUT_MS);
    }

    /** @param loopTimeoutMs the CurrentDemand response deadline (0.25 s in DIN; a busy test host may need more) */
    public DinEvSession(EvConfig cfg, DinQuirks quirks, Battery battery, LongSupplier clockMs, LoopPolicy policy, long loopTimeoutMs) {
        this.cfg = cfg;
        this.quirks = quirks;
        this.battery = battery;
        this.clock = clockMs;
        this.policy = policy;
        this.loopTimeoutMs = loopTimeoutMs;
        this.t0 = clockMs.getAsLong();
    }

    // ---------------------------------------------------------------- EvClient

    @Override
    public Action start() {
        sapDone = false;
        state = null;
        var req = new supportedAppProtocolReq(List.of(new AppProtocolType(NS_DIN, 2, 0, 1, 1)));
        deadline = clock.getAsLong() + MSG_TIMEOUT_MS;
        return new Action.Send(new Outgoing(Outgoing.SAP, SchemaKind.SAP, req, "supportedAppProtocolReq"), clock.getAsLong(), deadline);
    }

    @Override
    public Action resume() {
        throw new IllegalStateException("DIN 70121 has no pause: nothing to resume");
    }

    @Override
    public SchemaKind responseKind(int payloadType) {
        return sapDone ? SchemaKind.DIN : SchemaKind.SAP;
    }

    @Override
    public Action onResponse(Object msg) {
        long now = clock.getAsLong();
        if (now > deadline) {
            fail(String.format("%s arrived %d ms after its deadline", name(msg), now - deadline));
        }
        if (!sapDone) {
            if (!(msg instanceof supportedAppProtocolRes res)) {
                fail("expected supportedAppProtocolRes, got " + name(msg));
                return close("unexpected message");
            }
            return onSap(res);
        }
        if (!(msg instanceof V2G_Message m) || m.Body().BodyElementGroup() == null) {
            fail("expected a DIN V2G_Message, got " + name(msg));
            return close("unexpected message");
        }
        BodyElementGroup body = m.Body().BodyElementGroup();
        String got = body.getClass().getSimpleName();
        if (probing) {
            responseCodeType code = code(body);
            if (code == expectedFailure) {
                notes.add("SECC answered " + code + " as expected");
                endedOk = true;
            } else {
                fail("fault " + cfg.fault() + ": expected " + expectedFailure + ", got " + code);
            }
            state = null;
            return new Action.Silence(5_000); // the SECC ends the session after a FAILED code and closes
        }
        if (state == null || !got.equals(state.expects())) {
            fail("expected " + (state == null ? "nothing" : state.expects()) + ", got " + got);
            return close("unexpected message");
        }
        if (!(state instanceof WaitSessionSetupRes) && !Arrays.equals(m.Header().SessionID(), sessionId)) {
            fail(got + " carries another SessionID");
        }
        lastHeaderId = m.Header().SessionID().clone();
        responseCodeType code = code(body);
        if (code != null && code.name().startsWith("FAILED")) {
            fail(got + " " + code + " in " + state.phase());
            return close(got + " " + code);
        }
        return state.onResponse(body, this, now);
    }

    private Action onSap(supportedAppProtocolRes res) {
        if (res.ResponseCode() == org.secc.exi.apphand.responseCodeType.Failed_NoNegotiation) {
            fail("SupportedAppProtocolRes Failed_NoNegotiation");
            return close("no protocol");
        }
        if (res.SchemaID() == null || res.SchemaID() != 1) {
            fail("SupportedAppProtocolRes selected SchemaID " + res.SchemaID() + ", offered 1 (DIN)");
        }
        sapDone = true;
        if (cfg.fault() == Fault.MALFORMED_EXI) {
            return onTransportFault(); // the edge sends garbage instead of SessionSetupReq
        }
        byte[] id = quirks.shortSessionId() ? new byte[4] : new byte[8];
        return send(id, new BodyElementGroup.SessionSetupReq(new org.secc.exi.din.body.SessionSetupReqType(evccId())),
                new WaitSessionSetupRes(), MSG_TIMEOUT_MS, 0);
    }

    @Override
    public Action onTimeout() {
        if (probing && cfg.fault() == Fault.SILENCE) {
            fail("SECC did not close the connection after the EV fell silent");
            return close("silence not detected");
        }
        fail("no response in " + phase() + " within the EV message timeout");
        return close("timeout");
    }

    @Override
    public Action onPeerClosed() {
        if (probing) {
            if (expectedFailure == null) {
                notes.add("SECC closed the connection as expected (" + cfg.fault() + ")");
                endedOk = true;
            }
            return close("SECC closed after " + cfg.fault());
        }
        if (state != null) {
            fail("SECC closed the connection in " + phase());
        }
        return close("peer closed");
    }

    @Override
    public Action onTransportFault() {
        probing = true;
        state = null;
        return new Action.Silence(cfg.fault() == Fault.SILENCE ? 65_000 : 5_000);
    }

    @Override
    public boolean inChargeLoop() {
        return state != null && state.inChargeLoop();
    }

    @Override
    public List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public List<Sample> timeline() {
        return List.copyOf(timeline);
    }

    @Override
    public boolean paused() {
        return false;
    }

    @Override
    public boolean endedOk() {
        return endedOk;
    }

    @Override
    public String stopReason() {
        return stopReason;
    }

    public byte[] sessionId() {
        return sessionId.clone();
    }

    public String phase() {
        return state == null ? (sapDone ? "Done" : "SAP") : state.phase();
    }

    // ---------------------------------------------------------------- helpers for the states

    /** Probes the charger with the configured protocol fault, if any; null when there is none. */
    Action faultAfterSessionSetup() {
        if (cfg.fault() == Fault.WRONG_SEQUENCE) {
            expectedFailure = responseCodeType.FAILED_SequenceError;
            probing = true;
            return send(sessionId, new BodyElementGroup.PowerDeliveryReq(new org.secc.exi.din.body.PowerDeliveryReqType(true, null, null)),
                    null, MSG_TIMEOUT_MS, 0);
        }
        if (cfg.fault() == Fault.UNKNOWN_SESSION) {
            byte[] wrong = sessionId.clone();
            wrong[0] ^= (byte) 0xFF;
            expectedFailure = responseCodeType.FAILED_UnknownSession;
            probing = true;
            return send(wrong, new BodyElementGroup.ServiceDiscoveryReq(new org.secc.exi.din.body.ServiceDiscoveryReqType(null, null)),
                    null, MSG_TIMEOUT_MS, 0);
        }
        return null;
    }

    Action send(BodyElementGroup body, DinEvState next, long timeoutMs, long delayMs) {
        return send(sessionId, body, next, timeoutMs, delayMs);
    }

    Action send(byte[] id, BodyElementGroup body, DinEvState next, long timeoutMs, long delayMs) {
        state = next;
        messages++;
        long now = clock.getAsLong();
        deadline = now + delayMs + timeoutMs;
        V2G_Message m = new V2G_Message(new MessageHeaderType(id, null, null), new BodyType(body));
        return new Action.Send(new Outgoing(Outgoing.SAP, SchemaKind.DIN, m, body.getClass().getSimpleName()), now + delayMs, deadline);
    }

    Action close(String reason) {
        stopReason = reason;
        state = null;
        return new Action.Close(false, reason);
    }

    void fail(String why) {
        LOG.warning(() -> "DIN EV: " + why);
        failures.add(why);
    }

    void sample(long now, String phase, double v, double i) {
        timeline.add(new Sample(now - t0, phase, v, i, v * i, battery.soc()));
    }

    DC_EVStatusType evStatus() {
        return new DC_EVStatusType(true, null, null, DC_EVErrorCodeType.NO_ERROR, (int) Math.round(battery.soc()));
    }

    /**
     * A value as this EV writes it: Multiplier −1 (or, with the changing-multipliers quirk, another
     * one each message), Unit left out with the unit-omitted quirk.
     */
    PhysicalValueType pv(double v, unitSymbolType unit) {
        int[] cycle = quirks.changingMultipliers() ? new int[] {-1, 0, -2, 1} : new int[] {-1};
        int m = cycle[messages % cycle.length];
        while (Math.abs(Math.round(v / Math.pow(10, m))) > Short.MAX_VALUE) {
            m++;
        }
        return new PhysicalValueType(m, quirks.unitOmitted() ? null : unit, (int) Math.round(v / Math.pow(10, m)));
    }

    static double value(PhysicalValueType pv) {
        return pv == null ? Double.NaN : pv.Value() * Math.pow(10, pv.Multiplier());
    }

    private byte[] evccId() {
        // the EV's MAC address (6 bytes), as cars send it
        byte[] b = cfg.evccId().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return Arrays.copyOf(b, 6);
    }

    static responseCodeType code(BodyElementGroup res) {
        try {
            Object v = res.getClass().getMethod("value").invoke(res);
            return (responseCodeType) v.getClass().getMethod("ResponseCode").invoke(v);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }

    private static String name(Object msg) {
        return msg == null ? "null" : msg.getClass().getSimpleName();
    }
}
