package org.secc.ev.iso2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import org.secc.ev.battery.Battery;
import org.secc.ev.din.DinQuirks;
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
import org.secc.exi.iso2.V2G_Message;
import org.secc.exi.iso2.body.BodyType;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.header.MessageHeaderType;
import org.secc.exi.iso2.types.DC_EVErrorCodeType;
import org.secc.exi.iso2.types.DC_EVStatusType;
import org.secc.exi.iso2.types.PhysicalValueType;
import org.secc.exi.iso2.types.responseCodeType;
import org.secc.exi.iso2.types.unitSymbolType;

/**
 * The EV side of an ISO 15118-2 session (EIM / ExternalPayment), DC or AC by the configured service
 * (charge only: -2 has no discharge), sans-I/O like the -20 {@code EvSession} and the DIN EV: {@link
 * #start()} gives the SupportedAppProtocolReq, {@link #onResponse(Object)} takes each decoded
 * response and gives the next {@link Action}. One class per awaited response ({@link Iso2EvState}).
 * Every response is checked (type, ResponseCode, SessionID echo, the EV's deadlines: 2 s, 5 s for
 * PowerDelivery, 0.25 s for CurrentDemand); violations are collected in {@link #failures()}. A
 * scenario's PAUSE ends with SessionStop(Pause); {@link #resume()} comes back with the same
 * SessionID and expects OK_OldSessionJoined ([V2G2-571]).
 */
public final class Iso2EvSession implements EvClient {
    private static final Logger LOG = Logger.getLogger(Iso2EvSession.class.getName());
    public static final String NS_ISO2 = "urn:iso:15118:2:2013:MsgDef";
    /** V2G_EVCC_Msg_Timeout: 2 s by default (ChargingStatus included). */
    static final long MSG_TIMEOUT_MS = 2000;
    /** V2G_EVCC_Msg_Timeout for PowerDelivery (5 s). */
    static final long POWER_DELIVERY_TIMEOUT_MS = 5000;
    /** V2G_EVCC_Msg_Timeout for CurrentDemand (0.25 s). */
    static final long CURRENT_DEMAND_TIMEOUT_MS = 250;
    /** V2G_EVCC_Ongoing_Timeout (60 s). */
    static final long ONGOING_TIMEOUT_MS = 60_000;
    /** V2G_EVCC_CableCheck_Timeout (40 s). */
    static final long CABLE_CHECK_TIMEOUT_MS = 40_000;
    /** V2G_EVCC_PreCharge_Timeout (7 s). */
    static final long PRECHARGE_TIMEOUT_MS = 7_000;
    /** Pause between repeated Ongoing requests (real EVs: about 1 s; shorter keeps bench runs quick). */
    static final long ONGOING_RETRY_MS = 200;
    /** Precharge is done within this of the battery voltage (pyPLC: 10 V). */
    static final double PRECHARGE_DELTA_V = 10;
    /** Welding detection is done below this voltage (IEC 61851-23: 60 V). */
    static final double WELDING_DONE_V = 60;
    /** AC: the EV's on-board charger (per phase), its minimum, and the grid voltage it assumes when none is told. */
    static final double AC_EV_MAX_A = 32, AC_EV_MIN_A = 6;

    final EvConfig cfg;
    final DinQuirks quirks;
    final Battery battery;
    final LongSupplier clock;
    final LoopPolicy policy;
    final long loopTimeoutMs;
    final boolean ac;
    final long t0;
    final List<String> failures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<Sample> timeline = new ArrayList<>();

    Iso2EvState state;
    boolean sapDone;
    byte[] sessionId = new byte[8];
    byte[] lastHeaderId = new byte[8];
    int serviceId = 1;
    int tupleId = 1;
    double evseMaxCurrent = Double.MAX_VALUE;
    double evseMaxVoltage = Double.MAX_VALUE;
    /** AC: EVSENominalVoltage and the phases the EV charges on. */
    double nominalV = 230;
    int phases = 3;
    long deadline;
    long phaseStart = -1;
    long loopStart = -1;
    long lastLoopAt = -1;
    int messages;
    int precharges;
    int weldings;
    boolean endedOk;
    boolean pausing;
    boolean paused;
    boolean resuming;
    String stopReason = "";
    responseCodeType expectedFailure;
    private boolean probing;

    /**
     * @param quirks the real-car quirks of {@link DinQuirks} that -2 can carry; unit-omitted cannot
     *               (the -2 schema makes Unit mandatory) and is refused
     * @param loopTimeoutMs the CurrentDemand response deadline (0.25 s; a busy test host may need more)
     */
    public Iso2EvSession(EvConfig cfg, DinQuirks quirks, Battery battery, LongSupplier clockMs, LoopPolicy policy, long loopTimeoutMs) {
        if (quirks.unitOmitted()) {
            throw new IllegalArgumentException("unit-omitted: ISO 15118-2 makes the Unit of every PhysicalValue mandatory");
        }
        this.cfg = cfg;
        this.quirks = quirks;
        this.battery = battery;
        this.clock = clockMs;
        this.policy = policy;
        this.loopTimeoutMs = loopTimeoutMs;
        this.ac = !cfg.service().dc;
        this.t0 = clockMs.getAsLong();
    }

    public Iso2EvSession(EvConfig cfg, DinQuirks quirks, Battery battery, LongSupplier clockMs, LoopPolicy policy) {
        this(cfg, quirks, battery, clockMs, policy, CURRENT_DEMAND_TIMEOUT_MS);
    }

    // ---------------------------------------------------------------- EvClient

    @Override
    public Action start() {
        sapDone = false;
        state = null;
        // -2 first (SchemaID 1), DIN as the fallback (SchemaID 2), as the Polestar 2 offers both
        var req = new supportedAppProtocolReq(List.of(new AppProtocolType(NS_ISO2, 2, 0, 1, 1),
                new AppProtocolType(org.secc.ev.din.DinEvSession.NS_DIN, 2, 0, 2, 2)));
        deadline = clock.getAsLong() + MSG_TIMEOUT_MS;
        return new Action.Send(new Outgoing(Outgoing.SAP, SchemaKind.SAP, req, "supportedAppProtocolReq"), clock.getAsLong(), deadline);
    }

    @Override
    public Action resume() {
        if (!paused) {
            throw new IllegalStateException("no paused -2 session to resume");
        }
        resuming = true;
        paused = false;
        pausing = false;
        phaseStart = -1;
        return start();
    }

    @Override
    public SchemaKind responseKind(int payloadType) {
        return sapDone ? SchemaKind.ISO2 : SchemaKind.SAP;
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
            fail("expected a -2 V2G_Message, got " + name(msg));
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
            fail("SupportedAppProtocolRes selected SchemaID " + res.SchemaID() + ", expected 1 (ISO 15118-2)");
            return close("-2 not selected");
        }
        sapDone = true;
        if (cfg.fault() == Fault.MALFORMED_EXI && !resuming) {
            return onTransportFault(); // the edge sends garbage instead of SessionSetupReq
        }
        byte[] id = resuming ? sessionId : quirks.shortSessionId() ? new byte[4] : new byte[8];
        return send(id, new BodyElementGroup.SessionSetupReq(new org.secc.exi.iso2.body.SessionSetupReqType(evccId())),
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
        return paused;
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
        if (resuming) {
            return null;
        }
        if (cfg.fault() == Fault.WRONG_SEQUENCE) {
            expectedFailure = responseCodeType.FAILED_SequenceError;
            probing = true;
            return send(sessionId, new BodyElementGroup.PowerDeliveryReq(new org.secc.exi.iso2.body.PowerDeliveryReqType(
                    org.secc.exi.iso2.types.chargeProgressType.Start, 1, null, null)), null, MSG_TIMEOUT_MS, 0);
        }
        if (cfg.fault() == Fault.UNKNOWN_SESSION) {
            byte[] wrong = sessionId.clone();
            wrong[0] ^= (byte) 0xFF;
            expectedFailure = responseCodeType.FAILED_UnknownSession;
            probing = true;
            return send(wrong, new BodyElementGroup.ServiceDiscoveryReq(new org.secc.exi.iso2.body.ServiceDiscoveryReqType(null, null)),
                    null, MSG_TIMEOUT_MS, 0);
        }
        return null;
    }

    Action send(BodyElementGroup body, Iso2EvState next, long timeoutMs, long delayMs) {
        return send(sessionId, body, next, timeoutMs, delayMs);
    }

    Action send(byte[] id, BodyElementGroup body, Iso2EvState next, long timeoutMs, long delayMs) {
        state = next;
        messages++;
        long now = clock.getAsLong();
        deadline = now + delayMs + timeoutMs;
        V2G_Message m = new V2G_Message(new MessageHeaderType(id, null, null), new BodyType(body));
        return new Action.Send(new Outgoing(Outgoing.SAP, SchemaKind.ISO2, m, body.getClass().getSimpleName()), now + delayMs, deadline);
    }

    Action close(String reason) {
        stopReason = reason;
        state = null;
        return new Action.Close(false, reason);
    }

    void fail(String why) {
        LOG.warning(() -> "-2 EV: " + why);
        failures.add(why);
    }

    void sample(long now, String phase, double v, double i) {
        timeline.add(new Sample(now - t0, phase, v, i, v * i, battery.soc()));
    }

    DC_EVStatusType evStatus() {
        return new DC_EVStatusType(true, DC_EVErrorCodeType.NO_ERROR, (int) Math.round(battery.soc()));
    }

    /** A value as this EV writes it: Multiplier −1, or another one each message with the changing-multipliers quirk. */
    PhysicalValueType pv(double v, unitSymbolType unit) {
        int[] cycle = quirks.changingMultipliers() ? new int[] {-1, 0, -2, 1} : new int[] {-1};
        int m = cycle[messages % cycle.length];
        while (Math.abs(Math.round(v / Math.pow(10, m))) > Short.MAX_VALUE) {
            m++;
        }
        return new PhysicalValueType(m, unit, (int) Math.round(v / Math.pow(10, m)));
    }

    static double value(PhysicalValueType pv) {
        return pv == null ? Double.NaN : pv.Value() * Math.pow(10, pv.Multiplier());
    }

    private byte[] evccId() {
        // the EV's MAC address (6 bytes, the -2 maximum)
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
