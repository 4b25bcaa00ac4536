package org.secc.ev.din;

import java.util.Locale;

/**
 * Real-car deviations the DIN EV side can reproduce (each seen in public traces of real cars):
 *
 * @param unitOmitted          every PhysicalValue without Unit (VW ID.3 in Josev's recorded session)
 * @param changingMultipliers  each message chooses another Multiplier for the same values (Alpitronic
 *                             and Supercharger traces show chargers doing it; cars do it too)
 * @param sessionStopInCableCheck SessionStopReq right after the first CableCheckRes (a car seen by
 *                             INL's AcCCS, Josev issue 184, FreeV2G issue 20)
 * @param wrongFirstPrechargeTarget the first PreChargeReq asks for half the battery voltage (BMW i3,
 *                             Josev PR 136); the later ones are right
 * @param shortSessionId       SessionSetupReq with a 4-byte zero SessionID instead of 8 bytes (chargers
 *                             and cars use IDs shorter than 8 bytes, e.g. a Tesla Supercharger's 4 bytes)
 */
public record DinQuirks(boolean unitOmitted, boolean changingMultipliers, boolean sessionStopInCableCheck,
        boolean wrongFirstPrechargeTarget, boolean shortSessionId) {

    public static final DinQuirks NONE = new DinQuirks(false, false, false, false, false);

    /** The command-line names, in order. */
    public static final String NAMES = "unit-omitted, changing-multipliers, session-stop-in-cable-check, wrong-first-precharge-target, short-session-id";

    /** Parses a comma-separated list of quirk names (empty = none). */
    public static DinQuirks parse(String csv) {
        boolean u = false, m = false, s = false, w = false, i = false;
        for (String raw : csv.split(",")) {
            String n = raw.trim().toLowerCase(Locale.ROOT);
            switch (n) {
                case "" -> { }
                case "unit-omitted" -> u = true;
                case "changing-multipliers" -> m = true;
                case "session-stop-in-cable-check" -> s = true;
                case "wrong-first-precharge-target" -> w = true;
                case "short-session-id" -> i = true;
                default -> throw new IllegalArgumentException("unknown quirk " + raw.trim() + " (one of " + NAMES + ")");
            }
        }
        return new DinQuirks(u, m, s, w, i);
    }
}
