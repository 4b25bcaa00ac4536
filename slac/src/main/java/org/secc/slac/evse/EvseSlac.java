package org.secc.slac.evse;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.secc.slac.Keys;
import org.secc.slac.MacAddress;
import org.secc.slac.SlacAction;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;

/**
 * The charger side of SLAC (ISO 15118-3), sans I/O: it takes frames, plug events and the time (a
 * monotonic nanosecond count) and returns {@link SlacAction}s. The edge sends what it is asked to,
 * and calls {@link #onTick(long)} at {@link #deadline()}. Not thread-safe: one caller at a time.
 *
 * <p>One logical network per connector: a single matching session at a time. While a session runs,
 * CM_SLAC_PARM.REQ from another EV (crosstalk from a neighbouring connector) is ignored, so it cannot
 * disturb the car on this cable; once no session runs, any EV may start one.
 */
public final class EvseSlac implements org.secc.slac.SlacMachine {
    private static final Logger LOG = Logger.getLogger(EvseSlac.class.getName());
    static final long NONE = Long.MAX_VALUE;

    final MacAddress host;
    final MacAddress modem;
    final EvseSlacConfig config;
    private final SecureRandom random;

    EvseState state = EvseStates.UNPLUGGED;
    long deadline = NONE;
    boolean plugged;
    private List<SlacAction> out = new ArrayList<>();

    // the network this charger's modem runs
    byte[] nmk;
    long nid;
    int setKeyAttempts;

    // the matching session
    MacAddress pev;
    long runId;
    int[] aagSum = new int[0];
    int profiles;
    boolean soundsStarted;
    int attenCharSends;
    HomePlugFrame attenChar;
    HomePlugFrame matchCnf;
    boolean linkUp;
    long joinDeadline = NONE;
    long initDeadline = NONE;

    /**
     * @param host   this host's MAC on the PLC interface
     * @param modem  where host-to-modem messages go: {@link MacAddress#QCA_LOCAL} or the modem's own MAC
     */
    public EvseSlac(MacAddress host, MacAddress modem, EvseSlacConfig config, SecureRandom random) {
        this.host = host;
        this.modem = modem;
        this.config = config;
        this.random = random;
    }

    /** Power-up: a fresh NMK for the modem; the machine waits for the EV afterwards. */
    public List<SlacAction> start(long now) {
        rekey(now);
        return drain();
    }

    /** Control pilot A/E/F → B/C/D: the EV is there; CM_SLAC_PARM.REQ is expected within TT_EVSE_SLAC_init. */
    public List<SlacAction> plugIn(long now) {
        plugged = true;
        initDeadline = now + config.slacInit().toNanos();
        if (state != EvseStates.KEYING && state != EvseStates.MODEM_ERROR) {
            clearSession();
            enter(EvseStates.WAIT_PARM, initDeadline);
        }
        return drain();
    }

    /**
     * The EV left (unplug, E/F) or the charging session ended (D-LINK_TERMINATE): a new random NMK
     * takes the EV out of the logical network within TP_match_leave ([V2G3-M09-17]).
     */
    public List<SlacAction> leave(long now, boolean stillPlugged) {
        plugged = stillPlugged;
        clearSession();
        rekey(now);
        return drain();
    }

    public List<SlacAction> onFrame(HomePlugFrame frame, long now) {
        if (frame.source().equals(host)) {
            return drain(); // our own frame looped back by a bridge or the simulator
        }
        Mme m = frame.mme();
        if (m instanceof Mme.SlacParmReq req && state.acceptsNewMatching()) {
            onParmReq(frame, req, now);
        } else {
            state.onFrame(this, frame, now);
        }
        return drain();
    }

    public List<SlacAction> onTick(long now) {
        // a late tick must still fire; an early one does nothing
        if (deadline != NONE && now - deadline >= 0) {
            deadline = NONE;
            state.onDeadline(this, now);
        }
        return drain();
    }

    /** When {@link #onTick(long)} must be called next, or {@link Long#MAX_VALUE} for never. */
    public long deadline() {
        return deadline;
    }

    public String stateName() {
        return state.name();
    }

    public boolean linkUp() {
        return linkUp;
    }

    private void onParmReq(HomePlugFrame frame, Mme.SlacParmReq req, long now) {
        if (req.app() != Mme.APP_PEV_EVSE || req.sec() != Mme.SEC_NONE) {
            LOG.fine(() -> "ignoring CM_SLAC_PARM.REQ with APP " + req.app() + " SEC " + req.sec());
            return;
        }
        if (pev != null && !pev.equals(frame.source()) && state.sessionRunning()) {
            LOG.info(() -> "ignoring CM_SLAC_PARM.REQ from " + frame.source() + " while matching " + pev);
            return;
        }
        // a repeated request restarts the session ([V2G3-A09-16] as EVerest quotes it)
        clearSession();
        initDeadline = NONE;
        pev = frame.source();
        runId = req.runId();
        send(frame.source(), new Mme.SlacParmCnf(MacAddress.BROADCAST, config.numSounds(), config.timeOutField(), config.respType(),
                frame.source(), Mme.APP_PEV_EVSE, Mme.SEC_NONE, runId, 0));
        enter(EvseStates.WAIT_START_ATTEN, now + config.matchSequence().toNanos());
    }

    // ---- helpers for the states ----

    void enter(EvseState next, long deadlineNanos) {
        if (next != state) {
            EvseState prev = state;
            LOG.fine(() -> "SLAC " + prev.name() + " -> " + next.name());
        }
        state = next;
        deadline = deadlineNanos;
    }

    void send(MacAddress to, Mme mme) {
        out.add(new SlacAction.Send(HomePlugFrame.of(to, host, mme)));
    }

    void emit(SlacAction a) {
        out.add(a);
    }

    void rekey(long now) {
        nmk = Keys.randomNmk(random);
        nid = Keys.nid(nmk);
        setKeyAttempts = 0;
        linkUp = false;
        sendSetKey(now);
    }

    void sendSetKey(long now) {
        setKeyAttempts++;
        send(modem, Mme.SetKeyReq.forNmk(nmk, nid));
        enter(EvseStates.KEYING, now + config.setKeyTimeout().toNanos());
    }

    /** Back to waiting for a new CM_SLAC_PARM.REQ: the EV retries on its own (TT_matching_rate). */
    void attemptFailed(String reason, long now) {
        LOG.log(Level.INFO, "SLAC attempt with {0} failed: {1}", new Object[] {pev, reason});
        emit(new SlacAction.AttemptFailed(reason));
        clearSession();
        enter(plugged ? EvseStates.WAIT_PARM : EvseStates.UNPLUGGED, NONE);
    }

    void clearSession() {
        pev = null;
        runId = 0;
        aagSum = new int[0];
        profiles = 0;
        soundsStarted = false;
        attenCharSends = 0;
        attenChar = null;
        matchCnf = null;
        linkUp = false;
    }

    boolean ofSession(HomePlugFrame f, long frameRunId) {
        return pev != null && pev.equals(f.source()) && frameRunId == runId;
    }

    private List<SlacAction> drain() {
        if (out.isEmpty()) {
            return List.of();
        }
        List<SlacAction> r = out;
        out = new ArrayList<>();
        return r;
    }
}
