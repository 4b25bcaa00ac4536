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

/**
 * What the EV sides of DIN SPEC 70121 ({@code org.secc.ev.din.DinEvSession}) and ISO 15118-2
 * ({@code org.secc.ev.iso2.Iso2EvSession}) share. Both speak one grammar after SupportedAppProtocol, every
 * message a {@code V2G_Message} with the SessionID in its header and one body element whose response
 * carries a ResponseCode of the same names, so the check of every response is the same: its deadline,
 * its element against the one the current state awaits, the SessionID echo ([V2G-DC-391], [V2G2-460]), a
 * FAILED code; and so are the protocol-fault probes after SessionSetup, the peer's close and the record of
 * failures, notes and timeline. A protocol gives its schema, its message types and its requests through the
 * abstract methods; its states, one class per awaited response, live in its own package and reach the
 * session through the public final methods here and the protocol's own package-private data.
 *
 * @param <B> the protocol's body element (its {@code BodyElementGroup})
 * @param <S> the protocol's state
 */
public abstract class LegacyEvSession<B, S extends LegacyEvSession.Step> implements EvClient {

    /** One awaited response of a DIN or -2 EV; the protocol's state interface adds its typed {@code onResponse}. */
    public interface Step {
        /** The response element this state waits for, e.g. {@code SessionSetupRes}. */
        String expects();

        /** The phase name for timelines and failure messages. */
        String phase();

        default boolean inChargeLoop() {
            return false;
        }

        /** SessionSetupRes: its header brings the SessionID instead of echoing the EV's. */
        default boolean assignsSessionId() {
            return false;
        }
    }

    /** V2G_EVCC_Msg_Timeout for SupportedAppProtocol and the fault probes: 2 s in DIN and -2 alike. */
    private static final long MSG_TIMEOUT_MS = 2000;

    private final Logger log = Logger.getLogger(getClass().getName());
    /** "DIN" or "-2", in failure messages and the log. */
    private final String protocol;
    private final EvConfig cfg;
    private final Battery battery;
    private final LongSupplier clock;
    private final long t0;
    private final List<String> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Sample> timeline = new ArrayList<>();

    private S state;
    private boolean sapDone;
    private byte[] sessionId = new byte[8];
    /** The SessionID in the header of the response being handled. */
    private byte[] lastHeaderId = new byte[8];
    private long deadline;
    private int messages;
    private boolean endedOk;
    private String stopReason = "";
    /** The ResponseCode a protocol-fault probe expects (e.g. FAILED_SequenceError); null: the SECC should close. */
    private String expectedFailure;
    private boolean probing;

    protected LegacyEvSession(String protocol, EvConfig cfg, Battery battery, LongSupplier clockMs) {
        this.protocol = protocol;
        this.cfg = cfg;
        this.battery = battery;
        this.clock = clockMs;
        this.t0 = clockMs.getAsLong();
    }

    // ---------------------------------------------------------------- what a protocol gives

    /** The protocols of the SupportedAppProtocolReq; SchemaID 1 is this protocol's. */
    protected abstract List<AppProtocolType> offered();

    /** The grammar after SupportedAppProtocol. */
    protected abstract SchemaKind kind();

    /**
     * The charger chose SchemaID {@code schemaId} (null: none), not 1: the failure is the protocol's to
     * record; null goes on with this protocol, an action ends here.
     */
    protected abstract Action otherSchema(Integer schemaId);

    /** The SessionSetupReq after SupportedAppProtocol (sent with {@link #send}). */
    protected abstract Action sessionSetup();

    /** The body of a response of this protocol, or null when {@code msg} is none. */
    protected abstract B body(Object msg);

    /** The header SessionID of a message {@link #body} accepted. */
    protected abstract byte[] headerSessionId(Object msg);

    /** A whole {@code V2G_Message} with this SessionID and body. */
    protected abstract Object message(byte[] id, B body);

    /** Hands a checked response to the state that awaits it. */
    protected abstract Action dispatch(S state, B body, long now);

    /** PowerDeliveryReq(Start) right after SessionSetup: out of sequence. */
    protected abstract B outOfSequenceRequest();

    /** A ServiceDiscoveryReq, for the unknown-session probe. */
    protected abstract B serviceDiscoveryRequest();

    /** A resumed session (-2): it keeps its SessionID and probes no faults again. */
    protected boolean resuming() {
        return false;
    }

    // ---------------------------------------------------------------- EvClient

    @Override
    public Action start() {
        sapDone = false;
        state = null;
        deadline = clock.getAsLong() + MSG_TIMEOUT_MS;
        return new Action.Send(new Outgoing(Outgoing.SAP, SchemaKind.SAP, new supportedAppProtocolReq(offered()), "supportedAppProtocolReq"),
                clock.getAsLong(), deadline);
    }

    @Override
    public SchemaKind responseKind(int payloadType) {
        return sapDone ? kind() : SchemaKind.SAP;
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
        B body = body(msg);
        if (body == null) {
            fail("expected a " + protocol + " V2G_Message, got " + name(msg));
            return close("unexpected message");
        }
        String got = body.getClass().getSimpleName();
        if (probing) {
            Enum<?> code = code(body);
            if (code != null && code.name().equals(expectedFailure)) {
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
        if (!state.assignsSessionId() && !Arrays.equals(headerSessionId(msg), sessionId)) {
            fail(got + " carries another SessionID");
        }
        lastHeaderId = headerSessionId(msg).clone();
        Enum<?> code = code(body);
        if (code != null && code.name().startsWith("FAILED")) {
            fail(got + " " + code + " in " + state.phase());
            return close(got + " " + code);
        }
        return dispatch(state, body, now);
    }

    private Action onSap(supportedAppProtocolRes res) {
        if (res.ResponseCode() == org.secc.exi.apphand.responseCodeType.Failed_NoNegotiation) {
            fail("SupportedAppProtocolRes Failed_NoNegotiation");
            return close("no protocol");
        }
        if (res.SchemaID() == null || res.SchemaID() != 1) {
            Action end = otherSchema(res.SchemaID());
            if (end != null) {
                return end;
            }
        }
        sapDone = true;
        if (cfg.fault() == Fault.MALFORMED_EXI && !resuming()) {
            return onTransportFault(); // the edge sends garbage instead of SessionSetupReq
        }
        return sessionSetup();
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

    // ---------------------------------------------------------------- for the protocol's states

    public final EvConfig config() {
        return cfg;
    }

    public final Battery battery() {
        return battery;
    }

    /** Records a violation of the standard or of the scenario's expectations. */
    public final void fail(String why) {
        log.warning(() -> protocol + " EV: " + why);
        failures.add(why);
    }

    public final void note(String what) {
        notes.add(what);
    }

    /** Records a timeline sample (power = v × i, the battery's SOC). */
    public final void sample(long now, String phase, double v, double i) {
        timeline.add(new Sample(now - t0, phase, v, i, v * i, battery.soc()));
    }

    /** Why the EV ends the session, reported when SessionStopRes arrives. */
    public final void stopBecause(String why) {
        stopReason = why;
    }

    /** Ends the connection (and the session) now. */
    public final Action close(String reason) {
        stopReason = reason;
        state = null;
        return new Action.Close(false, reason);
    }

    /** SessionStopRes(Terminate) arrived: the session ended as planned; the EV closes the connection. */
    public final Action stopped() {
        endedOk = true;
        if (stopReason.isEmpty()) {
            stopReason = "session stopped";
        }
        state = null;
        return new Action.Close(false, stopReason);
    }

    /** SessionStopRes(Pause) arrived (-2): the connection closes, the session waits for {@link #resume()}. */
    public final Action closePaused() {
        state = null;
        return new Action.Close(true, "paused");
    }

    /** SessionSetupRes: the EV adopts the SessionID of its header, whatever its length (1 to 8 bytes). */
    public final void adoptSessionId() {
        sessionId = lastHeaderId;
    }

    /** The response being handled carries this session's SessionID (a resumed -2 session's check). */
    public final boolean sameSessionId() {
        return Arrays.equals(lastHeaderId, sessionId);
    }

    /** Probes the charger with the configured protocol fault, if any; null when there is none. */
    public final Action faultAfterSessionSetup() {
        if (resuming()) {
            return null;
        }
        if (cfg.fault() == Fault.WRONG_SEQUENCE) {
            expectedFailure = "FAILED_SequenceError";
            probing = true;
            return send(sessionId, outOfSequenceRequest(), null, MSG_TIMEOUT_MS, 0);
        }
        if (cfg.fault() == Fault.UNKNOWN_SESSION) {
            byte[] wrong = sessionId.clone();
            wrong[0] ^= (byte) 0xFF;
            expectedFailure = "FAILED_UnknownSession";
            probing = true;
            return send(wrong, serviceDiscoveryRequest(), null, MSG_TIMEOUT_MS, 0);
        }
        return null;
    }

    // ---------------------------------------------------------------- for the protocol's session

    /** Sends {@code body} with SessionID {@code id} after {@code delayMs}; {@code next} awaits its response within {@code timeoutMs}. */
    protected final Action send(byte[] id, B body, S next, long timeoutMs, long delayMs) {
        state = next;
        messages++;
        long now = clock.getAsLong();
        deadline = now + delayMs + timeoutMs;
        return new Action.Send(new Outgoing(Outgoing.SAP, kind(), message(id, body), body.getClass().getSimpleName()), now + delayMs,
                deadline);
    }

    /** The requests sent so far (a quirk changes the Multiplier with each). */
    protected final int messages() {
        return messages;
    }

    /**
     * The Multiplier of a PhysicalValue (Value × 10^Multiplier, Value a short): {@code first}, or the next
     * larger one with which {@code v} still fits a short.
     */
    public static int multiplier(double v, int first) {
        int m = first;
        while (Math.abs(Math.round(v / Math.pow(10, m))) > Short.MAX_VALUE) {
            m++;
        }
        return m;
    }

    /** The Value of {@code v} at Multiplier {@code m}. */
    public static int scaled(double v, int m) {
        return (int) Math.round(v / Math.pow(10, m));
    }

    /** The ResponseCode of a response body element (both schemas: {@code value().ResponseCode()}), or null. */
    private static Enum<?> code(Object body) {
        try {
            Object v = body.getClass().getMethod("value").invoke(body);
            return (Enum<?>) v.getClass().getMethod("ResponseCode").invoke(v);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }

    private static String name(Object msg) {
        return msg == null ? "null" : msg.getClass().getSimpleName();
    }
}
