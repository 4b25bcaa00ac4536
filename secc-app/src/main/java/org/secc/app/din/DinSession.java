package org.secc.app.din;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import org.secc.app.charge.ChargeControl;
import org.secc.app.session.Action;
import org.secc.app.session.SessionConfig;
import org.secc.app.session.SessionIds;
import org.secc.exi.din.BodyType;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.V2G_Message;
import org.secc.exi.din.header.MessageHeaderType;
import org.secc.exi.din.types.responseCodeType;

/**
 * One DIN SPEC 70121 DC session (EIM / ExternalPayment), sans-I/O: the edge calls
 * {@link #handle(V2G_Message)} for every decoded message and {@link #tick()} periodically; time comes
 * from the injected monotonic nanos supplier. Charge only: the same {@link ChargeControl} as -20, so
 * the policy, thermal derating, grid supervisor and site limits apply unchanged.
 *
 * <p>Not thread-safe: one connection thread drives it.
 */
public final class DinSession {

    private static final Logger LOG = Logger.getLogger(DinSession.class.getName());

    private final DinContext ctx;
    private final LongSupplier nanos;
    private DinState state = new WaitSessionSetup();
    private long lastRequestNanos;
    private boolean ended;

    public DinSession(SessionConfig config, ChargeControl charge, LongSupplier nanos) {
        this.ctx = new DinContext(config, charge, SessionIds.fresh()); // [V2G-DC-393]: a fresh non-zero SessionID
        this.nanos = nanos;
        this.lastRequestNanos = nanos.getAsLong();
    }

    public byte[] sessionId() {
        return ctx.sessionId();
    }

    public String stateName() {
        return ended ? "Ended" : state.name();
    }

    public boolean ended() {
        return ended;
    }

    /** Answers one message. After the session ended every call returns no response and a close. */
    public DinOutcome handle(V2G_Message msg) {
        long now = nanos.getAsLong();
        ctx.nowNanos = now;
        if (ended) {
            return new DinOutcome(Optional.empty(), List.of(new Action.CloseConnection(Duration.ZERO)));
        }
        lastRequestNanos = now;
        BodyElementGroup req = msg.Body().BodyElementGroup();
        if (req == null || !DinResponses.isRequest(req)) {
            return noAnswer("no request in the message body");
        }
        // [V2G-DC-391]: every request but SessionSetupReq carries the SessionID from SessionSetupRes.
        if (!(req instanceof BodyElementGroup.SessionSetupReq) && !Arrays.equals(msg.Header().SessionID(), ctx.sessionId)) {
            return fail(req, responseCodeType.FAILED_UnknownSession, "unknown SessionID");
        }
        Optional<DinStep> step = state.handle(req, ctx);
        if (step.isEmpty()) {
            // [V2G-DC-390]
            return fail(req, responseCodeType.FAILED_SequenceError, name(req) + " not allowed in " + state.name());
        }
        DinStep s = step.get();
        if (s.next() == null) {
            ended = true;
        } else {
            state = s.next();
        }
        return new DinOutcome(Optional.of(wrap(s.response())), s.actions());
    }

    private V2G_Message wrap(BodyElementGroup body) {
        return new V2G_Message(new MessageHeaderType(ctx.sessionId, null, null), new BodyType(body));
    }

    static String name(BodyElementGroup b) {
        return b.getClass().getSimpleName();
    }

    /** Timer check: V2G_SECC_Sequence_Timeout ([V2G-DC-432], 60 s; the loop value applies in CurrentDemand). */
    public List<Action> tick() {
        if (ended) {
            return List.of();
        }
        long now = nanos.getAsLong();
        Duration limit = state.inChargeLoop() ? ctx.config.loopSequenceTimeout() : ctx.config.sequenceTimeout();
        if (now - lastRequestNanos >= limit.toNanos()) {
            LOG.warning(() -> "DIN sequence timeout in " + state.name());
            end("sequence timeout in " + state.name());
            return List.of(new Action.SessionEnded("V2G_SECC_Sequence_Timeout in " + state.name()), new Action.CloseConnection(Duration.ZERO));
        }
        return List.of();
    }

    /** The connection was lost: power off, contactors open. */
    public void connectionLost() {
        if (!ended) {
            end("connection lost in " + state.name());
        }
    }

    private DinOutcome fail(BodyElementGroup req, responseCodeType code, String why) {
        LOG.warning(() -> code + ": " + why);
        end(why);
        Optional<V2G_Message> res = DinResponses.failed(req, code, ctx).map(this::wrap);
        // Every FAILED ends a DIN session; the charger closes right after the response (Josev; [V2G-DC-665]).
        return new DinOutcome(res, List.of(new Action.SessionEnded(code + ": " + why), new Action.CloseConnection(Duration.ZERO)));
    }

    private DinOutcome noAnswer(String why) {
        LOG.warning(() -> why + " in " + state.name() + "; no response, session ended");
        end(why);
        return new DinOutcome(Optional.empty(), List.of(new Action.SessionEnded(why), new Action.CloseConnection(Duration.ZERO)));
    }

    private void end(String reason) {
        ended = true;
        ctx.charge.powerOffAndOpenContactors(reason);
    }
}
