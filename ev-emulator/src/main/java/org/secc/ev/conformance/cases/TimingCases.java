package org.secc.ev.conformance.cases;

import java.util.ArrayList;
import java.util.List;
import org.secc.ev.conformance.CaseContext;
import org.secc.ev.conformance.Conversation;
import org.secc.ev.conformance.Walk;
import org.secc.ev.conformance.Walk.Stage;
import org.secc.ev.session.ControlMode;

/**
 * The charger's sequence timeouts: the suite goes silent and measures when the charger gives up
 * ([V2G20-1500], [V2G20-1502]). Response times of every message are checked in every case.
 */
final class TimingCases {
    private TimingCases() {
    }

    static void silence(CaseContext ctx, Walk w, long timeoutMs, String where) throws Exception {
        Conversation c = w.conversation();
        long t = ctx.nowMs();
        long slack = ctx.settings().closeSlackMs();
        ctx.note("silent after " + where + "; expecting the close " + timeoutMs + " ms later (slack " + slack + " ms)");
        long closed = c.awaitClose(t, timeoutMs + slack);
        ctx.check(closed >= 0, "the charger kept the connection open more than " + (timeoutMs + slack) + " ms of silence after " + where
                + " (sequence timeout " + timeoutMs + " ms)");
        ctx.check(closed >= timeoutMs - Math.min(slack, timeoutMs / 2), "the charger closed " + closed + " ms after " + where
                + ", before its sequence timeout of " + timeoutMs + " ms");
        c.close();
        RobustnessCases.stillServes(ctx);
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> l = new ArrayList<>();
        l.add(ConformanceCase.of("TIM-01", "Sequence timeout outside the loop: silence after ServiceDiscovery closes the session")
                .req("[V2G20-1500]")
                .pre("--sequence-timeout-ms names the charger's V2G_SECC_Sequence_Timeout (standard 60 s)")
                .stimulus("a valid sequence to ServiceDiscoveryRes, then nothing")
                .expect("the charger closes the connection after its sequence timeout, not before; a new connection gets a clean session")
                .timing("close in [timeout - slack, timeout + slack]")
                .body(ctx -> silence(ctx, ctx.walkDc(ControlMode.DYNAMIC).to(Stage.SERVICE_DISCOVERY), ctx.settings().sequenceTimeoutMs(),
                        "ServiceDiscoveryRes")));
        l.add(ConformanceCase.of("TIM-02", "Sequence timeout in the DC charge loop: silence closes the session")
                .req("[V2G20-1502]")
                .pre("a DC service; --loop-sequence-timeout-ms names the charger's loop timeout (standard 0.5 s)")
                .stimulus("a DC session to the charge loop, then nothing")
                .expect("the charger closes the connection after its loop sequence timeout; a new connection gets a clean session")
                .timing("close in [timeout - slack, timeout + slack]")
                .body(ctx -> silence(ctx, ctx.walkDc(ControlMode.DYNAMIC).to(Stage.CHARGE_LOOP), ctx.settings().loopSequenceTimeoutMs(),
                        "DC_ChargeLoopRes")));
        l.add(ConformanceCase.of("TIM-03", "Sequence timeout in the AC charge loop: silence closes the session")
                .req("[V2G20-1502]")
                .pre("an AC service; --loop-sequence-timeout-ms")
                .stimulus("an AC session to the charge loop, then nothing")
                .expect("the charger closes the connection after its loop sequence timeout; a new connection gets a clean session")
                .timing("close in [timeout - slack, timeout + slack]")
                .body(ctx -> silence(ctx, ctx.walkAc(ControlMode.DYNAMIC).to(Stage.CHARGE_LOOP), ctx.settings().loopSequenceTimeoutMs(),
                        "AC_ChargeLoopRes")));
        l.add(ConformanceCase.of("TIM-04", "Performance: every response of a DC_BPT (else DC) dynamic session within the EV's limits, 20 loops")
                .req("V2G_EVCC_Msg_Timeout")
                .pre("a DC service")
                .stimulus("a whole session with 20 charge-loop requests sent back to back")
                .expect("every response in time; the report lists each request's time")
                .timing("2 s (5 s ServiceDetail), 0.5 s for each of the 20 loop responses")
                .body(ctx -> {
                    Walk w = ctx.walk(ctx.pick(org.secc.ev.session.Service.DC_BPT, org.secc.ev.session.Service.DC), ControlMode.DYNAMIC)
                            .to(Stage.POWER_DELIVERY_START);
                    for (int i = 0; i < 20; i++) {
                        w.chargeLoop();
                    }
                    w.to(Stage.SESSION_STOP);
                }));
        return l;
    }
}
