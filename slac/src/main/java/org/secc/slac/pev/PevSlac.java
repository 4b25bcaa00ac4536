package org.secc.slac.pev;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.secc.slac.Keys;
import org.secc.slac.MacAddress;
import org.secc.slac.SlacAction;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.Mme;

/**
 * The car side of SLAC, sans I/O, for the EV emulator: parameter exchange, sounding, choosing the
 * EVSE with the lowest average attenuation, matching and keying the own modem with the EVSE's NMK.
 * Same contract as the EVSE machine: frames and time in, {@link SlacAction}s out, {@link #onTick(long)}
 * at {@link #deadline()}.
 */
public final class PevSlac implements org.secc.slac.SlacMachine {
    private static final Logger LOG = Logger.getLogger(PevSlac.class.getName());
    private static final long NONE = Long.MAX_VALUE;
    private static final byte[] ZERO_ID = new byte[Mme.ID_LENGTH];

    /** States in ISO order. */
    public enum State { KEYING, IDLE, WAIT_PARM_CNF, SOUNDING, WAIT_ATTEN_CHAR, WAIT_MATCH_CNF, JOINING_KEY, JOINING_LINK, MATCHED, FAILED }

    private final MacAddress host;
    private final MacAddress modem;
    private final PevSlacConfig config;
    private final SecureRandom random;

    private State state = State.IDLE;
    private long deadline = NONE;
    private List<SlacAction> out = new ArrayList<>();

    private byte[] nmk;
    private long nid;
    private boolean joiningAfterKey;
    private long runId;
    private int attempt;
    private int sends;
    private Mme.SlacParmCnf parmCnf;
    private int startAttenLeft;
    private int soundsLeft;
    private final Map<MacAddress, Mme.AttenCharInd> answers = new LinkedHashMap<>();
    private MacAddress evse;
    private HomePlugFrame matchReq;
    private long joinDeadline;

    public PevSlac(MacAddress host, MacAddress modem, PevSlacConfig config, SecureRandom random) {
        this.host = host;
        this.modem = modem;
        this.config = config;
        this.random = random;
    }

    /** Power-up: the own modem gets a private random NMK (the car is in no network). */
    public List<SlacAction> start(long now) {
        nmk = Keys.randomNmk(random);
        nid = Keys.nid(nmk);
        joiningAfterKey = false;
        setKey(now);
        return drain();
    }

    /** Plugged in and the charger shows 5 %: start a matching attempt (up to C_conn_max_match). */
    public List<SlacAction> beginMatching(long now) {
        attempt = 0;
        newAttempt(now);
        return drain();
    }

    /** End of charging or unplug: a private NMK again takes the car out of the charger's network. */
    public List<SlacAction> leave(long now) {
        evse = null;
        return start(now);
    }

    public State state() {
        return state;
    }

    public long deadline() {
        return deadline;
    }

    /** The EVSE matched with, or {@code null}. */
    public MacAddress evse() {
        return evse;
    }

    public List<SlacAction> onFrame(HomePlugFrame f, long now) {
        if (f.source().equals(host)) {
            return drain();
        }
        Mme m = f.mme();
        switch (state) {
            case KEYING, JOINING_KEY -> {
                if (m instanceof Mme.SetKeyCnf cnf && f.destination().equals(host)) {
                    keyConfirmed(cnf, now);
                }
            }
            case WAIT_PARM_CNF -> {
                if (m instanceof Mme.SlacParmCnf cnf && cnf.runId() == runId && f.destination().equals(host)) {
                    parmCnf = cnf;
                    startAttenLeft = 3; // C_EV_start_atten_char_inds
                    soundsLeft = Math.max(1, cnf.numSounds());
                    answers.clear();
                    state = State.SOUNDING;
                    joinDeadline = now + config.attenResults().toNanos(); // reused: end of result collection
                    sendNextSounding(now);
                }
            }
            case SOUNDING, WAIT_ATTEN_CHAR -> {
                if (m instanceof Mme.AttenCharInd ind && ind.runId() == runId && f.destination().equals(host)) {
                    answers.put(f.source(), ind);
                    byte[] zeros = ZERO_ID;
                    send(f.source(), new Mme.AttenCharRsp(Mme.APP_PEV_EVSE, Mme.SEC_NONE, host, runId, zeros, zeros, 0));
                }
            }
            case WAIT_MATCH_CNF -> {
                if (m instanceof Mme.SlacMatchCnf cnf && cnf.runId() == runId && f.source().equals(evse)
                        && cnf.pevMac().equals(host) && cnf.mvfLength() == Mme.SlacMatchCnf.MVF_LENGTH) {
                    nmk = cnf.nmk();
                    nid = cnf.nid();
                    joiningAfterKey = true;
                    setKey(now);
                    state = State.JOINING_KEY;
                    joinDeadline = now + config.matchJoin().toNanos();
                }
            }
            case JOINING_LINK, MATCHED -> {
                if (m instanceof Mme.LinkStatusCnf cnf && f.destination().equals(host) && cnf.connected() && state == State.JOINING_LINK) {
                    state = State.MATCHED;
                    deadline = NONE;
                    emit(new SlacAction.LinkReady(evse));
                }
            }
            default -> {
            }
        }
        return drain();
    }

    public List<SlacAction> onTick(long now) {
        if (deadline == NONE || now - deadline < 0) {
            return drain();
        }
        deadline = NONE;
        switch (state) {
            case KEYING, JOINING_KEY -> {
                if (sends <= config.matchRetries()) {
                    resendKey(now);
                } else {
                    fail("own modem did not confirm CM_SET_KEY.REQ");
                }
            }
            case WAIT_PARM_CNF -> {
                if (sends <= config.matchRetries()) {
                    sends++;
                    send(MacAddress.BROADCAST, new Mme.SlacParmReq(runId));
                    deadline = now + config.matchResponse().toNanos();
                } else {
                    retryOrFail("no CM_SLAC_PARM.CNF", now);
                }
            }
            case SOUNDING -> sendNextSounding(now);
            case WAIT_ATTEN_CHAR -> choose(now);
            case WAIT_MATCH_CNF -> {
                if (sends <= config.matchRetries()) {
                    sends++;
                    emit(new SlacAction.Send(matchReq));
                    deadline = now + config.matchResponse().toNanos();
                } else {
                    retryOrFail("no CM_SLAC_MATCH.CNF", now);
                }
            }
            case JOINING_LINK -> {
                if (now - joinDeadline >= 0) {
                    retryOrFail("the modem did not join the charger's network", now);
                } else {
                    send(modem, new Mme.LinkStatusReq());
                    deadline = Math.min(now + config.linkPollInterval().toNanos(), joinDeadline);
                }
            }
            default -> {
            }
        }
        return drain();
    }

    private void newAttempt(long now) {
        attempt++;
        byte[] r = new byte[8];
        random.nextBytes(r);
        runId = 0;
        for (byte b : r) {
            runId = (runId << 8) | (b & 0xFF);
        }
        sends = 1;
        evse = null;
        state = State.WAIT_PARM_CNF;
        send(MacAddress.BROADCAST, new Mme.SlacParmReq(runId));
        deadline = now + config.matchResponse().toNanos();
    }

    private void sendNextSounding(long now) {
        Mme.SlacParmCnf c = parmCnf;
        if (startAttenLeft > 0) {
            startAttenLeft--;
            send(MacAddress.BROADCAST, new Mme.StartAttenCharInd(Mme.APP_PEV_EVSE, Mme.SEC_NONE, c.numSounds(), c.timeOut(), c.respType(),
                    host, runId));
        } else if (soundsLeft > 0) {
            soundsLeft--;
            byte[] rnd = new byte[16];
            random.nextBytes(rnd);
            send(MacAddress.BROADCAST, new Mme.MnbcSoundInd(Mme.APP_PEV_EVSE, Mme.SEC_NONE, ZERO_ID, soundsLeft, runId, 0, rnd));
        }
        if (startAttenLeft > 0 || soundsLeft > 0) {
            deadline = now + config.batchInterval().toNanos();
        } else {
            state = State.WAIT_ATTEN_CHAR;
            deadline = joinDeadline;
        }
    }

    /** The EVSE with the lowest average attenuation within the limit (ISO 15118-3 attenuation characterization, slac/README.md). */
    private void choose(long now) {
        MacAddress best = null;
        int bestAvg = Integer.MAX_VALUE;
        for (Map.Entry<MacAddress, Mme.AttenCharInd> e : answers.entrySet()) {
            byte[] aag = e.getValue().aag();
            if (aag.length == 0 || aag.length > 58) {
                continue;
            }
            int sum = 0;
            for (byte b : aag) {
                sum += b & 0xFF;
            }
            int avg = sum / aag.length;
            if (avg > 0 && avg <= config.attenuationLimitDb() && avg < bestAvg) {
                best = e.getKey();
                bestAvg = avg;
            }
        }
        if (best == null) {
            retryOrFail(answers.isEmpty() ? "no CM_ATTEN_CHAR.IND" : "no charger within " + config.attenuationLimitDb() + " dB", now);
            return;
        }
        int chosenAvg = bestAvg;
        MacAddress chosen = best;
        LOG.fine(() -> "chose " + chosen + " at " + chosenAvg + " dB");
        evse = best;
        matchReq = HomePlugFrame.of(evse, host, new Mme.SlacMatchReq(Mme.APP_PEV_EVSE, Mme.SEC_NONE, Mme.SlacMatchReq.MVF_LENGTH, ZERO_ID,
                host, ZERO_ID, evse, runId, 0));
        sends = 1;
        emit(new SlacAction.Send(matchReq));
        state = State.WAIT_MATCH_CNF;
        deadline = now + config.matchResponse().toNanos();
    }

    private void keyConfirmed(Mme.SetKeyCnf cnf, long now) {
        if (!joiningAfterKey) {
            emit(new SlacAction.ModemKeyed(nmk.clone(), nid, cnf.result()));
            state = State.IDLE;
            deadline = NONE;
            return;
        }
        emit(new SlacAction.Matched(evse, nmk.clone(), nid));
        if (config.pollLinkStatus()) {
            state = State.JOINING_LINK;
            send(modem, new Mme.LinkStatusReq());
            deadline = Math.min(now + config.linkPollInterval().toNanos(), joinDeadline);
        } else {
            state = State.MATCHED;
            deadline = NONE;
            emit(new SlacAction.LinkReady(evse));
        }
    }

    private void setKey(long now) {
        sends = 1;
        send(modem, Mme.SetKeyReq.forNmk(nmk, nid));
        state = joiningAfterKey ? State.JOINING_KEY : State.KEYING;
        deadline = now + config.setKeyTimeout().toNanos();
    }

    private void resendKey(long now) {
        sends++;
        send(modem, Mme.SetKeyReq.forNmk(nmk, nid));
        deadline = now + config.setKeyTimeout().toNanos();
    }

    private void retryOrFail(String reason, long now) {
        if (attempt < config.maxAttempts()) {
            emit(new SlacAction.AttemptFailed(reason));
            if (joiningAfterKey) {
                // the modem may hold the charger's key: back to a private one before the next attempt
                nmk = Keys.randomNmk(random);
                nid = Keys.nid(nmk);
                joiningAfterKey = false;
                send(modem, Mme.SetKeyReq.forNmk(nmk, nid));
            }
            newAttempt(now);
        } else {
            fail(reason + " after " + attempt + " attempts");
        }
    }

    private void fail(String reason) {
        LOG.info(() -> "SLAC failed: " + reason);
        emit(new SlacAction.Failed(reason));
        state = State.FAILED;
        deadline = NONE;
    }

    private void send(MacAddress to, Mme mme) {
        out.add(new SlacAction.Send(HomePlugFrame.of(to, host, mme)));
    }

    private void emit(SlacAction a) {
        out.add(a);
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
