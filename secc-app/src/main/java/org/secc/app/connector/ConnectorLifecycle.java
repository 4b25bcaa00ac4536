package org.secc.app.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import org.secc.hal.cp.CpState;

/**
 * The lifecycle of one connector, sans I/O: events in ({@link ConnectorEvent}), actions out
 * ({@link ConnectorAction}), time as a monotonic nanosecond count the caller passes. The edge calls
 * {@link #tick(long)} at {@link #deadline()}. Not thread-safe: one caller.
 *
 * <pre>
 * Idle (A, X1) --B/C/D--> 5 % + SLAC: Matching --link--> LinkUp --session--> InSession --end--> SessionDone
 *                             |  failure: SteppingEF (E/F, T_step_EF) and back, C_sequ_retry times,
 *                             |  then BasicCharging (nominal duty) or Error, per configuration
 * InSession --pause--> Paused (X1) --EV toggle / charger wake-up / SessionSetup--> LinkUp / InSession
 * any --A--> Idle (network left: a fresh NMK)      any --E/F--> Faulted (network left) --B/C/D--> 5 % + SLAC
 * </pre>
 *
 * Where the standard leaves a choice: the link and the 5 % stay after a session ends while the EV is
 * plugged in (an EV may start a new V2G session after a lost connection without a new matching); the
 * network is left on unplug, on E/F, and before every retry, never right after a match
 * [V2G3-M09-17]. Every transition is logged at INFO with its reason.
 */
public final class ConnectorLifecycle {
    private static final Logger LOG = Logger.getLogger(ConnectorLifecycle.class.getName());
    static final long NONE = Long.MAX_VALUE;
    /** After the charger's own E/F drive ends, the pilot needs a debounce to read B again. */
    private static final long OWN_EF_MARGIN_NANOS = 500_000_000L;

    static final ConnectorState IDLE = new Idle();
    static final ConnectorState MATCHING = new Matching();
    static final ConnectorState STEPPING_EF = new SteppingEf();
    static final ConnectorState LINK_UP = new LinkUp();
    static final ConnectorState IN_SESSION = new InSession();
    static final ConnectorState SESSION_DONE = new SessionDone();
    static final ConnectorState PAUSED = new Paused();
    static final ConnectorState BASIC_CHARGING = new BasicCharging();
    static final ConnectorState FAILED = new Failed();
    static final ConnectorState FAULTED = new Faulted();

    /** What {@code secc ctl status} shows of a connector. */
    public record Status(int connector, String state, String reason, long sinceNanos, boolean servesSessions, int plugIns) {
    }

    private final int id;
    private final LifecycleConfig config;
    private ConnectorState state = IDLE;
    private String reason = "start-up";
    private long since;
    private long deadline = NONE;
    private long ownEfUntil = Long.MIN_VALUE;
    private int sequRetriesUsed;
    private int failedAttempts;
    private int plugIns;
    private List<ConnectorAction> out = new ArrayList<>();

    public ConnectorLifecycle(int id, LifecycleConfig config) {
        this.id = id;
        this.config = config;
    }

    /** Power-up: +12 V, no PWM, nobody on the network. */
    public List<ConnectorAction> start(long now) {
        since = now;
        emit(new ConnectorAction.PilotX1());
        LOG.info(() -> "connector " + id + ": Idle (start-up, CP X1)");
        return drain();
    }

    public List<ConnectorAction> on(ConnectorEvent e, long now) {
        if (e instanceof ConnectorEvent.Pilot p) {
            onPilot(p.state(), now);
        } else {
            state.on(this, e, now);
        }
        return drain();
    }

    /** Timers: call at {@link #deadline()} (a late call still fires, an early one does nothing). */
    public List<ConnectorAction> tick(long now) {
        if (deadline != NONE && now - deadline >= 0) {
            deadline = NONE;
            state.onDeadline(this, now);
        }
        return drain();
    }

    public long deadline() {
        return deadline;
    }

    public String stateName() {
        return state.name();
    }

    public String reason() {
        return reason;
    }

    /** Whether a session could be powered now: SDP should answer only then. */
    public boolean servesSessions() {
        return state.servesSessions();
    }

    public Status status() {
        return new Status(id, state.name(), reason, since, state.servesSessions(), plugIns);
    }

    private void onPilot(CpState s, long now) {
        if (s == CpState.A) {
            if (state != IDLE) {
                leaveEverything("EV unplugged");
                emit(new ConnectorAction.PilotX1());
                enter(IDLE, "EV unplugged (CP A)", now, NONE);
            }
        } else if (s == CpState.E || s == CpState.F) {
            if (ownEfUntil != Long.MIN_VALUE && now - ownEfUntil < 0) {
                return; // the charger drives E/F itself (a retry step or the way to nominal duty)
            }
            if (state != FAULTED) {
                leaveEverything("control pilot " + s);
                enter(FAULTED, "control pilot " + s + (s == CpState.E ? " (shorted to PE or lost)" : " (-12 V)"), now, NONE);
            }
        } else {
            state.onPilot(this, s, now);
        }
    }

    private void leaveEverything(String why) {
        if (state.sessionMayRun()) {
            emit(new ConnectorAction.EndSession(why));
        }
        if (state == BASIC_CHARGING) {
            emit(new ConnectorAction.Energize(false));
        }
        if (state.onNetwork() || state == STEPPING_EF) {
            emit(new ConnectorAction.SlacLeave());
        }
    }

    // ---- for the states ----

    LifecycleConfig config() {
        return config;
    }

    int sequRetriesUsed() {
        return sequRetriesUsed;
    }

    /** Counts a failed matching attempt; returns the count in this round. */
    int attemptFailed() {
        return ++failedAttempts;
    }

    void emit(ConnectorAction a) {
        out.add(a);
    }

    /** A new plug-in (or the pilot back from E/F): 5 %, then SLAC, or the link at once without SLAC. */
    void plugIn(String why, long now) {
        plugIns++;
        sequRetriesUsed = 0;
        failedAttempts = 0;
        if (config.slac()) {
            listen(why, now);
        } else {
            emit(new ConnectorAction.PilotHlc());
            enter(LINK_UP, why + "; no SLAC (plain Ethernet), 5 % PWM", now, NONE);
        }
    }

    /** 5 % and a new matching window. */
    void listen(String why, long now) {
        failedAttempts = 0;
        emit(new ConnectorAction.PilotHlc());
        emit(new ConnectorAction.SlacListen());
        enter(MATCHING, why + "; 5 % PWM, SLAC listening", now, now + config.matchingTimeout().toNanos());
    }

    /** SLAC did not give a link: retry through E/F, then basic charging or the error state. */
    void slacFailed(String why, long now) {
        emit(new ConnectorAction.SlacLeave());
        if (sequRetriesUsed < config.sequRetries()) {
            sequRetriesUsed++;
            ownEfUntil = now + config.tStepEf().toNanos() + OWN_EF_MARGIN_NANOS;
            emit(new ConnectorAction.PilotStepEf());
            enter(STEPPING_EF, why + "; E/F for T_step_EF, retry " + sequRetriesUsed + " of " + config.sequRetries(), now,
                    now + config.tStepEf().toNanos());
        } else if (config.fallback() == LifecycleConfig.Fallback.BASIC_CHARGING) {
            ownEfUntil = now + config.tStepEf().toNanos() + OWN_EF_MARGIN_NANOS;
            emit(new ConnectorAction.PilotNominal(config.basicCurrentA(), false));
            enter(BASIC_CHARGING, why + " after " + config.sequRetries() + " retries; IEC 61851-1 basic charging at "
                    + fmt(config.basicCurrentA()) + " A", now, NONE);
        } else {
            emit(new ConnectorAction.PilotX1());
            enter(FAILED, why + " after " + config.sequRetries() + " retries; no high-level communication, basic charging not allowed",
                    now, NONE);
        }
    }

    /**
     * ISO 15118-2 AC, EIM: the authorized EV charges by the PWM. Nominal duty through X1 (a matching
     * exists, [V2G3-M06-06]); the contactors then follow C/D as in basic charging.
     */
    void nominalDutyAfterAuthorization(long now) {
        emit(new ConnectorAction.PilotNominal(config.basicCurrentA(), true));
        enter(BASIC_CHARGING, "-2 AC: the EV was authorized (EIM) but did not start the HLC charge; nominal duty at "
                + fmt(config.basicCurrentA()) + " A ([V2G2-853])", now, NONE);
    }

    /** D-LINK_ERROR: the recovery of [V2G3-M07-04], E/F and a new matching. */
    void linkLost(long now) {
        slacFailed("the modem lost the logical network (D-LINK_ERROR)", now);
    }

    void enter(ConnectorState next, String why, long now, long newDeadline) {
        ConnectorState from = state;
        state = next;
        reason = why;
        since = now;
        deadline = newDeadline;
        LOG.info(() -> "connector " + id + ": " + from.name() + " -> " + next.name() + " (" + why + ")");
    }

    private static String fmt(double a) {
        return a == Math.rint(a) ? Long.toString((long) a) : Double.toString(a);
    }

    private List<ConnectorAction> drain() {
        if (out.isEmpty()) {
            return List.of();
        }
        List<ConnectorAction> r = out;
        out = new ArrayList<>();
        return r;
    }
}
