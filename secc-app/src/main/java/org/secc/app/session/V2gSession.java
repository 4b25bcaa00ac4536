package org.secc.app.session;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import org.secc.app.charge.ChargeControl;
import org.secc.app.session.state.SessionContext;
import org.secc.app.session.state.SessionState;
import org.secc.app.session.state.Step;
import org.secc.app.session.state.WaitSessionSetup;
import org.secc.exi.iso20.common.SessionSetupReqType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.V2GResponseType;
import org.secc.exi.iso20.types.responseCodeType;

/**
 * One ISO 15118-20 session, sans-I/O. The edge calls {@link #handle(V2GRequestType)} for every
 * decoded request and {@link #tick()} periodically; time comes from the injected monotonic nanos
 * supplier (timers) and wall clock (header TimeStamp, epoch seconds).
 *
 * <p>Not thread-safe: one connection thread drives it.
 */
public final class V2gSession {

    private static final Logger LOG = Logger.getLogger(V2gSession.class.getName());

    private final SessionContext ctx;
    private final LongSupplier nanos;
    private final Clock wallClock;
    private SessionState state = new WaitSessionSetup();
    private long lastRequestNanos;
    private boolean ended;
    /** A request whose response waits for the charge controller (see {@link Action.ResponsePending}). */
    private V2GRequestType pending;

    public V2gSession(SessionConfig config, ChargeControl charge, LongSupplier nanos, Clock wallClock) {
        this(config, charge, nanos, wallClock, PausedSessions.defaults());
    }

    /** @param paused the connector's paused sessions: SessionStop(Pause) stores here, SessionSetup resumes from here */
    public V2gSession(SessionConfig config, ChargeControl charge, LongSupplier nanos, Clock wallClock, PausedSessions paused) {
        this.ctx = new SessionContext(config, charge, SessionIds.fresh(), paused);
        this.nanos = nanos;
        this.wallClock = wallClock;
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

    /** Answers one request. After the session ended every call returns no response and a close. */
    public Outcome handle(V2GRequestType req) {
        long now = nanos.getAsLong();
        ctx.now(now, wallClock.instant().getEpochSecond());
        if (ended) {
            return new Outcome(Optional.empty(), List.of(new Action.CloseConnection(Duration.ZERO)));
        }
        lastRequestNanos = now;
        // [V2G20-460]: every request but SessionSetupReq must carry our SessionID.
        if (!(req instanceof SessionSetupReqType) && !Arrays.equals(req.Header().SessionID(), ctx.sessionId())) {
            return fail(req, responseCodeType.FAILED_UnknownSession, "unknown SessionID");
        }
        pending = null;
        return answer(req);
    }

    /**
     * Asks the state again for the response it held back ({@link Action.ResponsePending}); returns at
     * once, with the response or with another ResponsePending.
     */
    public Outcome poll() {
        if (ended || pending == null) {
            return new Outcome(Optional.empty(), List.of());
        }
        ctx.now(nanos.getAsLong(), wallClock.instant().getEpochSecond());
        V2GRequestType req = pending;
        pending = null;
        return answer(req);
    }

    /** True while a response waits for the charge controller. */
    public boolean responsePending() {
        return pending != null;
    }

    private Outcome answer(V2GRequestType req) {
        Optional<Step> step = state.handle(req, ctx);
        if (step.isEmpty()) {
            // [V2G20-459]
            return fail(req, responseCodeType.FAILED_SequenceError,
                    req.getClass().getSimpleName() + " not allowed in " + state.name());
        }
        Step s = step.get();
        if (s.response() == null && s.next() != null) {
            state = s.next();
            pending = req;
            return new Outcome(Optional.empty(), List.of(new Action.ResponsePending()));
        }
        List<Action> actions = new ArrayList<>(s.actions());
        if (s.next() == null) {
            ended = true;
        } else {
            state = s.next();
        }
        return new Outcome(Optional.of(s.response()), actions);
    }

    /** Timer check; returns the actions to run when a timer fired ([V2G20-1500]). */
    public List<Action> tick() {
        if (ended) {
            return List.of();
        }
        long now = nanos.getAsLong();
        if (state.inChargeLoop()) {
            Optional<String> why = ctx.charge().endRequested();
            if (why.isPresent()) {
                LOG.warning(() -> why.get() + ": the session ends in " + state.name());
                end(why.get());
                return List.of(new Action.SessionEnded(why.get()), new Action.CloseConnection(Duration.ZERO));
            }
        }
        Duration limit = state.inChargeLoop() ? ctx.config().loopSequenceTimeout() : ctx.config().sequenceTimeout();
        if (now - lastRequestNanos >= limit.toNanos()) {
            LOG.warning(() -> "sequence timeout in " + state.name());
            end("sequence timeout in " + state.name());
            return List.of(new Action.SessionEnded("V2G_SECC_Sequence_Timeout in " + state.name()),
                    new Action.CloseConnection(Duration.ZERO));
        }
        return List.of();
    }

    /** The connection was lost: power off, contactors open. */
    public void connectionLost() {
        if (!ended) {
            end("connection lost in " + state.name());
        }
    }

    private Outcome fail(V2GRequestType req, responseCodeType code, String why) {
        LOG.warning(() -> code + ": " + why);
        end(why);
        Optional<V2GResponseType> res = org.secc.app.session.Responses.failed(req, code, ctx.header(), ctx.config().evseId());
        // FAILED_*: the session ends, close right after the response ([V2G20-736]).
        return new Outcome(res, List.of(new Action.SessionEnded(code + ": " + why), new Action.CloseConnection(Duration.ZERO)));
    }

    private void end(String reason) {
        ended = true;
        ctx.charge().powerOffAndOpenContactors(reason);
    }
}
