package org.secc.app.ctl;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.secc.app.policy.Mode;
import org.secc.app.policy.PolicyCommand;

/**
 * One request line of the control socket, parsed. The same parser checks the CLI's words before
 * they are sent, so a typo is a usage error locally and a clear error reply remotely.
 */
public sealed interface CtlRequest {
    record Status() implements CtlRequest {
    }

    record Reload() implements CtlRequest {
    }

    record ClearTrip() implements CtlRequest {
    }

    record Heartbeat() implements CtlRequest {
    }

    /** EIM decision for the waiting EV (RFID reader, operator): accept or refuse. */
    record Authorize(boolean accepted) implements CtlRequest {
    }

    record Command(PolicyCommand command) implements CtlRequest {
    }

    /**
     * The simulated HAL's car on the control pilot (IEC 61851-1 states): A unplugged, B plugged in, C/D S2
     * closed. A bench's plug-in between sessions (A, then B): a new car, the simulated battery back at
     * {@code sim.battery_initial_soc}. Refused unless {@code hal.backend = sim}.
     */
    record SimPilot(char state) implements CtlRequest {
    }

    /** The request words and their arguments; commands that change the policy take an id first. */
    enum Verb {
        STATUS("status", false),
        RELOAD("reload", false),
        CLEAR_TRIP("clear-trip", false),
        HEARTBEAT("heartbeat", false),
        AUTHORIZE("authorize", false),
        DENY("deny", false),
        SIM_PILOT("sim-pilot", false, "A|B|C|D"),
        PRICE("price", true, "perKwh"),
        FORCE_DISCHARGE("force-discharge", true, "watts"),
        MANUAL("manual", true, "charge|discharge|idle", "watts"),
        AUTO("auto", true),
        EMERGENCY_STOP("emergency-stop", true),
        RESET_EMERGENCY_STOP("reset-emergency-stop", true),
        LIMITS("limits", true, "importWatts", "exportWatts", "validityS"),
        DISPATCH("dispatch", true, "signedWatts", "validityS"),
        CLEAR_LIMITS("clear-limits", true);

        final String word;
        final boolean needsId;
        final List<String> params;

        Verb(String word, boolean needsId, String... rest) {
            this.word = word;
            this.needsId = needsId;
            this.params = List.of(rest);
        }

        /** Argument count on the wire, id included. */
        int arity() {
            return params.size() + (needsId ? 1 : 0);
        }

        String usage() {
            StringBuilder sb = new StringBuilder(word);
            if (needsId) {
                sb.append(" <id>");
            }
            for (String p : params) {
                sb.append(p.contains("|") ? " " + p : " <" + p + ">");
            }
            return sb.toString();
        }

        static Verb of(String word) {
            for (Verb v : values()) {
                if (v.word.equals(word)) {
                    return v;
                }
            }
            return null;
        }
    }

    int MAX_ID_LENGTH = 64;
    /** Ids end up in logs and replies; a plain character set keeps both readable. */
    Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1," + MAX_ID_LENGTH + "}");

    /** Every request form, for error messages. */
    static String allowed() {
        return Arrays.stream(Verb.values()).map(Verb::usage).collect(Collectors.joining(" | "));
    }

    /** Parses one request line (words separated by spaces). */
    static CtlRequest parse(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty request; allowed: " + allowed());
        }
        return parse(t.split("[ \t]+"));
    }

    static CtlRequest parse(String[] words) {
        Verb v = Verb.of(words[0]);
        if (v == null) {
            throw new IllegalArgumentException("unknown request '" + words[0] + "'; allowed: " + allowed());
        }
        String[] a = Arrays.copyOfRange(words, 1, words.length);
        if (a.length != v.arity()) {
            throw new IllegalArgumentException(v.word + " takes " + v.arity() + " argument(s), got " + a.length
                    + "; usage: " + v.usage());
        }
        if (v == Verb.SIM_PILOT) {
            if (!a[0].matches("[ABCD]")) {
                throw new IllegalArgumentException("sim-pilot: state '" + a[0] + "' is not one of A, B, C, D");
            }
            return new SimPilot(a[0].charAt(0));
        }
        if (!v.needsId) {
            return switch (v) {
                case STATUS -> new Status();
                case RELOAD -> new Reload();
                case CLEAR_TRIP -> new ClearTrip();
                case AUTHORIZE -> new Authorize(true);
                case DENY -> new Authorize(false);
                default -> new Heartbeat();
            };
        }
        String id = a[0];
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(v.word + ": id '" + id + "' is not 1-" + MAX_ID_LENGTH
                    + " characters of A-Z a-z 0-9 . _ : @ -");
        }
        PolicyCommand c = switch (v) {
            case PRICE -> new PolicyCommand.SetPrice(id, number(v, "perKwh", a[1], false));
            case FORCE_DISCHARGE -> new PolicyCommand.ForceDischarge(id, number(v, "watts", a[1], true));
            case MANUAL -> new PolicyCommand.Manual(id, mode(a[1]), number(v, "watts", a[2], true));
            case AUTO -> new PolicyCommand.Auto(id);
            case EMERGENCY_STOP -> new PolicyCommand.EmergencyStop(id);
            case LIMITS -> new PolicyCommand.SetLimits(id, limit(v, "importWatts", a[1]), limit(v, "exportWatts", a[2]),
                    number(v, "validityS", a[3], true), "operator");
            case DISPATCH -> new PolicyCommand.Dispatch(id, number(v, "signedWatts", a[1], false),
                    number(v, "validityS", a[2], true), "operator");
            case CLEAR_LIMITS -> new PolicyCommand.ClearLimits(id);
            default -> new PolicyCommand.ResetEmergencyStop(id);
        };
        return new Command(c);
    }

    private static double number(Verb v, String name, String s, boolean nonNegative) {
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        // parseDouble also takes "NaN", "Infinity" and hex floats; none of them is a price or a power
        if (!Double.isFinite(d) || !s.matches("[+-]?[0-9]*\\.?[0-9]+([eE][+-]?[0-9]+)?|[+-]?[0-9]+\\.")) {
            throw new IllegalArgumentException(v.word + ": " + name + " '" + s + "' is not a finite decimal number");
        }
        if (nonNegative && d < 0) {
            throw new IllegalArgumentException(v.word + ": " + name + " must be >= 0, got " + s);
        }
        double max = maxOf(name);
        if (Math.abs(d) > max) {
            throw new IllegalArgumentException(v.word + ": " + name + " '" + s + "' is out of range; allowed "
                    + (nonNegative ? "0" : "-" + fmt(max)) + " to " + fmt(max));
        }
        return d;
    }

    /** Powers up to 1 MW (beyond any charger), prices up to 10,000 per kWh, validities up to one week. */
    static final double MAX_WATTS = 1_000_000;
    static final double MAX_PER_KWH = 10_000;
    static final double MAX_VALIDITY_S = 7 * 86_400;

    private static double maxOf(String name) {
        return switch (name) {
            case "perKwh" -> MAX_PER_KWH;
            case "validityS" -> MAX_VALIDITY_S;
            default -> MAX_WATTS;
        };
    }

    private static String fmt(double d) {
        return String.valueOf((long) d);
    }

    /** A limit in W, or {@code none} for no limit in that direction (NaN). */
    private static double limit(Verb v, String name, String s) {
        return s.equalsIgnoreCase("none") ? Double.NaN : number(v, name, s, true);
    }

    private static Mode mode(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "charge" -> Mode.CHARGE;
            case "discharge" -> Mode.DISCHARGE;
            case "idle" -> Mode.IDLE;
            default -> throw new IllegalArgumentException("manual: mode '" + s + "' is not one of charge, discharge, idle");
        };
    }
}
