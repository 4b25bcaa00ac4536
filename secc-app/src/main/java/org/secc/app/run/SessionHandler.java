package org.secc.app.run;

import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

import org.secc.app.din.DinOutcome;
import org.secc.app.din.DinSession;
import org.secc.app.iso2.Iso2Outcome;
import org.secc.app.iso2.Iso2Session;
import org.secc.app.sap.AppProtocol;
import org.secc.app.sap.SapNegotiator;
import org.secc.app.session.Action;
import org.secc.app.session.Outcome;
import org.secc.app.session.V2gSession;
import org.secc.app.v2g.CloseReason;
import org.secc.app.v2g.V2gConnection;
import org.secc.app.v2g.V2gConnectionHandler;
import org.secc.exi.ExiCodec;
import org.secc.exi.ExiDecodeException;
import org.secc.exi.SchemaKind;
import org.secc.exi.apphand.supportedAppProtocolReq;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.V2GResponseType;
import org.secc.transport.v2gtp.PayloadType;
import org.secc.transport.v2gtp.V2gtpFrame;

/**
 * One V2GTP connection: SupportedAppProtocol first, then the -20 session, the DIN 70121 session or the ISO 15118-2 session.
 * Decodes each frame by its payload type, lets the session answer, encodes the response (one frame, one write:
 * secc-app/README-network.md) and
 * carries out the session's actions: closing (after the hold time), pausing. A timer ticks the
 * session's timeouts. Any decoding error, unexpected payload type or lost connection ends the session
 * with power off and contactors open; the server keeps serving the next connection.
 *
 * <p>Logs one line per request/response pair with the processing time in microseconds.
 */
public final class SessionHandler implements V2gConnectionHandler {

    private static final Logger LOG = Logger.getLogger(SessionHandler.class.getName());
    /** Told to the state sink after the session ended when the connector must go to the nominal duty cycle ({@link Action.NominalDuty}). */
    public static final String NOMINAL_DUTY = "NominalDuty";
    /** How often the session's timers are checked. */
    static final Duration TICK = Duration.ofMillis(50);

    private final V2gConnection conn;
    private final SapNegotiator sap;
    private final Supplier<V2gSession> newSession;
    private final ScheduledExecutorService timers;
    private final Consumer<String> stateSink;
    private final Object lock = new Object();
    private final Supplier<DinSession> newDin;
    private final Supplier<Iso2Session> newIso2;
    /** The ISO 15118-2 session when SAP chose -2 (then {@link #session} and {@link #din} stay null). */
    private Iso2Session iso2;
    private V2gSession session;
    /** The DIN 70121 session when SAP chose DIN (then {@link #session} stays null). */
    private DinSession din;
    private ScheduledFuture<?> ticker;
    /** The message's log lines, written once the response is on the wire ({@link #afterSend}). Guarded by {@link #lock}. */
    private final List<Supplier<String>> logLines = new java.util.ArrayList<>(4);
    private boolean closing;
    /** The EVCCID of this connection's SessionSetupReq for the log: text in -20, hex in DIN and -2 (as a capture shows it). */
    private String evccId = "-";

    /**
     * @param newSession creates the -20 session once the handshake chose -20 DC or AC
     * @param stateSink  told the session's state name after each message (status, bench timeline)
     */
    public SessionHandler(V2gConnection conn, SapNegotiator sap, Supplier<V2gSession> newSession, ScheduledExecutorService timers,
            Consumer<String> stateSink) {
        this(conn, sap, newSession, null, timers, stateSink);
    }

    /**
     * @param newDin creates the DIN 70121 session once the handshake chose DIN; null: DIN is not
     *               offered on this connection
     */
    public SessionHandler(V2gConnection conn, SapNegotiator sap, Supplier<V2gSession> newSession, Supplier<DinSession> newDin,
            ScheduledExecutorService timers, Consumer<String> stateSink) {
        this(conn, sap, newSession, newDin, null, timers, stateSink);
    }

    /**
     * @param newIso2 creates the ISO 15118-2 session once the handshake chose -2; null: -2 is not
     *                offered on this connection
     */
    public SessionHandler(V2gConnection conn, SapNegotiator sap, Supplier<V2gSession> newSession, Supplier<DinSession> newDin,
            Supplier<Iso2Session> newIso2, ScheduledExecutorService timers, Consumer<String> stateSink) {
        this.conn = conn;
        this.sap = sap.restrictedToIso20And(newDin != null, newIso2 != null); // computed once, not per connection
        this.newSession = newSession;
        this.newDin = newDin;
        this.newIso2 = newIso2;
        this.timers = timers;
        this.stateSink = stateSink;
    }

    @Override
    public List<V2gtpFrame> onFrame(V2gtpFrame in) {
        long t0 = System.nanoTime();
        synchronized (lock) {
            if (closing) {
                return List.of(); // the session ended; only the hold time is left
            }
            if (selected != null) {
                startSelected(); // a caller that did not call afterSend between two frames
            }
            if (din != null) {
                return onDinFrame(in, t0);
            }
            if (iso2 != null) {
                return onIso2Frame(in, t0);
            }
            if (session == null) {
                return handshake(in, t0);
            }
            Optional<SchemaKind> kind = PayloadType.schemaOf(in.payloadType());
            if (kind.isEmpty() || kind.get() == SchemaKind.SAP) {
                fault(String.format(Locale.ROOT, "unexpected V2GTP payload type 0x%04x in the session", in.payloadType()));
                return List.of();
            }
            V2GRequestType req;
            try {
                Object msg = ExiCodec.of(kind.get()).decode(in.payload()).value();
                if (!(msg instanceof V2GRequestType r)) {
                    fault("not a request: " + msg.getClass().getSimpleName());
                    return List.of();
                }
                req = r;
                if (r instanceof org.secc.exi.iso20.common.SessionSetupReqType setup) {
                    evccId = printable(setup.EVCCID());
                }
            } catch (RuntimeException e) { // ExiDecodeException, or anything a hostile document provokes
                fault("malformed EXI (" + kind.get() + "): " + e.getMessage());
                return List.of();
            }
            Outcome o = session.handle(req);
            if (has(o.actions(), Action.ResponsePending.class)) {
                // The response waits for the charge controller: ask again shortly, holding nothing meanwhile.
                schedulePoll(req, kind.get(), t0);
                return List.of();
            }
            return respond(o, req, kind.get(), t0);
        }
    }

    /**
     * The per-message log line waits until the response was written: its formatting and the log handler's
     * write (a pipe to journald may be slow) are not the EV's time.
     */
    private void logAfterSend(Supplier<String> line) {
        logLines.add(line);
    }

    @Override
    public void afterSend() {
        Object[] lines;
        synchronized (lock) {
            if (selected != null) {
                startSelected();
            }
            if (logLines.isEmpty()) {
                return;
            }
            lines = logLines.toArray();
            logLines.clear();
        }
        for (Object l : lines) {
            @SuppressWarnings("unchecked")
            Supplier<String> line = (Supplier<String>) l;
            LOG.info(line);
        }
    }

    /**
     * How often a held-back response is asked for again: what the answer adds to the contactors' own time (half of
     * it on average). A poll reads the controller's snapshot under the session lock, a few microseconds; the wait
     * is bounded by the contactor performance time.
     */
    static final long PENDING_POLL_MICROS = 250;

    private void schedulePoll(V2GRequestType req, SchemaKind kind, long t0) {
        timers.schedule(() -> pollPending(req, kind, t0), PENDING_POLL_MICROS, TimeUnit.MICROSECONDS);
    }

    private void pollPending(V2GRequestType req, SchemaKind kind, long t0) {
        synchronized (lock) {
            if (session == null || closing || !session.responsePending()) {
                return;
            }
            Outcome o = session.poll();
            if (has(o.actions(), Action.ResponsePending.class)) {
                schedulePoll(req, kind, t0);
                return;
            }
            for (V2gtpFrame f : respond(o, req, kind, t0)) {
                sendQuietly(f);
            }
        }
        afterSend();
    }

    private List<V2gtpFrame> respond(Outcome o, V2GRequestType req, SchemaKind reqKind, long t0) {
        {
            List<V2gtpFrame> out = List.of();
            String resName = "no response";
            if (o.response().isPresent()) {
                V2GResponseType res = o.response().get();
                SchemaKind rk = schemaOfResponse(res, reqKind);
                out = List.of(new V2gtpFrame(PayloadType.mainStreamOf(rk), ExiCodec.of(rk).encode(res)));
                resName = res.getClass().getSimpleName().replace("Type", "") + " " + res.ResponseCode();
            }
            long us = (System.nanoTime() - t0) / 1000;
            String rn = resName;
            String ids = ids();
            String state = session.stateName();
            logAfterSend(() -> line(req.getClass().getSimpleName().replace("Type", ""), rn, us, state, ids));
            // a pause is an end the connector treats differently (the pilot goes to X1, the network stays)
            stateSink.accept(has(o.actions(), Action.SessionPaused.class) ? "Paused" : session.stateName());
            apply(o.actions(), out);
            return closing && !out.isEmpty() && closesNow(o.actions()) ? List.of() : out;
        }
    }

    /** DIN 70121: every message after SAP is payload type 0x8001 in the DIN grammar (chosen by SAP, not by the header). */
    private List<V2gtpFrame> onDinFrame(V2gtpFrame in, long t0) {
        if (in.payloadType() != PayloadType.SUPPORTED_APP_PROTOCOL.code()) {
            fault(String.format(Locale.ROOT, "unexpected V2GTP payload type 0x%04x in a DIN session", in.payloadType()));
            return List.of();
        }
        org.secc.exi.din.V2G_Message req;
        try {
            req = ExiCodec.of(SchemaKind.DIN).decode(in.payload(), org.secc.exi.din.V2G_Message.class);
        } catch (RuntimeException e) {
            fault("malformed EXI (din): " + e.getMessage());
            return List.of();
        }
        if (req.Body().BodyElementGroup() instanceof org.secc.exi.din.BodyType.BodyElementGroup.SessionSetupReq setup) {
            evccId = HexFormat.of().withUpperCase().formatHex(setup.value().EVCCID());
        }
        DinOutcome o = din.handle(req);
        List<V2gtpFrame> out = List.of();
        String resName = "no response";
        if (o.response().isPresent()) {
            var res = o.response().get();
            out = List.of(new V2gtpFrame(PayloadType.SUPPORTED_APP_PROTOCOL, ExiCodec.of(SchemaKind.DIN).encode(res)));
            resName = dinName(res.Body().BodyElementGroup()) + " " + dinCode(res.Body().BodyElementGroup());
        }
        long us = (System.nanoTime() - t0) / 1000;
        String rn = resName;
        String qn = req.Body().BodyElementGroup() == null ? "empty body" : dinName(req.Body().BodyElementGroup());
        String ids = ids();
        String state = din.stateName();
        logAfterSend(() -> line(qn, rn, us, state, ids));
        stateSink.accept(din.stateName());
        apply(o.actions(), out);
        return closing && !out.isEmpty() && closesNow(o.actions()) ? List.of() : out;
    }

    /** ISO 15118-2: like DIN, every message after SAP is payload type 0x8001, here in the -2 grammar. */
    private List<V2gtpFrame> onIso2Frame(V2gtpFrame in, long t0) {
        if (in.payloadType() != PayloadType.SUPPORTED_APP_PROTOCOL.code()) {
            fault(String.format(Locale.ROOT, "unexpected V2GTP payload type 0x%04x in an ISO 15118-2 session", in.payloadType()));
            return List.of();
        }
        org.secc.exi.iso2.V2G_Message req;
        try {
            req = ExiCodec.of(SchemaKind.ISO2).decode(in.payload(), org.secc.exi.iso2.V2G_Message.class);
        } catch (RuntimeException e) {
            fault("malformed EXI (iso2): " + e.getMessage());
            return List.of();
        }
        if (req.Body().BodyElementGroup() instanceof org.secc.exi.iso2.body.BodyType.BodyElementGroup.SessionSetupReq setup) {
            evccId = HexFormat.of().withUpperCase().formatHex(setup.value().EVCCID());
        }
        Iso2Outcome o = iso2.handle(req);
        if (has(o.actions(), Action.ResponsePending.class)) {
            // the AC contactors are closing or opening: ask again shortly, holding nothing meanwhile
            scheduleIso2Poll(req, t0);
            return List.of();
        }
        return respondIso2(o, req, t0);
    }

    private void scheduleIso2Poll(org.secc.exi.iso2.V2G_Message req, long t0) {
        timers.schedule(() -> {
            synchronized (lock) {
                if (iso2 == null || closing || !iso2.responsePending()) {
                    return;
                }
                Iso2Outcome o = iso2.poll();
                if (has(o.actions(), Action.ResponsePending.class)) {
                    scheduleIso2Poll(req, t0);
                    return;
                }
                for (V2gtpFrame f : respondIso2(o, req, t0)) {
                    sendQuietly(f);
                }
            }
            afterSend();
        }, PENDING_POLL_MICROS, TimeUnit.MICROSECONDS);
    }

    private List<V2gtpFrame> respondIso2(Iso2Outcome o, org.secc.exi.iso2.V2G_Message req, long t0) {
        List<V2gtpFrame> out = List.of();
        String resName = "no response";
        if (o.response().isPresent()) {
            var res = o.response().get();
            out = List.of(new V2gtpFrame(PayloadType.SUPPORTED_APP_PROTOCOL, ExiCodec.of(SchemaKind.ISO2).encode(res)));
            resName = dinName(res.Body().BodyElementGroup()) + " " + dinCode(res.Body().BodyElementGroup());
        }
        long us = (System.nanoTime() - t0) / 1000;
        String rn = resName;
        String qn = req.Body().BodyElementGroup() == null ? "empty body" : dinName(req.Body().BodyElementGroup());
        String ids = ids();
        String state = iso2.stateName();
        logAfterSend(() -> line(qn, rn, us, state, ids));
        stateSink.accept(iso2.stateName());
        apply(o.actions(), out);
        return closing && !out.isEmpty() && closesNow(o.actions()) ? List.of() : out;
    }

    /**
     * The per-message log line {@code <request> -> <response> in <us> us [<state>] <ids>}: plain concatenation, not
     * {@code String.format} (whose {@code %d} looks up the locale's digits on every call: most of the connection
     * thread's CPU per message in a profile).
     */
    private static String line(String request, String response, long us, String state, String ids) {
        return request + " -> " + response + " in " + us + " us [" + state + "] " + ids;
    }

    /**
     * {@code session=<SessionID hex> evccid=<EVCCID>} for the log, so field logs correlate with captures: the SessionID
     * the SECC assigned in SessionSetupRes (all zeros before), the EVCCID of SessionSetupReq ({@code -} before).
     */
    private String ids() {
        byte[] id = session != null ? session.sessionId() : din != null ? din.sessionId() : iso2 != null ? iso2.sessionId() : null;
        return "session=" + (id == null || id.length == 0 ? "-" : HexFormat.of().withUpperCase().formatHex(id)) + " evccid=" + evccId;
    }

    /** A -20 EVCCID (a string on the wire) for a log line: printable ASCII kept, anything else escaped, at most 64 characters. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            char c = s.charAt(i);
            if (c > 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return b.length() == 0 ? "\"\"" : b.toString();
    }

    private static String dinName(Object bodyElement) {
        return bodyElement.getClass().getSimpleName();
    }

    /** The ResponseCode of a DIN response body element, for the log line. */
    private static String dinCode(Object bodyElement) {
        try {
            Object value = bodyElement.getClass().getMethod("value").invoke(bodyElement);
            return String.valueOf(value.getClass().getMethod("ResponseCode").invoke(value));
        } catch (ReflectiveOperationException e) {
            return "";
        }
    }

    /** A response goes back in the schema of its request (DC/AC messages in their namespace, the rest in Common). */
    private static SchemaKind schemaOfResponse(V2GResponseType res, SchemaKind requestKind) {
        String pkg = res.getClass().getPackageName();
        if (pkg.endsWith(".dc")) {
            return SchemaKind.DC;
        }
        if (pkg.endsWith(".ac")) {
            return SchemaKind.AC;
        }
        return pkg.endsWith(".common") ? SchemaKind.COMMON : requestKind;
    }

    private List<V2gtpFrame> handshake(V2gtpFrame in, long t0) {
        if (in.payloadType() != PayloadType.mainStreamOf(SchemaKind.SAP).code()) {
            fault(String.format(Locale.ROOT, "payload type 0x%04x before SupportedAppProtocolReq", in.payloadType()));
            return List.of();
        }
        supportedAppProtocolReq req;
        try {
            req = ExiCodec.of(SchemaKind.SAP).decode(in.payload(), supportedAppProtocolReq.class);
        } catch (RuntimeException e) {
            fault("malformed SupportedAppProtocolReq: " + e.getMessage());
            return List.of();
        }
        // [V2G20-2356]: never -20 over TLS 1.2 (the -2 EV's handshake); DIN and -2 only there
        boolean tls12 = conn.tlsSession().map(t -> "TLSv1.2".equals(t.getProtocol())).orElse(false);
        SapNegotiator n = tls12 ? sap.restrictedTo(java.util.Set.of(AppProtocol.DIN, AppProtocol.ISO2)) : sap;
        SapNegotiator.Result r = n.negotiate(req, conn.tlsSession().isPresent() && !tls12);
        V2gtpFrame res = new V2gtpFrame(PayloadType.mainStreamOf(SchemaKind.SAP), ExiCodec.of(SchemaKind.SAP).encode(r.response()));
        long us = (System.nanoTime() - t0) / 1000;
        logAfterSend(() -> String.format(Locale.ROOT, "supportedAppProtocolReq -> %s%s in %d us", r.response().ResponseCode(),
                r.selected().map(p -> " " + p.namespace()).orElse(""), us));
        if (!r.success()) {
            sendThenClose(res, "no common protocol");
            return List.of();
        }
        // The session starts once the response is on the wire (afterSend, this thread, before the next frame is
        // read): creating it, telling the connector and arming the ticker are not the EV's time (README-bench,
        // response times).
        selected = r.selected().get();
        return List.of(res);
    }

    /** The protocol the handshake chose, its session not yet created (until {@link #afterSend}). Guarded by {@link #lock}. */
    private AppProtocol selected;

    /** Creates the session of the protocol the handshake chose. Holds {@link #lock}. */
    private void startSelected() {
        AppProtocol p = selected;
        selected = null;
        if (p == null || closing) {
            return;
        }
        if (p == AppProtocol.DIN) {
            din = newDin.get();
            stateSink.accept(din.stateName());
        } else if (p == AppProtocol.ISO2) {
            iso2 = newIso2.get();
            stateSink.accept(iso2.stateName());
        } else {
            session = newSession.get();
            stateSink.accept(session.stateName());
        }
        ticker = timers.scheduleAtFixedRate(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        synchronized (lock) {
            if ((session == null && din == null && iso2 == null) || closing) {
                return;
            }
            List<Action> a = din != null ? din.tick() : iso2 != null ? iso2.tick() : session.tick();
            if (!a.isEmpty()) {
                stateSink.accept(din != null ? din.stateName() : iso2 != null ? iso2.stateName() : session.stateName());
                apply(a, List.of());
            }
        }
        afterSend(); // no response here: the lines go out now
    }

    private static boolean closesNow(List<Action> actions) {
        for (Action a : actions) {
            if (a instanceof Action.CloseConnection c && c.after().isZero()) {
                return true;
            }
        }
        return false;
    }

    /** Whether an action of {@code type} is among {@code actions} (a plain loop: this runs for every message). */
    private static boolean has(List<Action> actions, Class<? extends Action> type) {
        for (Action a : actions) {
            if (type.isInstance(a)) {
                return true;
            }
        }
        return false;
    }

    /** Carries out the session's actions; a close right after the response sends the response itself first. */
    private void apply(List<Action> actions, List<V2gtpFrame> out) {
        for (Action a : actions) {
            if (a instanceof Action.SessionEnded e) {
                String ids = ids();
                logAfterSend(() -> "session ended: " + e.reason() + " " + ids);
            } else if (a instanceof Action.SessionPaused) {
                String ids = ids();
                logAfterSend(() -> "session paused; its SessionID stays valid for a resume " + ids);
            } else if (a instanceof Action.NominalDuty n) {
                logAfterSend(() -> "pilot to the nominal duty cycle: " + n.why());
                stateSink.accept(NOMINAL_DUTY);
            } else if (a instanceof Action.CloseConnection c) {
                closing = true;
                stopTicker();
                if (c.after().isZero()) {
                    for (V2gtpFrame f : out) {
                        sendQuietly(f);
                    }
                    conn.close("session ended");
                } else {
                    // [V2G20-1633]: hold the connection, then close (the EV usually closes first).
                    timers.schedule(() -> conn.close("hold time after SessionStopRes over"), c.after().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private void sendThenClose(V2gtpFrame f, String why) {
        closing = true;
        sendQuietly(f);
        conn.close(why);
    }

    private void sendQuietly(V2gtpFrame f) {
        try {
            conn.send(f);
        } catch (IOException e) {
            LOG.warning("send failed: " + e.getMessage());
        }
    }

    /** Bad input: one clear line, power off, contactors open, close; the server keeps serving. */
    private void fault(String why) {
        String ids = ids();
        LOG.warning(() -> why + "; closing the connection " + ids);
        closing = true;
        stopTicker();
        if (session != null) {
            session.connectionLost();
            stateSink.accept(session.stateName());
        }
        if (din != null) {
            din.connectionLost();
            stateSink.accept(din.stateName());
        }
        if (iso2 != null) {
            iso2.connectionLost();
            stateSink.accept(iso2.stateName());
        }
        conn.close(why);
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    @Override
    public void onClosed(CloseReason reason) {
        synchronized (lock) {
            selected = null; // a session the handshake chose but never started has nothing to end
        }
        afterSend();
        synchronized (lock) {
            stopTicker();
            if (session != null && !session.ended()) {
                String ids = ids();
                LOG.info(() -> "connection closed in " + session.stateName() + " (" + reason + "): power off, contactors open " + ids);
                session.connectionLost();
                stateSink.accept(session.stateName());
            }
            if (din != null && !din.ended()) {
                String ids = ids();
                LOG.info(() -> "connection closed in " + din.stateName() + " (" + reason + "): power off, contactors open " + ids);
                din.connectionLost();
                stateSink.accept(din.stateName());
            }
            if (iso2 != null && !iso2.ended()) {
                String ids = ids();
                LOG.info(() -> "connection closed in " + iso2.stateName() + " (" + reason + "): power off, contactors open " + ids);
                iso2.connectionLost();
                stateSink.accept(iso2.stateName());
            }
            closing = true;
        }
    }
}
