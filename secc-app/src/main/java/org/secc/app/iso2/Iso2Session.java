package org.secc.app.iso2;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import org.secc.app.charge.ChargeControl;
import org.secc.app.session.Action;
import org.secc.app.session.SessionConfig;
import org.secc.exi.iso2.V2G_Message;
import org.secc.exi.iso2.body.BodyType;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.header.MessageHeaderType;
import org.secc.exi.iso2.types.responseCodeType;

/**
 * One ISO 15118-2 DC or AC session (EIM / ExternalPayment; Plug &amp; Charge not offered), sans-I/O: the
 * edge calls {@link #handle(V2G_Message)} for every decoded message and {@link #tick()}
 * periodically; time comes from the injected monotonic nanos supplier. Charge only, on the same
 * {@link ChargeControl} as -20 and DIN. A session paused by the EV is kept in the
 * {@link PausedSession} store and resumed by the next connection's SessionSetupReq with its ID.
 *
 * <p>Not thread-safe: one connection thread drives it.
 */
public final class Iso2Session {

    private static final Logger LOG = Logger.getLogger(Iso2Session.class.getName());

    private final Iso2Context ctx;
    private final LongSupplier nanos;
    /**
     * AC with EIM: how long after AuthorizationRes(Finished) the pilot stays at 5 % without a
     * PowerDeliveryReq(Start) before the charge goes to basic charging at the nominal duty cycle
     * (EVerest's AC_X1_FALLBACK_TO_NOMINAL_TIMEOUT_MS; README-din-iso2.md, "The pilot in -2 AC").
     */
    public static final Duration NOMINAL_DUTY_FALLBACK = Duration.ofSeconds(10);

    private Iso2State state = new WaitSessionSetup();
    private long lastRequestNanos;
    private boolean ended;
    /** A request whose response waits for the charge controller (contactors), asked again by {@link #poll()}. */
    private BodyElementGroup pending;

    public Iso2Session(SessionConfig config, ChargeControl charge, PausedSession paused, LongSupplier nanos) {
        this.ctx = new Iso2Context(config, charge, paused, new byte[8]);
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
    public Iso2Outcome handle(V2G_Message msg) {
        long now = nanos.getAsLong();
        ctx.nowNanos = now;
        if (ended) {
            return new Iso2Outcome(Optional.empty(), List.of(new Action.CloseConnection(Duration.ZERO)));
        }
        if (pending != null) {
            // the EV must wait for the held-back response ([V2G2-538]: a request out of turn)
            BodyElementGroup q = msg.Body().BodyElementGroup();
            pending = null;
            return fail(q, responseCodeType.FAILED_SequenceError, "a request while the previous response is pending");
        }
        lastRequestNanos = now;
        BodyElementGroup req = msg.Body().BodyElementGroup();
        if (req == null || !Iso2Responses.isRequest(req)) {
            return noAnswer("no request in the message body");
        }
        Optional<Iso2Step> step;
        if (req instanceof BodyElementGroup.SessionSetupReq setupReq && state instanceof WaitSessionSetup) {
            step = WaitSessionSetup.setup(msg.Header().SessionID(), setupReq.value().EVCCID(), ctx);
        } else {
            // [V2G2-460]: checked before the state acts, so a request with another SessionID never
            // reaches the charge control (no cable check, no power) - it only ends the session.
            if (!Arrays.equals(msg.Header().SessionID(), ctx.sessionId)) {
                return fail(req, responseCodeType.FAILED_UnknownSession, "unknown SessionID");
            }
            step = state.handle(req, ctx);
        }
        if (step.isEmpty()) {
            Optional<BodyElementGroup> res = Iso2Responses.failed(req, responseCodeType.FAILED_SequenceError, ctx);
            if (res.isEmpty()) {
                return noAnswer(name(req) + " is not offered (ExternalPayment only, no receipts)");
            }
            return fail(req, responseCodeType.FAILED_SequenceError, name(req) + " not allowed in " + state.name()); // [V2G2-538]
        }
        return outcome(req, step.get());
    }

    private Iso2Outcome outcome(BodyElementGroup req, Iso2Step s) {
        if (s.response() == null && s.next() != null) {
            state = s.next();
            pending = req;
            return new Iso2Outcome(Optional.empty(), List.of(new Action.ResponsePending()));
        }
        pending = null;
        if (s.next() == null) {
            ended = true;
        } else {
            state = s.next();
        }
        return new Iso2Outcome(Optional.of(wrap(s.response())), s.actions());
    }

    /**
     * Asks the state again for the response it held back ({@link Action.ResponsePending}: the AC
     * contactors closing or opening); returns at once, with the response or another ResponsePending.
     */
    public Iso2Outcome poll() {
        if (ended || pending == null) {
            return new Iso2Outcome(Optional.empty(), List.of());
        }
        ctx.nowNanos = nanos.getAsLong();
        BodyElementGroup req = pending;
        Optional<Iso2Step> step = state.handle(req, ctx);
        if (step.isEmpty()) {
            pending = null;
            return fail(req, responseCodeType.FAILED_SequenceError, name(req) + " not allowed in " + state.name());
        }
        return outcome(req, step.get());
    }

    /** True while a response waits for the charge controller. */
    public boolean responsePending() {
        return pending != null;
    }

    private V2G_Message wrap(BodyElementGroup body) {
        return new V2G_Message(new MessageHeaderType(ctx.sessionId, null, null), new BodyType(body));
    }

    static String name(BodyElementGroup b) {
        return b.getClass().getSimpleName();
    }

    /** Timer check: V2G_SECC_Sequence_Timeout (60 s, [V2G2-443]; the loop value applies in CurrentDemand). */
    public List<Action> tick() {
        if (ended) {
            return List.of();
        }
        long now = nanos.getAsLong();
        if (ctx.nominalDutyCandidate() && now - ctx.authorizedAtNanos >= NOMINAL_DUTY_FALLBACK.toNanos()) {
            // [V2G2-853] with the real-car caveat (facts: VW ends the session when the pilot passes
            // X1 during HLC): the pilot stays at 5 % while the EV goes on to PowerDelivery; an AC EV
            // that has not started within the fallback time is charged by the PWM instead.
            String why = "no PowerDeliveryReq(Start) " + NOMINAL_DUTY_FALLBACK.toSeconds() + " s after EIM authorization in " + state.name()
                    + ": IEC 61851-1 basic charging at the nominal duty cycle";
            LOG.info(() -> "-2 AC: " + why);
            end(why);
            return List.of(new Action.SessionEnded(why), new Action.CloseConnection(Duration.ZERO), new Action.NominalDuty(why));
        }
        Duration limit = state.inChargeLoop() ? ctx.config.loopSequenceTimeout() : ctx.config.sequenceTimeout();
        if (now - lastRequestNanos >= limit.toNanos()) {
            LOG.warning(() -> "-2 sequence timeout in " + state.name());
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

    private Iso2Outcome fail(BodyElementGroup req, responseCodeType code, String why) {
        LOG.warning(() -> code + ": " + why);
        end(why);
        Optional<V2G_Message> res = Iso2Responses.failed(req, code, ctx).map(this::wrap);
        return new Iso2Outcome(res, List.of(new Action.SessionEnded(code + ": " + why), new Action.CloseConnection(Duration.ZERO)));
    }

    private Iso2Outcome noAnswer(String why) {
        LOG.warning(() -> why + " in " + state.name() + "; no response, session ended");
        end(why);
        return new Iso2Outcome(Optional.empty(), List.of(new Action.SessionEnded(why), new Action.CloseConnection(Duration.ZERO)));
    }

    private void end(String reason) {
        ended = true;
        ctx.charge.powerOffAndOpenContactors(reason);
    }
}
