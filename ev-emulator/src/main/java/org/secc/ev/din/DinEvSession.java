package org.secc.ev.din;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

import org.secc.ev.battery.Battery;
import org.secc.ev.session.Action;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.LegacyEvSession;
import org.secc.ev.session.LoopPolicy;
import org.secc.exi.SchemaKind;
import org.secc.exi.apphand.AppProtocolType;
import org.secc.exi.din.BodyType;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.V2G_Message;
import org.secc.exi.din.header.MessageHeaderType;
import org.secc.exi.din.types.DC_EVErrorCodeType;
import org.secc.exi.din.types.DC_EVStatusType;
import org.secc.exi.din.types.PhysicalValueType;
import org.secc.exi.din.types.unitSymbolType;

/**
 * The EV side of a DIN SPEC 70121 DC session (EIM / ExternalPayment), sans-I/O like the -20
 * {@code EvSession}: {@link #start()} gives the SupportedAppProtocolReq, {@link #onResponse(Object)}
 * takes each decoded response and gives the next {@link Action}. One class per awaited response
 * ({@link DinEvState}). Every response is checked (type, ResponseCode, SessionID echo, the EV's
 * deadlines: 2 s, 0.25 s for CurrentDemand); violations are collected in {@link #failures()}. What DIN
 * shares with -2 (the checks of every response, the fault probes, the record) is {@link LegacyEvSession}'s;
 * DIN's schema, requests, timers and data are here.
 */
public final class DinEvSession extends LegacyEvSession<BodyElementGroup, DinEvState> {
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
    /** The Multipliers of the changing-multipliers quirk, one a message. */
    private static final int[] CHANGING = {-1, 0, -2, 1};

    final DinQuirks quirks;
    final LoopPolicy policy;
    final long loopTimeoutMs;

    int serviceId = 1;
    double evseMaxCurrent = Double.MAX_VALUE;
    double evseMaxVoltage = Double.MAX_VALUE;
    double evseMaxPower = Double.MAX_VALUE;
    long phaseStart = -1;
    long loopStart = -1;
    long lastLoopAt = -1;
    int precharges;
    int weldings;

    public DinEvSession(EvConfig cfg, DinQuirks quirks, Battery battery, LongSupplier clockMs, LoopPolicy policy) {
        this(cfg, quirks, battery, clockMs, policy, CURRENT_DEMAND_TIMEOUT_MS);
    }

    /** @param loopTimeoutMs the CurrentDemand response deadline (0.25 s in DIN; a busy test host may need more) */
    public DinEvSession(EvConfig cfg, DinQuirks quirks, Battery battery, LongSupplier clockMs, LoopPolicy policy, long loopTimeoutMs) {
        super("DIN", cfg, battery, clockMs);
        this.quirks = quirks;
        this.policy = policy;
        this.loopTimeoutMs = loopTimeoutMs;
    }

    @Override
    public Action resume() {
        throw new IllegalStateException("DIN 70121 has no pause: nothing to resume");
    }

    @Override
    public boolean paused() {
        return false;
    }

    // ---------------------------------------------------------------- the DIN parts of LegacyEvSession

    @Override
    protected List<AppProtocolType> offered() {
        return List.of(new AppProtocolType(NS_DIN, 2, 0, 1, 1));
    }

    @Override
    protected SchemaKind kind() {
        return SchemaKind.DIN;
    }

    /** DIN is the only protocol offered: another choice is the charger's error, and the EV goes on in DIN. */
    @Override
    protected Action otherSchema(Integer schemaId) {
        fail("SupportedAppProtocolRes selected SchemaID " + schemaId + ", offered 1 (DIN)");
        return null;
    }

    @Override
    protected Action sessionSetup() {
        byte[] id = quirks.shortSessionId() ? new byte[4] : new byte[8];
        return send(id, new BodyElementGroup.SessionSetupReq(new org.secc.exi.din.body.SessionSetupReqType(evccId())),
                new WaitSessionSetupRes(), MSG_TIMEOUT_MS, 0);
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
    protected Action dispatch(DinEvState state, BodyElementGroup body, long now) {
        return state.onResponse(body, this, now);
    }

    @Override
    protected BodyElementGroup outOfSequenceRequest() {
        return new BodyElementGroup.PowerDeliveryReq(new org.secc.exi.din.body.PowerDeliveryReqType(true, null, null));
    }

    @Override
    protected BodyElementGroup serviceDiscoveryRequest() {
        return new BodyElementGroup.ServiceDiscoveryReq(new org.secc.exi.din.body.ServiceDiscoveryReqType(null, null));
    }

    // ---------------------------------------------------------------- helpers for the states

    Action send(BodyElementGroup body, DinEvState next, long timeoutMs, long delayMs) {
        return send(sessionId(), body, next, timeoutMs, delayMs);
    }

    DC_EVStatusType evStatus() {
        return new DC_EVStatusType(true, null, null, DC_EVErrorCodeType.NO_ERROR, (int) Math.round(battery().soc()));
    }

    /**
     * A value as this EV writes it: Multiplier −1 (or, with the changing-multipliers quirk, another
     * one each message), Unit left out with the unit-omitted quirk.
     */
    PhysicalValueType pv(double v, unitSymbolType unit) {
        int m = multiplier(v, quirks.changingMultipliers() ? CHANGING[messages() % CHANGING.length] : -1);
        return new PhysicalValueType(m, quirks.unitOmitted() ? null : unit, scaled(v, m));
    }

    static double value(PhysicalValueType pv) {
        return pv == null ? Double.NaN : pv.Value() * Math.pow(10, pv.Multiplier());
    }

    private byte[] evccId() {
        // the EV's MAC address (6 bytes), as cars send it
        byte[] b = config().evccId().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return Arrays.copyOf(b, 6);
    }
}
