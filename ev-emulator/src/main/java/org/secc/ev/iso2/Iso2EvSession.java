package org.secc.ev.iso2;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

import org.secc.ev.battery.Battery;
import org.secc.ev.din.DinQuirks;
import org.secc.ev.session.Action;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.LegacyEvSession;
import org.secc.ev.session.LoopPolicy;
import org.secc.exi.SchemaKind;
import org.secc.exi.apphand.AppProtocolType;
import org.secc.exi.iso2.V2G_Message;
import org.secc.exi.iso2.body.BodyType;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.header.MessageHeaderType;
import org.secc.exi.iso2.types.DC_EVErrorCodeType;
import org.secc.exi.iso2.types.DC_EVStatusType;
import org.secc.exi.iso2.types.PhysicalValueType;
import org.secc.exi.iso2.types.unitSymbolType;

/**
 * The EV side of an ISO 15118-2 session (EIM / ExternalPayment), DC or AC by the configured service
 * (charge only: -2 has no discharge), sans-I/O like the -20 {@code EvSession} and the DIN EV: {@link
 * #start()} gives the SupportedAppProtocolReq, {@link #onResponse(Object)} takes each decoded
 * response and gives the next {@link Action}. One class per awaited response ({@link Iso2EvState}).
 * Every response is checked (type, ResponseCode, SessionID echo, the EV's deadlines: 2 s, 5 s for
 * PowerDelivery, 0.25 s for CurrentDemand); violations are collected in {@link #failures()}. A
 * scenario's PAUSE ends with SessionStop(Pause); {@link #resume()} comes back with the same
 * SessionID and expects OK_OldSessionJoined ([V2G2-571]). What -2 shares with DIN (the checks of every
 * response, the fault probes, the record) is {@link LegacyEvSession}'s; the schema, requests, timers, AC and
 * pause of -2 are here.
 */
public final class Iso2EvSession extends LegacyEvSession<BodyElementGroup, Iso2EvState> {
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
    /** The Multipliers of the changing-multipliers quirk, one a message. */
    private static final int[] CHANGING = {-1, 0, -2, 1};

    final DinQuirks quirks;
    final LoopPolicy policy;
    final long loopTimeoutMs;
    final boolean ac;

    int serviceId = 1;
    int tupleId = 1;
    double evseMaxCurrent = Double.MAX_VALUE;
    double evseMaxVoltage = Double.MAX_VALUE;
    /** AC: EVSENominalVoltage and the phases the EV charges on. */
    double nominalV = 230;
    int phases = 3;
    long phaseStart = -1;
    long loopStart = -1;
    long lastLoopAt = -1;
    int precharges;
    int weldings;
    boolean pausing;
    boolean paused;
    boolean resuming;

    /**
     * @param quirks the real-car quirks of {@link DinQuirks} that -2 can carry; unit-omitted cannot
     *               (the -2 schema makes Unit mandatory) and is refused
     * @param loopTimeoutMs the CurrentDemand response deadline (0.25 s; a busy test host may need more)
     */
    public Iso2EvSession(EvConfig cfg, DinQuirks quirks, Battery battery, LongSupplier clockMs, LoopPolicy policy, long loopTimeoutMs) {
        super("-2", cfg, battery, clockMs);
        if (quirks.unitOmitted()) {
            throw new IllegalArgumentException("unit-omitted: ISO 15118-2 makes the Unit of every PhysicalValue mandatory");
        }
        this.quirks = quirks;
        this.policy = policy;
        this.loopTimeoutMs = loopTimeoutMs;
        this.ac = !cfg.service().dc;
    }

    public Iso2EvSession(EvConfig cfg, DinQuirks quirks, Battery battery, LongSupplier clockMs, LoopPolicy policy) {
        this(cfg, quirks, battery, clockMs, policy, CURRENT_DEMAND_TIMEOUT_MS);
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
    public boolean paused() {
        return paused;
    }

    // ---------------------------------------------------------------- the -2 parts of LegacyEvSession

    /** -2 first (SchemaID 1), DIN as the fallback (SchemaID 2), as the Polestar 2 offers both. */
    @Override
    protected List<AppProtocolType> offered() {
        return List.of(new AppProtocolType(NS_ISO2, 2, 0, 1, 1), new AppProtocolType(org.secc.ev.din.DinEvSession.NS_DIN, 2, 0, 2, 2));
    }

    @Override
    protected SchemaKind kind() {
        return SchemaKind.ISO2;
    }

    /** This EV speaks -2 only: a charger that chose DIN (or nothing) ends the session. */
    @Override
    protected Action otherSchema(Integer schemaId) {
        fail("SupportedAppProtocolRes selected SchemaID " + schemaId + ", expected 1 (ISO 15118-2)");
        return close("-2 not selected");
    }

    /** A resumed session sends its old SessionID ([V2G2-571]); a new one zeros. */
    @Override
    protected Action sessionSetup() {
        byte[] id = resuming ? sessionId() : quirks.shortSessionId() ? new byte[4] : new byte[8];
        return send(id, new BodyElementGroup.SessionSetupReq(new org.secc.exi.iso2.body.SessionSetupReqType(evccId())),
                new WaitSessionSetupRes(), MSG_TIMEOUT_MS, 0);
    }

    @Override
    protected boolean resuming() {
        return resuming;
    }

    @Override
    protected BodyElementGroup body(Object msg) {
        return msg instanceof V2G_Message m ? m.Body().BodyElementGroup() : null;
    }

    @Override
    protected byte[] headerSessionId(Object msg) {
        return ((V2G_Message) msg).Header().SessionID();
    }

    @Override
    protected Object message(byte[] id, BodyElementGroup body) {
        return new V2G_Message(new MessageHeaderType(id, null, null), new BodyType(body));
    }

    @Override
    protected Action dispatch(Iso2EvState state, BodyElementGroup body, long now) {
        return state.onResponse(body, this, now);
    }

    @Override
    protected BodyElementGroup outOfSequenceRequest() {
        return new BodyElementGroup.PowerDeliveryReq(new org.secc.exi.iso2.body.PowerDeliveryReqType(
                org.secc.exi.iso2.types.chargeProgressType.Start, 1, null, null));
    }

    @Override
    protected BodyElementGroup serviceDiscoveryRequest() {
        return new BodyElementGroup.ServiceDiscoveryReq(new org.secc.exi.iso2.body.ServiceDiscoveryReqType(null, null));
    }

    // ---------------------------------------------------------------- helpers for the states

    Action send(BodyElementGroup body, Iso2EvState next, long timeoutMs, long delayMs) {
        return send(sessionId(), body, next, timeoutMs, delayMs);
    }

    DC_EVStatusType evStatus() {
        return new DC_EVStatusType(true, DC_EVErrorCodeType.NO_ERROR, (int) Math.round(battery().soc()));
    }

    /** A value as this EV writes it: Multiplier −1, or another one each message with the changing-multipliers quirk. */
    PhysicalValueType pv(double v, unitSymbolType unit) {
        int m = multiplier(v, quirks.changingMultipliers() ? CHANGING[messages() % CHANGING.length] : -1);
        return new PhysicalValueType(m, unit, scaled(v, m));
    }

    static double value(PhysicalValueType pv) {
        return pv == null ? Double.NaN : pv.Value() * Math.pow(10, pv.Multiplier());
    }

    private byte[] evccId() {
        // the EV's MAC address (6 bytes, the -2 maximum)
        byte[] b = config().evccId().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return Arrays.copyOf(b, 6);
    }
}
