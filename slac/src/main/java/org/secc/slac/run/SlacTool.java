package org.secc.slac.run;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.secc.slac.Keys;
import org.secc.slac.MacAddress;
import org.secc.slac.SlacAction;
import org.secc.slac.evse.EvseSlac;
import org.secc.slac.evse.EvseSlacConfig;
import org.secc.slac.link.PlcLink;
import org.secc.slac.link.RawEthernetLink;
import org.secc.slac.pev.PevSlac;
import org.secc.slac.pev.PevSlacConfig;
import org.secc.slac.sim.PlcSimulator;

/**
 * One SLAC run from start to link, as the command lines use it ({@code secc slac}, {@code ev-emulator
 * slac}, {@code secc slac-sim}). Also runnable on its own: {@code java -cp ... org.secc.slac.run.SlacTool
 * evse|pev IFACE [TIMEOUT_S]} and {@code sim EVSE_IF PEV_IF [SECONDS]}; exit 0 on a match, 1 otherwise.
 */
public final class SlacTool {
    private SlacTool() {
    }

    /** The outcome of one run: the match, or why there is none. */
    public record Outcome(SlacAction.Matched match, String failure) {
        public boolean matched() {
            return match != null;
        }

        /** Prints the match line to {@code out} (exit code 0) or the reason to {@code err} (exit code 1). */
        public int report(String peerWord, java.io.PrintWriter out, java.io.PrintWriter err) {
            if (matched()) {
                out.println(line(peerWord));
                out.flush();
                return 0;
            }
            err.println("slac: " + failure);
            err.flush();
            return 1;
        }

        public String line(String peerWord) {
            if (match == null) {
                return failure;
            }
            return "matched " + peerWord + "=" + match.peer() + " nmk=" + HexFormat.of().formatHex(match.nmk()) + " nid=" + Keys.nidHex(match.nid());
        }
    }

    /** Charger side on {@code link}: key the modem, wait for an EV, match, wait for the modem's link. */
    public static Outcome runEvse(PlcLink link, MacAddress modem, EvseSlacConfig config, long timeoutNanos) throws IOException {
        EvseSlac m = new EvseSlac(link.mac(), modem, config, new SecureRandom());
        SlacAction.Matched[] match = new SlacAction.Matched[1];
        SlacDriver d = new SlacDriver(link, m, System::nanoTime, a -> {
            if (a instanceof SlacAction.Matched x) {
                match[0] = x;
            }
        });
        long t0 = System.nanoTime();
        if (d.apply(m.start(t0), a -> a instanceof SlacAction.Failed) instanceof SlacAction.Failed f) {
            return new Outcome(null, f.reason());
        }
        SlacAction keyed = d.runUntil(a -> a instanceof SlacAction.ModemKeyed || a instanceof SlacAction.Failed, config.setKeyTimeout().toNanos() * 4);
        if (!(keyed instanceof SlacAction.ModemKeyed)) {
            return new Outcome(null, keyed instanceof SlacAction.Failed f ? f.reason() : "the modem on this interface did not confirm CM_SET_KEY.REQ");
        }
        d.apply(m.plugIn(System.nanoTime()), a -> false);
        long left = timeoutNanos - (System.nanoTime() - t0);
        SlacAction end = d.runUntil(a -> a instanceof SlacAction.LinkReady || a instanceof SlacAction.Failed, Math.max(0, left));
        if (end instanceof SlacAction.LinkReady) {
            return new Outcome(match[0], null);
        }
        if (end instanceof SlacAction.Failed f) {
            return new Outcome(null, f.reason());
        }
        return new Outcome(null, match[0] == null ? "no EV matched within the timeout" : "matched " + match[0].peer() + " but the modem reported no link");
    }

    /** Car side on {@code link}: key the own modem privately, match with the nearest charger, join its network. */
    public static Outcome runPev(PlcLink link, MacAddress modem, PevSlacConfig config, long timeoutNanos) throws IOException {
        PevSlac m = new PevSlac(link.mac(), modem, config, new SecureRandom());
        SlacAction.Matched[] match = new SlacAction.Matched[1];
        SlacDriver d = new SlacDriver(link, m, System::nanoTime, a -> {
            if (a instanceof SlacAction.Matched x) {
                match[0] = x;
            }
        });
        long t0 = System.nanoTime();
        d.apply(m.start(t0), a -> false);
        SlacAction keyed = d.runUntil(a -> a instanceof SlacAction.ModemKeyed || a instanceof SlacAction.Failed, config.setKeyTimeout().toNanos() * 4);
        if (!(keyed instanceof SlacAction.ModemKeyed)) {
            return new Outcome(null, keyed instanceof SlacAction.Failed f ? f.reason() : "the modem on this interface did not confirm CM_SET_KEY.REQ");
        }
        long end = t0 + timeoutNanos;
        while (System.nanoTime() - end < 0) {
            d.apply(m.beginMatching(System.nanoTime()), a -> false);
            SlacAction r = d.runUntil(a -> a instanceof SlacAction.LinkReady || a instanceof SlacAction.Failed, Math.max(0, end - System.nanoTime()));
            if (r instanceof SlacAction.LinkReady) {
                return new Outcome(match[0], null);
            }
            if (r == null) {
                break;
            }
            // a failed round of C_conn_max_match attempts: the charger may not be listening yet; try again after TT_matching_rate
            d.runUntil(a -> false, Math.min(400_000_000L, Math.max(0, end - System.nanoTime())));
        }
        return new Outcome(null, "no charger matched within the timeout");
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length >= 2 && (args[0].equals("evse") || args[0].equals("pev"))) {
            long timeout = (args.length > 2 ? Long.parseLong(args[2]) : 30) * 1_000_000_000L;
            try (RawEthernetLink link = RawEthernetLink.open(args[1], RawEthernetLink.ETH_P_HOMEPLUG)) {
                Outcome o = args[0].equals("evse")
                        ? runEvse(link, MacAddress.QCA_LOCAL, EvseSlacConfig.defaults(), timeout)
                        : runPev(link, MacAddress.QCA_LOCAL, PevSlacConfig.defaults(), timeout);
                (o.matched() ? out : System.err).println(o.line(args[0].equals("evse") ? "pev" : "evse"));
                System.exit(o.matched() ? 0 : 1);
            }
        } else if (args.length >= 3 && args[0].equals("sim")) {
            long seconds = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE / 2_000_000_000L;
            try (SimulatorBridge b = new SimulatorBridge(new PlcSimulator(PlcSimulator.Config.defaults()),
                    RawEthernetLink.open(args[1], RawEthernetLink.ETH_P_ALL), RawEthernetLink.open(args[2], RawEthernetLink.ETH_P_ALL)).start()) {
                out.println("powerline simulator between " + args[1] + " (charger) and " + args[2] + " (car)");
                Thread.sleep(seconds * 1000);
            }
        } else {
            System.err.println("usage: SlacTool evse|pev IFACE [TIMEOUT_S] | sim EVSE_IF PEV_IF [SECONDS]");
            System.exit(2);
        }
    }
}
