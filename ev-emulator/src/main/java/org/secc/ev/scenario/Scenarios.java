package org.secc.ev.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.secc.ev.battery.Battery;
import org.secc.ev.session.Decision;
import org.secc.ev.session.Fault;
import org.secc.ev.session.LoopPolicy;

/**
 * The scenario catalogue. Batteries are small (a 2 kWh bench pack) so that SOC visibly moves within
 * seconds of charge loop against a real power stage.
 */
public final class Scenarios {
    private static final Map<String, Scenario> ALL = new LinkedHashMap<>();

    static {
        add(new Scenario("charge-to-soc", "charge from 50 % until SOC reaches 52 %, then stop", () -> bench(50),
                () -> (b, t) -> b.soc() >= 52 ? Decision.STOP : Decision.CHARGE, Fault.NONE, false, +1, false, false, false, 300_000));
        add(new Scenario("discharge", "discharge (DC_BPT or AC_BPT) for 10 s or down to a 40 % floor, then stop", () -> bench(60),
                () -> (b, t) -> t >= 10_000 || b.soc() <= 40 ? Decision.STOP : Decision.DISCHARGE, Fault.NONE, false, -1, false, true, false,
                60_000));
        add(new Scenario("charge-discharge-stop", "the bench demo: charge 10 s, discharge 10 s into the grid, stop (DC_BPT or AC_BPT)",
                () -> bench(50), () -> (b, t) -> t < 10_000 ? Decision.CHARGE : t < 20_000 ? Decision.DISCHARGE : Decision.STOP,
                Fault.NONE, false, 0, true, true, false, 60_000));
        add(new Scenario("pause-resume", "charge 5 s, SessionStop(Pause), reconnect with the old SessionID, charge 5 s, stop",
                () -> bench(50), Scenarios::pauseThenStop, Fault.NONE, true, +1, false, false, false, 60_000));
        add(new Scenario("stop-by-ev", "charge 3 s, then the EV stops the session", () -> bench(50),
                () -> (b, t) -> t >= 3_000 ? Decision.STOP : Decision.CHARGE, Fault.NONE, false, +1, false, false, false, 60_000));
        add(new Scenario("evse-notification", "charge until the SECC sends EVSENotification (Pause/Terminate/ScheduleRenegotiation) and"
                + " react to it; fails if none comes within 120 s", () -> bench(20), () -> (b, t) -> Decision.CHARGE, Fault.NONE, false,
                0, false, false, true, 120_000));
        add(fault("fault-wrong-sequence", "PowerDeliveryReq right after SessionSetup; expect FAILED_SequenceError and close",
                Fault.WRONG_SEQUENCE));
        add(fault("fault-unknown-session", "AuthorizationSetupReq with a wrong SessionID; expect FAILED_UnknownSession and close",
                Fault.UNKNOWN_SESSION));
        add(fault("fault-malformed-exi", "garbage EXI behind a valid V2GTP header; expect close, then a clean session on a new connection",
                Fault.MALFORMED_EXI));
        add(fault("fault-silence", "fall silent in the charge loop; expect the SECC to close within its sequence timeout, then a clean"
                + " session", Fault.SILENCE));
        add(fault("fault-tcp-drop", "drop TCP in the charge loop; expect a clean session on a new connection", Fault.TCP_DROP));
    }

    private Scenarios() {
    }

    private static void add(Scenario s) {
        ALL.put(s.name(), s);
    }

    private static Scenario fault(String name, String text, Fault f) {
        return new Scenario(name, text, () -> bench(50), () -> (b, t) -> t >= 2_000 ? Decision.STOP : Decision.CHARGE, f, false, 0,
                false, false, false, 60_000);
    }

    /** A 2 kWh, 350–420 V bench pack, 100 A / 40 kW charge, 50 A / 20 kW discharge. */
    public static Battery bench(double soc) {
        return new Battery(2_000, soc, 350, 420, 100, 50, 40_000, 20_000);
    }

    /** Charge 5 s then pause; after the resume (the loop clock restarts) charge 5 s more and stop. */
    private static LoopPolicy pauseThenStop() {
        return new LoopPolicy() {
            private boolean pausedOnce;

            @Override
            public Decision decide(Battery b, long t) {
                if (!pausedOnce) {
                    if (t >= 5_000) {
                        pausedOnce = true;
                        return Decision.PAUSE;
                    }
                    return Decision.CHARGE;
                }
                return t >= 5_000 ? Decision.STOP : Decision.CHARGE;
            }
        };
    }

    public static Scenario get(String name) {
        return ALL.get(name);
    }

    public static List<Scenario> all() {
        return List.copyOf(ALL.values());
    }
}
