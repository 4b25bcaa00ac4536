package org.secc.app.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.secc.app.charge.ChargeSettings;
import org.secc.app.policy.Policy;
import org.secc.app.policy.PolicyFile;
import org.secc.app.sap.SapNegotiator;
import org.secc.app.session.Action;
import org.secc.app.session.Outcome;
import org.secc.app.session.PausedSessions;
import org.secc.app.session.SessionConfig;
import org.secc.app.session.V2gSession;
import org.secc.ev.battery.Battery;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.EvSession;
import org.secc.ev.session.LoopPolicy;
import org.secc.ev.session.Outgoing;
import org.secc.exi.ExiCodec;
import org.secc.exi.SchemaKind;
import org.secc.exi.apphand.supportedAppProtocolReq;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.V2GResponseType;
import org.secc.bench.BenchPack;
import org.secc.hal.config.Hal;
import org.secc.hal.config.HalConfig;
import org.secc.hal.config.HalFactory;
import org.secc.hal.sim.SimBench;

/**
 * The whole charger in one thread on the stepped bench: EV emulator session ⇄ EXI codec ⇄ SECC
 * session ⇄ HalChargeControl ⇄ simulated hardware, grid supervisor inline. Every message is encoded
 * and decoded as on the wire; time is the bench clock, so runs are deterministic and never sleep.
 */
final class SteppedBench {

    static final long EPOCH_MS = 1_700_000_000_000L;

    static final String HAL = BenchPack.HAL;
    static final String POLICY = BenchPack.policy(0, 1);

    final SimBench bench;
    final Hal hal;
    final ChargePoint cp;
    final PausedSessions paused;
    final List<String> log = new ArrayList<>();
    SessionConfig sessionConfig = SessionConfig.defaults().withServices(org.secc.app.session.ServiceOffer.of(false, 6, 2, 5, 1));
    V2gSession current;
    /** Processing time the SECC takes per message on the bench clock. */
    Duration processing = Duration.ofMillis(2);

    SteppedBench(String policyExtra) {
        HalConfig hc = HalConfig.parse(HAL);
        bench = HalFactory.simBench(hc);
        hal = new Hal(bench.controlPilot(), hc.cp(), bench.contactors(), bench.powerStage(), bench.grid(), bench.isolationMonitor(),
                bench.temperatures(), bench.emergencyStop(), Optional.of(bench));
        java.util.Map<String, String> extra = new java.util.LinkedHashMap<>();
        for (String line : policyExtra.split("\n")) {
            if (line.contains("=")) {
                extra.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
            }
        }
        org.secc.common.config.ConfigText policyText = org.secc.common.config.ConfigText.parse(POLICY);
        extra.forEach((k, v) -> policyText.override(k, v, "(test)"));
        PolicyFile.Result parsed = PolicyFile.parse(policyText);
        if (parsed instanceof PolicyFile.Invalid inv) {
            throw new IllegalArgumentException(inv.errors().toString());
        }
        Policy p = ((PolicyFile.Loaded) parsed).policy();
        bench.controlPilot().setEv(org.secc.hal.sim.SimControlPilot.EvSide.C);
        cp = new ChargePoint(hal, p, ChargeSettings.defaults(), bench::nanos, bench::nanos, ChargePoint.SupervisorMode.INLINE);
        paused = new PausedSessions(Duration.ofHours(1), 4, bench::nanos);
        step(Duration.ofMillis(1500)); // enter service (delay 0, 1 s ramp), pilot to C with 5 %
    }

    /** Steps the bench in 2 ms slices, polling the control pilot after each like its thread would. */
    void step(Duration d) {
        step(d, cp);
    }

    private void step(Duration d, ChargePoint c) {
        long left = d.toNanos();
        while (left > 0) {
            long slice = Math.min(left, 2_000_000L);
            bench.step(Duration.ofNanos(slice));
            if (c != null) {
                c.pollInline();
            }
            left -= slice;
        }
    }

    long nowMs() {
        return EPOCH_MS + bench.nanos() / 1_000_000;
    }

    void advanceTo(long ms) {
        long d = ms - nowMs();
        if (d > 0) {
            step(Duration.ofMillis(d));
        }
    }

    EvSession ev(EvConfig cfg, Battery battery, LoopPolicy policy) {
        return new EvSession(cfg, battery, this::nowMs, policy);
    }

    /** Runs one connection of the EV session; returns the final action. */
    org.secc.ev.session.Action connection(EvSession ev, org.secc.ev.session.Action first) {
        Clock wall = new Clock() {
            public ZoneId getZone() { return ZoneId.of("UTC"); }
            public Clock withZone(ZoneId z) { return this; }
            public Instant instant() { return Instant.ofEpochMilli(nowMs()); }
        };
        current = null;
        boolean closed = false;
        org.secc.ev.session.Action a = first;
        while (a instanceof org.secc.ev.session.Action.Send s) {
            advanceTo(s.notBeforeMs());
            if (closed) {
                a = ev.onPeerClosed();
                break;
            }
            Outgoing out = s.out();
            byte[] wire = ExiCodec.of(out.kind()).encode(out.message());
            Object decoded = ExiCodec.of(out.kind()).decode(wire).value();
            Object response;
            if (decoded instanceof supportedAppProtocolReq sap) {
                var r = SapNegotiator.defaults().negotiate(sap);
                response = r.response();
                current = new V2gSession(sessionConfig, cp.charge(), bench::nanos, wall, paused);
            } else {
                Outcome o = current.handle((V2GRequestType) decoded);
                // A held-back response (the contactors closing): the bench moves on, the edge asks again.
                while (o.actions().stream().anyMatch(x -> x instanceof Action.ResponsePending)) {
                    step(Duration.ofMillis(1));
                    o = current.poll();
                }
                for (Action act : o.actions()) {
                    if (act instanceof Action.CloseConnection) {
                        closed = true;
                    }
                }
                // ticks between messages (the loop timer of the edge)
                if (o.response().isEmpty()) {
                    a = ev.onPeerClosed();
                    break;
                }
                response = o.response().get();
                log.add(decoded.getClass().getSimpleName() + " -> " + ((V2GResponseType) response).ResponseCode() + " [" + current.stateName() + "]");
            }
            step(processing);
            SchemaKind rk = response instanceof org.secc.exi.apphand.supportedAppProtocolRes ? SchemaKind.SAP
                    : response.getClass().getPackageName().endsWith(".dc") ? SchemaKind.DC
                    : response.getClass().getPackageName().endsWith(".ac") ? SchemaKind.AC : SchemaKind.COMMON;
            Object back = ExiCodec.of(rk).decode(ExiCodec.of(rk).encode(response)).value();
            a = ev.onResponse(back);
        }
        if (current != null && !current.ended()) {
            current.connectionLost();
        }
        return a;
    }

    /** Runs the EV session to its end, resuming once after a pause when asked. */
    EvSession run(EvConfig cfg, Battery battery, LoopPolicy policy, boolean resumeAfterPause) {
        EvSession ev = ev(cfg, battery, policy);
        org.secc.ev.session.Action end = connection(ev, ev.start());
        if (resumeAfterPause && ev.paused()) {
            step(Duration.ofSeconds(2));
            connection(ev, ev.resume());
        }
        return ev;
    }
}
