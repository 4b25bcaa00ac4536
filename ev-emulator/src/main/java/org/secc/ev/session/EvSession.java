package org.secc.ev.session;

import java.util.List;
import java.util.function.LongSupplier;
import org.secc.ev.battery.Battery;
import org.secc.ev.session.state.EvContext;
import org.secc.ev.session.state.Phase;

/**
 * The EV side of an ISO 15118-20 DC, DC_BPT, AC or AC_BPT session, sans-I/O: {@link #start()} gives the first request,
 * {@link #onResponse(Object)} takes each decoded response and gives the next {@link Action}. Every response
 * is checked (response code, SessionID, control-mode variant, EV response deadlines, 60 s ongoing budget);
 * violations are collected in {@link #failures()}. Time comes from the injected clock (ms).
 *
 * <p>One class per state in {@code org.secc.ev.session.state}, named after the response it waits for
 * (as the charger's session states are); {@link EvContext} holds the session's data, the request
 * builders and the response checks they share.
 */
public final class EvSession implements EvClient {
    private final EvContext c;

    public EvSession(EvConfig cfg, Battery battery, LongSupplier clockMs, LoopPolicy policy) {
        this(cfg, battery, clockMs, policy, 1);
    }

    /** With the response deadlines multiplied by {@code timeoutScale} (1 to 100; 1 = the standard's). */
    public EvSession(EvConfig cfg, Battery battery, LongSupplier clockMs, LoopPolicy policy, int timeoutScale) {
        this.c = new EvContext(cfg, battery, clockMs, policy, timeoutScale);
    }

    /** The SupportedAppProtocolReq that opens a connection (also after a pause). */
    public Action start() {
        return c.start();
    }

    /** After a paused session ended, open a new connection with this and resume with the old SessionID. */
    public Action resume() {
        return c.resume();
    }

    /** A decoded response (typed record) arrived. */
    public Action onResponse(Object msg) {
        return c.onResponse(msg);
    }

    /** The response deadline passed without a response. */
    public Action onTimeout() {
        return c.onTimeout();
    }

    /** The SECC closed the connection. */
    public Action onPeerClosed() {
        return c.onPeerClosed();
    }

    /** The edge performed a transport fault (malformed EXI sent, silence started, TCP dropped). */
    public Action onTransportFault() {
        return c.onTransportFault();
    }

    public Phase phase() {
        return c.phase();
    }

    public List<String> failures() {
        return c.failures();
    }

    public List<String> notes() {
        return c.notes();
    }

    public List<Sample> timeline() {
        return c.timeline();
    }

    public boolean paused() {
        return c.paused();
    }

    /** True when the session reached its planned end (SessionStopRes OK, or the expected fault outcome). */
    public boolean endedOk() {
        return c.endedOk();
    }

    public String stopReason() {
        return c.stopReason();
    }

    public byte[] sessionId() {
        return c.sessionId();
    }

    public Service service() {
        return c.service();
    }

    public ControlMode mode() {
        return c.mode();
    }

    public Battery battery() {
        return c.battery();
    }

    /** Whether the session is in the charge loop (where the edge performs SILENCE / TCP_DROP). */
    public boolean inChargeLoop() {
        return c.inChargeLoop();
    }
}
