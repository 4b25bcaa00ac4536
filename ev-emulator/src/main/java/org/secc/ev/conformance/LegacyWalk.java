package org.secc.ev.conformance;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.secc.ev.conformance.LegacyDialect.Req;
import org.secc.exi.apphand.AppProtocolType;
import org.secc.exi.apphand.supportedAppProtocolReq;
import org.secc.exi.apphand.supportedAppProtocolRes;

/**
 * A valid DIN SPEC 70121 or ISO 15118-2 DC EV on one connection (EIM / ExternalPayment): it walks the
 * sequence step by step (facts sheet 3.1 and 4.2), checks what it needs to go on (code, SessionID echo,
 * response time), repeats Ongoing requests, and builds any request with the current SessionID so that a
 * case can send one out of order. The pack is a bench battery at {@link Settings#evVoltageV()}.
 */
public final class LegacyWalk {
    static final double V_MAX = 420, I_MAX = 100, P_MAX = 40_000, CAPACITY_WH = 60_000, REQUEST_WH = 30_000;
    /** V2G_EVCC_CableCheck_Timeout (40 s) and V2G_EVCC_PreCharge_Timeout (7 s), DIN and -2 alike. */
    static final long CABLE_CHECK_LIMIT_MS = 40_000, PRECHARGE_LIMIT_MS = 7_000;

    private final CaseContext ctx;
    private final Conversation conv;
    private final LegacyDialect dialect;
    /** The last response received: null before SAP, SAP handled separately. */
    private Req stage;
    private boolean sapDone;
    private byte[] sessionId = new byte[8];
    private byte[] evccId = new byte[6];
    private int serviceId = 1;
    private int tupleId = 1;

    LegacyWalk(CaseContext ctx, Conversation conv, LegacyDialect dialect) {
        this.ctx = ctx;
        this.conv = conv;
        this.dialect = dialect;
        ctx.random().nextBytes(evccId); // the EV's MAC address, as cars send it
        evccId[0] &= (byte) 0xFC;
    }

    public Conversation conversation() {
        return conv;
    }

    public LegacyDialect dialect() {
        return dialect;
    }

    public Req stage() {
        return stage;
    }

    public byte[] sessionId() {
        return sessionId.clone();
    }

    public byte[] evccId() {
        return evccId.clone();
    }

    /** The same EV on another connection (a resumed session needs the EVCCID that paused it). */
    public void evccId(byte[] id) {
        evccId = id.clone();
    }

    public int serviceId() {
        return serviceId;
    }

    public int tupleId() {
        return tupleId;
    }

    public double evVoltage() {
        return ctx.settings().evVoltageV();
    }

    // ------------------------------------------------------------------ SAP

    public supportedAppProtocolReq sapRequest() {
        return new supportedAppProtocolReq(List.of(new AppProtocolType(dialect.namespace(), 2, 0, 1, 1)));
    }

    /** SupportedAppProtocol with this dialect alone: OK and SchemaID 1; the connection then speaks the dialect's grammar. */
    public supportedAppProtocolRes sap() throws IOException {
        supportedAppProtocolRes r = conv.exchange(sapRequest(), supportedAppProtocolRes.class, Settings.MSG_LIMIT_MS);
        String code = r.ResponseCode().name();
        ctx.check(code.startsWith("OK"), "SupportedAppProtocolRes to a " + dialect.title() + " 2.0 offer: expected OK_SuccessfulNegotiation, got " + code);
        ctx.checkEquals(1, r.SchemaID(), "SupportedAppProtocolRes SchemaID");
        conv.selected(dialect.kind());
        sapDone = true;
        return r;
    }

    // ------------------------------------------------------------------ walking

    /** Walks on until the response to {@code target} has been received (SAP first when not done). */
    public LegacyWalk to(Req target) throws IOException {
        if (!sapDone) {
            sap();
        }
        for (Req r : Req.values()) {
            if (stage != null && r.ordinal() <= stage.ordinal()) {
                continue;
            }
            if (r.ordinal() > target.ordinal()) {
                break;
            }
            step(r);
        }
        return this;
    }

    private void step(Req r) throws IOException {
        switch (r) {
            case SESSION_SETUP -> sessionSetup();
            case SERVICE_DISCOVERY -> serviceDiscovery();
            case AUTHORIZATION, CHARGE_PARAMETER_DISCOVERY, CABLE_CHECK -> untilFinished(r);
            case PRE_CHARGE -> preCharge();
            default -> ok(r);
        }
    }

    public Object sessionSetup() throws IOException {
        Object res = send(Req.SESSION_SETUP);
        String code = Wire.responseCode(res);
        ctx.checkEquals("OK_NewSessionEstablished", code, dialect.requestName(Req.SESSION_SETUP).replace("Req", "Res") + " ResponseCode");
        byte[] id = conv.lastHeaderSessionId();
        ctx.check(id != null && id.length > 0 && !Arrays.equals(id, new byte[id.length]), "a new SessionID is not all zeros: got " + Walk.hex(id));
        sessionId = id.clone();
        stage = Req.SESSION_SETUP;
        return res;
    }

    public Object serviceDiscovery() throws IOException {
        Object res = ok(Req.SERVICE_DISCOVERY);
        serviceId = dialect.chargeServiceId(res);
        ctx.check(dialect.paymentOptions(res).contains("ExternalPayment"), "ServiceDiscoveryRes offers ExternalPayment (the suite's EV pays by EIM); it offers "
                + dialect.paymentOptions(res));
        return res;
    }

    /** Repeats the request while the charger answers Ongoing (within the EV's Ongoing or cable-check timeout), until Finished. */
    public Object untilFinished(Req r) throws IOException {
        long start = ctx.nowMs();
        long limit = r == Req.CABLE_CHECK ? CABLE_CHECK_LIMIT_MS : Settings.ONGOING_LIMIT_MS;
        while (true) {
            Object res = ok(r);
            String p = String.valueOf(Wire.get(res, "EVSEProcessing"));
            if (p.equals("Finished")) {
                if (r == Req.CHARGE_PARAMETER_DISCOVERY) {
                    int t = dialect.firstTupleId(res);
                    tupleId = t > 0 ? t : tupleId;
                }
                return res;
            }
            ctx.check(p.startsWith("Ongoing"), dialect.requestName(r).replace("Req", "Res") + " EVSEProcessing: expected Finished or Ongoing, got " + p);
            ctx.check(ctx.nowMs() - start < limit, dialect.requestName(r).replace("Req", "Res") + " stayed " + p + " longer than the EV's "
                    + (limit / 1000) + " s timeout");
            pause(100);
        }
    }

    /** PreChargeReq at the pack voltage until the charger's EVSEPresentVoltage is within 20 V of it (V2G_EVCC_PreCharge_Timeout 7 s). */
    public Object preCharge() throws IOException {
        long start = ctx.nowMs();
        while (true) {
            Object res = ok(Req.PRE_CHARGE);
            double v = value(Wire.get(res, "EVSEPresentVoltage"));
            if (Math.abs(v - evVoltage()) <= Settings.PRECHARGE_TOLERANCE_V) {
                return res;
            }
            ctx.check(ctx.nowMs() - start < ctx.settings().limit(PRECHARGE_LIMIT_MS), "precharge did not reach " + evVoltage()
                    + " V within V2G_EVCC_PreCharge_Timeout (7 s); last EVSEPresentVoltage " + v + " V");
            pause(50);
        }
    }

    /** Sends the walk's request {@code r} and requires an OK code; the stage moves on. */
    public Object ok(Req r) throws IOException {
        Object res = send(r);
        String code = Wire.responseCode(res);
        ctx.check(code != null && code.startsWith("OK"), dialect.requestName(r).replace("Req", "Res") + " in a valid sequence: expected OK, got " + code);
        stage = r;
        return res;
    }

    /** Sends the walk's request {@code r} and returns the response body without judging the code (the SessionID echo is checked). */
    public Object send(Req r) throws IOException {
        return send(r, dialect.message(sessionId, r, this));
    }

    /** Sends {@code message} (a V2G_Message) as request kind {@code r}: the response type and time limit are those of {@code r}. */
    public Object send(Req r, Object message) throws IOException {
        Object res = conv.exchange(message, dialect.responseType(r), dialect.limitMs(r));
        byte[] echoed = conv.lastHeaderSessionId();
        if (r != Req.SESSION_SETUP && !"FAILED_UnknownSession".equals(Wire.responseCode(res))) {
            ctx.check(Arrays.equals(sessionId, echoed), dialect.requestName(r).replace("Req", "Res") + " echoes the SessionID ("
                    + dialect.reqId("sessionid") + "): expected " + Walk.hex(sessionId) + ", got " + Walk.hex(echoed));
        }
        return res;
    }

    /** A request of any kind with the current SessionID (or {@code id}), as the walk would send it. */
    public Object build(Req r) {
        return dialect.message(sessionId, r, this);
    }

    public Object build(Req r, byte[] id) {
        return dialect.message(id, r, this);
    }

    /** Value × 10^Multiplier of a PhysicalValueType of either schema (NaN when absent). */
    public static double value(Object physicalValue) {
        if (physicalValue == null) {
            return Double.NaN;
        }
        int m = ((Number) Wire.get(physicalValue, "Multiplier")).intValue();
        int v = ((Number) Wire.get(physicalValue, "Value")).intValue();
        return v * Math.pow(10, m);
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms); // the EV's pacing between repeated requests, at the edge
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaseFailure("interrupted");
        }
    }
}
