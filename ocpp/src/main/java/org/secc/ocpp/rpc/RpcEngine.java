package org.secc.ocpp.rpc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.secc.common.json.JsonNode;

/**
 * The RPC layer of one OCPP-J connection, sans I/O: text frames in, text frames out (through {@code out}),
 * time from the caller. At most one CALL of ours is outstanding (OCPP-J 2.1 §4.1.1; generic FR.01); further
 * CALLs wait in order. Every incoming CALL is validated against its schema before the handler sees it, and
 * every answer and every CALL of ours is validated before it leaves.
 */
public final class RpcEngine {
    private static final Logger LOG = Logger.getLogger(RpcEngine.class.getName());

    /** Answers the CSMS's CALLs; it sees only payloads that passed their schema. */
    public interface CallHandler {
        Reply onCall(String action, JsonNode payload, Instant now);
    }

    /** What a handler answers: a result payload or a CALLERROR. */
    public sealed interface Reply {
        static Reply result(JsonNode payload) { return new Result(payload); }
        static Reply error(RpcErrorCode code, String description) { return new Failure(code, description); }
    }

    public record Result(JsonNode payload) implements Reply {}

    public record Failure(RpcErrorCode code, String description) implements Reply {}

    /** The outcome of one of our CALLs. Exactly one method is called, once. */
    public interface Outcome {
        void result(JsonNode payload);

        /** The CSMS answered with a CALLERROR, or its answer failed the schema, or the CALL timed out or the link dropped. */
        void failed(RpcErrorCode code, String description, boolean timedOutOrDisconnected);
    }

    private record Pending(String action, JsonNode payload, Outcome outcome) {}

    private final SchemaValidator validator;
    private final Duration callTimeout;
    private final Supplier<String> ids;
    private final Consumer<String> out;
    private final CallHandler handler;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private Pending inFlight;
    private String inFlightId;
    private Instant inFlightDeadline;

    public RpcEngine(SchemaValidator validator, Duration callTimeout, Supplier<String> ids, Consumer<String> out, CallHandler handler) {
        this.validator = validator;
        this.callTimeout = callTimeout;
        this.ids = ids;
        this.out = out;
        this.handler = handler;
    }

    public OcppVersion version() { return validator.version(); }

    /** Queues a CALL; it leaves when no other CALL of ours is outstanding. */
    public void call(String action, JsonNode payload, Instant now, Outcome outcome) {
        Optional<SchemaValidator.Violation> v = validator.validateRequest(action, payload);
        if (v.isPresent()) {
            // Our own message breaks the schema of the negotiated version: never send it.
            LOG.warning("ocpp: not sending " + action + ": " + v.get().description());
            outcome.failed(RpcErrorCode.InternalError, v.get().description(), false);
            return;
        }
        queue.addLast(new Pending(action, payload, outcome));
        pump(now);
    }

    /** Whether a CALL of ours is waiting for its answer. */
    public boolean busy() { return inFlight != null; }

    public int queued() { return queue.size(); }

    public void onText(String text, Instant now) {
        RpcFrameParser.Parsed parsed = RpcFrameParser.parse(text);
        if (parsed instanceof RpcFrameParser.Malformed m) {
            LOG.warning("ocpp: bad frame from the CSMS (" + m.reason() + "): " + abbreviate(text));
            if (m.reply() != null) out.accept(m.reply().toJson());
            return;
        }
        RpcFrame frame = ((RpcFrameParser.Frame) parsed).frame();
        if (frame instanceof RpcFrame.Call c) {
            answer(c, now);
        } else if (frame instanceof RpcFrame.CallResult r) {
                if (!r.id().equals(inFlightId)) {
                    LOG.warning("ocpp: CALLRESULT for unknown id " + r.id() + " dropped");
                    return;
                }
                Pending p = complete();
                Optional<SchemaValidator.Violation> v = validator.validateResponse(p.action(), r.payload());
                if (v.isPresent()) {
                    LOG.warning("ocpp: " + p.action() + " response from the CSMS fails its schema: " + v.get().description());
                    p.outcome().failed(v.get().code(), v.get().description(), false);
                } else {
                    p.outcome().result(r.payload());
                }
        } else if (frame instanceof RpcFrame.CallError e) {
                if (!e.id().equals(inFlightId)) {
                    LOG.warning("ocpp: CALLERROR for unknown id " + e.id() + " dropped: " + e.code() + " " + e.description());
                    return;
                }
                Pending p = complete();
                LOG.warning("ocpp: " + p.action() + " answered with CALLERROR " + e.code() + ": " + e.description());
                p.outcome().failed(e.code(), e.description(), false);
        }
        pump(now);
    }

    /** Answers to an oversized frame: the id if the frame's head shows one, else "-1". */
    public void onOversized(String head, int limit) {
        String id = RpcFrameParser.UNKNOWN_ID;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*\\[\\s*2\\s*,\\s*\"([^\"]{1,36})\"").matcher(head);
        if (m.find()) id = m.group(1);
        else if (!head.matches("(?s)^\\s*\\[\\s*2\\s*,.*")) {
            LOG.warning("ocpp: oversized frame (over " + limit + " bytes) dropped");
            return;
        }
        LOG.warning("ocpp: oversized CALL " + id + " (over " + limit + " bytes) refused");
        out.accept(new RpcFrame.CallError(id, RpcErrorCode.FormatViolation, "frame exceeds " + limit + " bytes").toJson());
    }

    public void tick(Instant now) {
        if (inFlight != null && !now.isBefore(inFlightDeadline)) {
            Pending p = complete();
            LOG.warning("ocpp: " + p.action() + " timed out after " + callTimeout.toSeconds() + " s");
            p.outcome().failed(RpcErrorCode.GenericError, "timeout", true);
        }
        pump(now);
    }

    /** The link dropped: the outstanding CALL and everything queued fail (durable messages live in their own queue). */
    public void disconnected() {
        Pending p = inFlight == null ? null : complete();
        if (p != null) p.outcome().failed(RpcErrorCode.GenericError, "connection lost", true);
        while (!queue.isEmpty()) queue.removeFirst().outcome().failed(RpcErrorCode.GenericError, "connection lost", true);
    }

    private Pending complete() {
        Pending p = inFlight;
        inFlight = null;
        inFlightId = null;
        inFlightDeadline = null;
        return p;
    }

    private void pump(Instant now) {
        if (inFlight != null || queue.isEmpty()) return;
        inFlight = queue.removeFirst();
        inFlightId = ids.get();
        inFlightDeadline = now.plus(callTimeout);
        out.accept(new RpcFrame.Call(inFlightId, inFlight.action(), inFlight.payload()).toJson());
    }

    private void answer(RpcFrame.Call c, Instant now) {
        if (!validator.knows(c.action())) {
            out.accept(new RpcFrame.CallError(c.id(), RpcErrorCode.NotImplemented, "unknown action " + abbreviate(c.action())).toJson());
            LOG.warning("ocpp: unknown action " + abbreviate(c.action()) + " refused");
            return;
        }
        if (!validator.ships(c.action())) {
            // OCPP-J 2.1 §4.3 NotSupported: an action of the version the station does not implement
            out.accept(new RpcFrame.CallError(c.id(), RpcErrorCode.NotSupported, c.action() + " is not supported by this station").toJson());
            LOG.warning("ocpp: " + c.action() + " from the CSMS refused: not supported");
            return;
        }
        Optional<SchemaValidator.Violation> v = validator.validateRequest(c.action(), c.payload());
        if (v.isPresent()) {
            LOG.warning("ocpp: " + c.action() + " from the CSMS refused, " + v.get().code() + ": " + v.get().description());
            out.accept(new RpcFrame.CallError(c.id(), v.get().code(), v.get().description()).toJson());
            return;
        }
        Reply reply;
        try {
            reply = handler.onCall(c.action(), c.payload(), now);
        } catch (RuntimeException e) {
            LOG.warning("ocpp: " + c.action() + " failed: " + e);
            reply = Reply.error(RpcErrorCode.InternalError, String.valueOf(e.getMessage()));
        }
        if (reply instanceof Result r) {
                Optional<SchemaValidator.Violation> rv = validator.validateResponse(c.action(), r.payload());
                if (rv.isPresent()) {
                    LOG.warning("ocpp: our " + c.action() + " response fails its schema: " + rv.get().description());
                    out.accept(new RpcFrame.CallError(c.id(), RpcErrorCode.InternalError, "response failed its schema").toJson());
                } else {
                    out.accept(new RpcFrame.CallResult(c.id(), r.payload()).toJson());
                }
        } else if (reply instanceof Failure f) {
            out.accept(new RpcFrame.CallError(c.id(), f.code(), f.description()).toJson());
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
