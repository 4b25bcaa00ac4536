package org.secc.ev.scenario;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.secc.ev.battery.Battery;
import org.secc.ev.link.Connector;
import org.secc.ev.link.EdgeClock;
import org.secc.ev.link.Frame;
import org.secc.ev.link.Link;
import org.secc.ev.session.Action;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Decision;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.EvSession;
import org.secc.ev.session.Fault;
import org.secc.ev.session.Outgoing;
import org.secc.ev.session.Sample;
import org.secc.ev.session.Service;
import org.secc.exi.ExiCodec;
import org.secc.exi.ExiDecodeException;
import org.secc.exi.SchemaKind;

/**
 * The edge that drives an {@link EvSession} over a {@link Link}: encodes each request, sends it as one
 * V2GTP message, waits for the response until the session's deadline, decodes it by payload type and
 * feeds it back. Performs the transport faults, the pause/resume reconnect and the follow-up session
 * after a fault, then checks the scenario's expectations.
 */
public final class ScenarioRunner {
    private static final Logger LOG = Logger.getLogger(ScenarioRunner.class.getName());
    /** Charge-loop time before a transport fault (SILENCE, TCP_DROP) is performed. */
    static final long FAULT_AFTER_LOOP_MS = 1_000;

    private final Connector connector;
    private final EdgeClock clock;
    private final Consumer<Sample> timeline;

    /** DIN 70121 instead of -20, with these real-car quirks; null = -20. */
    private org.secc.ev.din.DinQuirks din;

    public ScenarioRunner(Connector connector, EdgeClock clock, Consumer<Sample> timeline) {
        this.connector = connector;
        this.clock = clock;
        this.timeline = timeline;
    }

    private long dinLoopTimeoutMs = 250;

    /** Runs the scenarios as a DIN SPEC 70121 EV (DC only) with the given quirks. */
    public ScenarioRunner din(org.secc.ev.din.DinQuirks quirks) {
        this.din = quirks;
        return this;
    }

    /** As {@link #din(org.secc.ev.din.DinQuirks)} with another CurrentDemand deadline than DIN's 0.25 s. */
    public ScenarioRunner din(org.secc.ev.din.DinQuirks quirks, long loopTimeoutMs) {
        this.din = quirks;
        this.dinLoopTimeoutMs = loopTimeoutMs;
        return this;
    }

    /** ISO 15118-2 instead of -20 (DC or AC by the service), with these real-car quirks; null = not -2. */
    private org.secc.ev.din.DinQuirks iso2;

    /** Runs the scenarios as an ISO 15118-2 EV (DC or AC by the service, charge only) with the given quirks. */
    public ScenarioRunner iso2(org.secc.ev.din.DinQuirks quirks, long loopTimeoutMs) {
        this.iso2 = quirks;
        this.dinLoopTimeoutMs = loopTimeoutMs;
        return this;
    }

    private int timeoutScale = 1;

    /** Multiplies the -20 EV's response deadlines (a charger on an emulated host); 1 = the standard's. */
    public ScenarioRunner timeoutScale(int k) {
        if (k < 1 || k > 100) {
            throw new IllegalArgumentException("timeout scale " + k + " is out of range; allowed 1 to 100");
        }
        this.timeoutScale = k;
        return this;
    }

    private int loopTimeScale = 1;

    /**
     * Runs the scenarios' charge-loop stories {@code k} times faster (a soak's throughput): the loop policy
     * sees {@code k} times the loop time, so "charge 3 s" stops after 3/k s, and the transport faults and the
     * follow-up session after one come k times sooner. The messages, their order and the EV's deadlines stay
     * as they are; SOC targets (charge-to-soc) are energy, not time, and do not shrink. 1 = as written.
     */
    public ScenarioRunner loopTimeScale(int k) {
        if (k < 1 || k > 100) {
            throw new IllegalArgumentException("loop time scale " + k + " is out of range; allowed 1 to 100");
        }
        this.loopTimeScale = k;
        return this;
    }

    private org.secc.ev.session.EvClient client(EvConfig cfg, Battery battery, org.secc.ev.session.LoopPolicy policy) {
        if (iso2 != null) {
            return new org.secc.ev.iso2.Iso2EvSession(cfg, iso2, battery, clock::nowMs, policy, dinLoopTimeoutMs);
        }
        if (din != null) {
            return new org.secc.ev.din.DinEvSession(cfg, din, battery, clock::nowMs, policy, dinLoopTimeoutMs);
        }
        return new EvSession(cfg, battery, clock::nowMs, policy, timeoutScale);
    }

    public ScenarioResult run(Scenario sc, Service service, ControlMode mode) {
        return run(sc, EvConfig.defaults(service, mode));
    }

    public ScenarioResult run(Scenario sc, EvConfig base) {
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        EvConfig cfg = base.withFault(sc.fault());
        if (sc.needsBpt() && !cfg.service().bpt) {
            Service bpt = cfg.service().dc ? Service.DC_BPT : Service.AC_BPT;
            cfg = new EvConfig(bpt, cfg.mode(), cfg.evccId(), cfg.targetSoc(), cfg.loopPeriodMs(), cfg.fault());
            notes.add("scenario needs a BPT service; service set to " + bpt);
        }
        Battery battery = sc.battery().get();
        double soc0 = battery.soc();
        LoopPolicy capped = capped(sc, loopTimeScale);
        org.secc.ev.session.EvClient s = client(cfg, battery, capped.policy());
        runConnection(s, s::start, cfg, samples, failures);
        if (s.paused() && sc.pauseResume()) {
            runConnection(s, s::resume, cfg, samples, failures);
        }
        failures.addAll(s.failures());
        notes.addAll(s.notes());
        if (!s.endedOk()) {
            failures.add("session did not end as planned (" + s.stopReason() + ")");
        }
        if (capped.hit[0]) {
            failures.add("charge loop ran into the scenario's " + sc.maxLoopMs() / 1000 + " s cap");
        }
        if (sc.pauseResume() && !s.notes().contains("resumed paused session")) {
            failures.add("the session was not paused and resumed");
        }
        if (sc.pauseResume() && s.paused()) {
            failures.add("the session is still paused at the end");
        }
        if (sc.expectNotification() && s.notes().stream().noneMatch(n -> n.startsWith("EVSENotification"))) {
            failures.add("no EVSENotification received");
        }
        if (cfg.fault() == Fault.MALFORMED_EXI || cfg.fault() == Fault.SILENCE || cfg.fault() == Fault.TCP_DROP) {
            // the SECC must serve the next connection normally
            // the follow-up is a clean session: its connection injects no fault (given the faulted config, it went
            // silent or dropped TCP itself, and the fault probe counted the SECC's close as the expected outcome)
            EvConfig clean = cfg.withFault(Fault.NONE);
            org.secc.ev.session.EvClient next = client(clean, battery,
                    (b, t) -> t * loopTimeScale >= 1_000 ? Decision.STOP : Decision.CHARGE);
            List<String> nextEdge = new ArrayList<>();
            runConnection(next, next::start, clean, samples, nextEdge);
            failures.addAll(nextEdge.stream().map(f -> "follow-up session: " + f).toList());
            failures.addAll(next.failures().stream().map(f -> "follow-up session: " + f).toList());
            if (!next.endedOk()) {
                failures.add("the SECC did not serve a clean session after " + cfg.fault() + " (" + next.stopReason() + ")");
            } else {
                notes.add("follow-up session after " + cfg.fault() + " ended OK");
            }
        }
        double soc1 = battery.soc();
        if (sc.socDirection() > 0 && !(soc1 > soc0)) {
            failures.add(String.format("SOC did not rise (%.3f -> %.3f %%)", soc0, soc1));
        }
        if (sc.socDirection() < 0 && !(soc1 < soc0)) {
            failures.add(String.format("SOC did not fall (%.3f -> %.3f %%)", soc0, soc1));
        }
        if (sc.bothDirections() && (battery.chargedWh() <= 0 || battery.dischargedWh() <= 0)) {
            failures.add(String.format("expected energy both ways, charged %.1f Wh, discharged %.1f Wh", battery.chargedWh(), battery.dischargedWh()));
        }
        return new ScenarioResult(sc.name(), failures, notes, samples, soc0, soc1, battery.chargedWh(), battery.dischargedWh());
    }

    private record LoopPolicy(org.secc.ev.session.LoopPolicy policy, boolean[] hit) {
    }

    private static LoopPolicy capped(Scenario sc, int k) {
        org.secc.ev.session.LoopPolicy p = sc.policy().get();
        boolean[] hit = new boolean[1];
        return new LoopPolicy((b, t) -> {
            if (t >= sc.maxLoopMs()) {
                hit[0] = true;
                return Decision.STOP;
            }
            return p.decide(b, t * k);
        }, hit);
    }

    /**
     * One connection: connect (TCP, or TCP and the TLS handshake), then the session's first request.
     * The first request is made after the connection is up because its response deadline
     * (V2G_EVCC_Msg_Timeout) runs from sending the request, not from the connection attempt.
     */
    private void runConnection(org.secc.ev.session.EvClient s, java.util.function.Supplier<Action> first, EvConfig cfg, List<Sample> samples,
            List<String> edge) {
        Link link;
        try {
            link = connector.connect();
        } catch (IOException e) {
            s.onPeerClosed();
            LOG.warning("connect failed: " + e.getMessage());
            edge.add("connect failed: " + e.getMessage());
            return;
        }
        int seen = s.timeline().size();
        long loopEntered = -1;
        boolean faultDone = false;
        Action a = first.get();
        try (link) {
            while (true) {
                if (a instanceof Action.Close) {
                    break;
                }
                if (a instanceof Action.Silence sil) {
                    if (cfg.fault() == Fault.MALFORMED_EXI && !faultDone) {
                        faultDone = true;
                        link.send(Outgoing.COMMON, garbage());
                    }
                    a = waitForClose(s, link, sil.waitMs());
                    continue;
                }
                Action.Send send = (Action.Send) a;
                clock.sleepUntil(send.notBeforeMs());
                if (s.inChargeLoop()) {
                    if (loopEntered < 0) {
                        loopEntered = clock.nowMs();
                    }
                    if (!faultDone && clock.nowMs() - loopEntered >= FAULT_AFTER_LOOP_MS / loopTimeScale
                            && (cfg.fault() == Fault.SILENCE || cfg.fault() == Fault.TCP_DROP)) {
                        faultDone = true;
                        if (cfg.fault() == Fault.TCP_DROP) {
                            link.close();
                            s.onTransportFault();
                            s.onPeerClosed();
                            break;
                        }
                        a = s.onTransportFault();
                        continue;
                    }
                }
                Outgoing out = send.out();
                link.send(out.payloadType(), ExiCodec.of(out.kind()).encode(out.message()));
                Frame f = link.receive(Math.max(1, send.deadlineMs() - clock.nowMs()));
                if (f == null) {
                    a = s.onTimeout();
                } else {
                    a = s.onResponse(ExiCodec.of(s.responseKind(f.payloadType())).decode(f.payload()).value());
                }
                seen = flush(s, seen, samples);
            }
        } catch (EOFException e) {
            s.onPeerClosed();
        } catch (IOException | ExiDecodeException e) {
            edge.add("transport/decoding error: " + e.getMessage());
            s.onPeerClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            edge.add("interrupted");
        }
        flush(s, seen, samples);
    }

    private Action waitForClose(org.secc.ev.session.EvClient s, Link link, long waitMs) throws IOException {
        long end = clock.nowMs() + waitMs;
        while (true) {
            try {
                Frame f = link.receive(Math.max(1, end - clock.nowMs()));
                if (f == null) {
                    return s.onTimeout();
                }
                // the SECC may still answer (e.g. a FAILED response) before it closes; keep waiting
            } catch (EOFException e) {
                return s.onPeerClosed();
            }
        }
    }

    private int flush(org.secc.ev.session.EvClient s, int seen, List<Sample> samples) {
        List<Sample> t = s.timeline();
        for (int i = seen; i < t.size(); i++) {
            samples.add(t.get(i));
            if (timeline != null) {
                timeline.accept(t.get(i));
            }
        }
        return t.size();
    }

    static Object decode(Frame f) {
        SchemaKind k = switch (f.payloadType()) {
            case Outgoing.SAP -> SchemaKind.SAP;
            case Outgoing.COMMON -> SchemaKind.COMMON;
            case Outgoing.DC -> SchemaKind.DC;
            case Outgoing.AC -> SchemaKind.AC;
            default -> throw new ExiDecodeException(0, String.format("unexpected V2GTP payload type 0x%04x", f.payloadType()));
        };
        return ExiCodec.of(k).decode(f.payload()).value();
    }

    /** Bytes that start like EXI but do not decode as any CommonMessages document. */
    static byte[] garbage() {
        byte[] b = new byte[32];
        b[0] = (byte) 0x80;
        for (int i = 1; i < b.length; i++) {
            b[i] = (byte) 0xFF;
        }
        return b;
    }
}
