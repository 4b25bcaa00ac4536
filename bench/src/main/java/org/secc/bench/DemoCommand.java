package org.secc.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.secc.app.run.SeccConfig;
import org.secc.app.run.SeccService;
import org.secc.ev.battery.Battery;
import org.secc.ev.link.EdgeClock;
import org.secc.ev.link.V2gClientConnector;
import org.secc.ev.scenario.Scenario;
import org.secc.ev.scenario.ScenarioResult;
import org.secc.ev.scenario.ScenarioRunner;
import org.secc.ev.scenario.Scenarios;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Decision;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.Fault;
import org.secc.ev.session.LoopPolicy;
import org.secc.ev.session.Sample;
import org.secc.ev.session.Service;
import org.secc.hal.sim.GridEvent;
import org.secc.hal.sim.SimBench;
import org.secc.slac.MacAddress;
import org.secc.slac.evse.EvseSlacConfig;
import org.secc.slac.link.MemoryLink;
import org.secc.slac.pev.PevSlacConfig;
import org.secc.slac.run.SlacTool;
import org.secc.slac.sim.PlcSimulator;
import org.secc.slac.run.SimulatorBridge;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code secc demo}: the bench session in one process, in real time. SLAC between the charger and the
 * EV emulator through the powerline simulator, then SECC (TCP on ::1) and EV emulator run a DC_BPT
 * Dynamic session on the simulated bench: charge, discharge into the grid, an under-frequency trip
 * during the discharge (power to zero, contactors open, the EV is asked to pause), the grid comes
 * back, the EV resumes, discharges, stops. Prints the timeline and writes an SVG plot.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Bench demo: SLAC, then an ISO 15118-20 DC_BPT session (charge, discharge, a grid trip, resume, stop) or, with"
                + " --protocol din, a DIN 70121 DC charge (a grid trip, EVSE_Shutdown, stop) between the SECC and the EV emulator on the"
                + " simulated bench; prints a timeline and writes an SVG plot.")
public final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--svg", defaultValue = "secc-demo.svg", paramLabel = "FILE", description = "plot file (default ${DEFAULT-VALUE})")
    Path svg;

    @Option(names = "--no-grid-event", description = "no under-frequency trip")
    boolean noGridEvent;

    @Option(names = "--seconds", defaultValue = "8", paramLabel = "S", description = "seconds of charge, then of discharge (default ${DEFAULT-VALUE})")
    int phaseSeconds;

    @Option(names = "--protocol", defaultValue = "iso20", paramLabel = "P",
            description = "iso20 (DC_BPT: charge, discharge, trip, resume), din (DIN 70121 DC: charge, trip, EVSE_Shutdown, stop) or iso2"
                    + " (default ${DEFAULT-VALUE})")
    String protocol;

    static final String CONFIG = BenchPack.HAL + """
            network.iface = lo
            network.slac = false
            session.services = DC_BPT, DC
            session.control_modes = dynamic, scheduled
            """;

    /** Enter service 2 s after the trip, ramp over 2 s: visible on the timeline, short enough for a demo. */
    static final String POLICY = BenchPack.policy(2, 2);

    /** One row of the timeline: the EV's sample plus the grid frequency the SECC measured. */
    record Row(double tS, String phase, double v, double i, double p, double soc, double hz) {
    }

    @Override
    public Integer call() throws Exception {
        boolean din = switch (protocol.toLowerCase(Locale.ROOT)) {
            case "iso20" -> false;
            case "din" -> true;
            case "iso2" -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--protocol iso2: ISO 15118-2 sessions are not built yet (the codec is); use din or iso20");
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--protocol must be iso20, din or iso2");
        };
        PrintWriter out = spec.commandLine().getOut();
        out.println("== SLAC through the powerline simulator");
        out.flush();
        String slac = slac();
        out.println(slac);

        Path dir = Files.createTempDirectory("secc-demo");
        Files.writeString(dir.resolve("policy.conf"), POLICY);
        SeccConfig cfg = SeccConfig.parse(CONFIG + "policy.file = policy.conf\n", dir);
        SeccService.Placement where = new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0), Optional.empty(),
                Optional.empty(), false);
        List<Row> rows = new ArrayList<>();
        List<String> events = new ArrayList<>();
        ScenarioResult result;
        try (SeccService svc = new SeccService(cfg, where)) {
            SimBench bench = svc.chargePoint().hal().bench().orElseThrow();
            out.println("== SECC on [::1]:" + svc.v2gServer().port() + " (TCP), simulated bench, grid " + POLICY.lines().findFirst().orElse(""));
            out.println("   waiting 2 s for the grid to enter service");
            out.flush();
            Thread.sleep(2500);
            long t0 = System.currentTimeMillis();
            boolean[] tripScripted = {noGridEvent};
            long[] dischargeSince = {-1};
            String[] lastPhase = {""};
            String[] lastState = {""};
            int[] lastTrips = {0};
            long ms = phaseSeconds * 1000L;
            out.println("== session (t s | state | V | A | kW | SOC % | Hz)");
            out.flush();
            Scenario sc = din
                    ? new Scenario("demo-din", "DIN 70121 DC: charge; a grid trip makes the charger send EVSE_Shutdown and the car stops",
                            () -> Scenarios.bench(50), () -> (b, t) -> t < ms + 15_000 ? Decision.CHARGE : Decision.STOP, Fault.NONE, false,
                            +1, false, false, false, 120_000)
                    : new Scenario("demo", "charge, discharge, grid trip, resume, discharge, stop", () -> Scenarios.bench(50),
                            () -> demoPolicy(ms), Fault.NONE, true, 0, true, true, false, 120_000);
            ScenarioRunner runner = new ScenarioRunner(V2gClientConnector.tcp("::1", svc.v2gServer().port()), EdgeClock.SYSTEM, s -> {
                double hz = Optional.ofNullable(svc.chargePoint().gridStatus()).map(g -> g.frequencyHz()).orElse(Double.NaN);
                double t = (System.currentTimeMillis() - t0) / 1000.0;
                Row r = new Row(t, s.phase(), s.volts(), s.amps(), s.watts(), s.soc(), hz);
                synchronized (rows) {
                    rows.add(r);
                }
                // the grid event comes 3 s into the discharge (-20) or into the charge (DIN, charge only)
                boolean discharging = din ? s.phase().equals("CurrentDemand") : s.phase().endsWith("DISCHARGE");
                if (discharging && dischargeSince[0] < 0) {
                    dischargeSince[0] = System.currentTimeMillis();
                }
                // Under-frequency 3 s into the discharge (IEEE 1547 cat. II UF2: nominal − 3.5 Hz = 46.5 Hz, clears in 0.16 s).
                if (!tripScripted[0] && discharging && System.currentTimeMillis() - dischargeSince[0] >= 3000) {
                    tripScripted[0] = true;
                    Duration now = Duration.ofNanos(bench.nanos());
                    // 1.33 Hz/s stays below the ROCOF islanding threshold (2.5 Hz/s), so the under-frequency trip acts.
                    bench.grid().script(new GridEvent.FrequencyRamp(now.plusMillis(10), Duration.ofMillis(3000), 46.0),
                            new GridEvent.FrequencyRamp(now.plusMillis(4000), Duration.ofMillis(3000), 50.0));
                    events.add(String.format(Locale.ROOT, "%.1f grid frequency falls to 46.0 Hz and recovers", t));
                    out.printf(Locale.ROOT, "%6.1f | ** grid: frequency falls at 1.33 Hz/s to 46.0 Hz, recovers after 1 s%n", t);
                }
                int n = svc.chargePoint().trips().size();
                if (n > lastTrips[0]) {
                    lastTrips[0] = n;
                    var trip = svc.chargePoint().trips().get(n - 1);
                    String e = String.format(Locale.ROOT, "%.1f TRIP %s: power to zero and contactors open %.0f ms after the first sample beyond",
                            t, trip.function(), (trip.tripNanos() - trip.firstBeyondNanos()) / 1e6);
                    events.add(e);
                    out.printf(Locale.ROOT, "%6.1f | ** %s%n", t, e.substring(e.indexOf(' ') + 1));
                }
                String state = svc.sessionState();
                if (!s.phase().equals(lastPhase[0]) || !state.equals(lastState[0]) || rows.size() % 10 == 0) {
                    out.printf(Locale.ROOT, "%6.1f | %-26s | %5.0f | %6.1f | %6.2f | %5.2f | %6.3f%n", t, s.phase() + " (" + state + ")",
                            s.volts(), s.amps(), s.watts() / 1000, s.soc(), hz);
                    out.flush();
                    lastPhase[0] = s.phase();
                    lastState[0] = state;
                }
            });
            if (din) {
                // DIN's CurrentDemand deadline is 0.25 s (`ev-emulator run` keeps it); the demo shares the
                // machine with the charger's threads and the plot, so it allows 1 s
                runner.din(org.secc.ev.din.DinQuirks.NONE, 1_000);
                result = runner.run(sc, EvConfig.defaults(Service.DC, ControlMode.SCHEDULED).withLoopPeriod(100).withTargetSoc(100));
            } else {
                result = runner.run(sc, EvConfig.defaults(Service.DC_BPT, ControlMode.DYNAMIC).withLoopPeriod(100));
            }
            out.println("== result");
            result.notes().forEach(n -> out.println("   note: " + n));
            result.failures().forEach(f -> out.println("   FAILED: " + f));
            out.printf(Locale.ROOT, "   EV battery: SOC %.2f %% -> %.2f %%, charged %.1f Wh, discharged %.1f Wh%n", result.socStart(),
                    result.socEnd(), result.chargedWh(), result.dischargedWh());
            out.printf(Locale.ROOT, "   contactors %s, stage current %.1f A%n",
                    bench.contactors().state().mirrorClosed() ? "CLOSED" : "open", bench.powerStage().present().currentA());
            writeSvg(svg, rows, events);
            out.println("   plot: " + svg.toAbsolutePath());
            out.flush();
        }
        return result.failures().isEmpty() ? 0 : 1;
    }

    /** Before the pause: charge, then discharge (the trip comes during it). After the resume: discharge, then stop. */
    static LoopPolicy demoPolicy(long ms) {
        return new LoopPolicy() {
            private boolean secondConnection;
            private long lastT = -1;

            @Override
            public Decision decide(Battery b, long t) {
                if (lastT >= 0 && t < lastT) {
                    secondConnection = true; // the loop clock restarted after the resume
                }
                lastT = t;
                if (!secondConnection) {
                    // discharge until the grid trip (about 6 s into the discharge) asks for the pause
                    return t < ms ? Decision.CHARGE : t < ms + 15_000 ? Decision.DISCHARGE : Decision.STOP;
                }
                return t < ms ? Decision.DISCHARGE : Decision.STOP; // long enough to see the grid re-enter service and ramp
            }
        };
    }

    private static String slac() throws Exception {
        MemoryLink[] e = MemoryLink.pair(MacAddress.parse("02:00:00:00:ee:01"), MacAddress.parse("02:00:00:00:ee:ff"));
        MemoryLink[] p = MemoryLink.pair(MacAddress.parse("02:00:00:00:ea:01"), MacAddress.parse("02:00:00:00:ea:ff"));
        try (SimulatorBridge bridge = new SimulatorBridge(new PlcSimulator(PlcSimulator.Config.defaults()), e[1], p[1]).start()) {
            long timeout = Duration.ofSeconds(20).toNanos();
            CompletableFuture<SlacTool.Outcome> evse = CompletableFuture.supplyAsync(() -> {
                try {
                    return SlacTool.runEvse(e[0], MacAddress.QCA_LOCAL, EvseSlacConfig.defaults(), timeout);
                } catch (IOException x) {
                    throw new IllegalStateException(x);
                }
            });
            SlacTool.Outcome car = SlacTool.runPev(p[0], MacAddress.QCA_LOCAL, PevSlacConfig.defaults(), timeout);
            SlacTool.Outcome charger = evse.get(25, TimeUnit.SECONDS);
            if (!charger.matched() || !car.matched()) {
                return "   SLAC failed: charger " + charger.failure() + ", car " + car.failure();
            }
            return "   charger: " + charger.line("pev") + "\n   car:     " + car.line("evse");
        }
    }

    // ------------------------------------------------------------------ SVG

    static void writeSvg(Path file, List<Row> rows, List<String> events) throws IOException {
        Files.writeString(file, svg(rows, events), StandardCharsets.UTF_8);
    }

    /** Five stacked panels (V, A, kW, SOC, Hz) over time, with the grid events as vertical markers. */
    static String svg(List<Row> rows, List<String> events) {
        int w = 900, ph = 110, left = 60, right = 20, top = 40, gap = 26;
        String[] names = {"voltage (V)", "current (A)", "power (kW)", "SOC (%)", "grid (Hz)"};
        int n = names.length;
        int h = top + n * (ph + gap) + 20 + 14 * Math.max(1, events.size());
        double tMax = rows.isEmpty() ? 1 : Math.max(1, rows.get(rows.size() - 1).tS());
        double tMin = rows.isEmpty() ? 0 : rows.get(0).tS();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                + " font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", w, h));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">ISO 15118-20 DC_BPT bench session: SECC + EV emulator"
                + " + simulated bench</text>%n", left));
        for (int k = 0; k < n; k++) {
            int y0 = top + k * (ph + gap);
            double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
            for (Row r : rows) {
                double v = value(r, k);
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (lo > hi) {
                lo = 0;
                hi = 1;
            }
            if (hi - lo < 1e-6) {
                hi = lo + 1;
            }
            double pad = (hi - lo) * 0.08;
            lo -= pad;
            hi += pad;
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n", left, y0,
                    w - left - right, ph));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", left, y0 - 4, names[k]));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.4g</text>%n", left - 4, y0 + 10, hi));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.4g</text>%n", left - 4, y0 + ph, lo));
            if (lo < 0 && hi > 0) {
                double yz = y0 + ph * (hi - 0) / (hi - lo);
                sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ccc\"/>%n", left, yz, w - right, yz));
            }
            StringBuilder pts = new StringBuilder();
            for (Row r : rows) {
                double v = value(r, k);
                if (!Double.isFinite(v)) {
                    continue;
                }
                double x = left + (w - left - right) * (r.tS() - tMin) / Math.max(1e-9, tMax - tMin);
                double y = y0 + ph * (hi - v) / (hi - lo);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            String[] colors = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#d62728"};
            sb.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n", colors[k], pts));
        }
        int yBottom = top + n * (ph + gap) - gap;
        for (String e : events) {
            double t = Double.parseDouble(e.substring(0, e.indexOf(' ')));
            double x = left + (w - left - right) * (t - tMin) / Math.max(1e-9, tMax - tMin);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"red\" stroke-dasharray=\"4 3\"/>%n", x, top, x,
                    yBottom));
        }
        for (int i = 0; i < events.size(); i++) {
            String e = events.get(i);
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"red\">%s s: %s</text>%n", left, yBottom + 28 + 14 * i,
                    esc(e.substring(0, e.indexOf(' '))), esc(e.substring(e.indexOf(' ') + 1))));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.0f</text>%n", left, yBottom + 12, tMin));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f</text>%n", w - right, yBottom + 12, tMax));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time (s)</text>%n", (left + w - right) / 2,
                yBottom + 12));
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static double value(Row r, int k) {
        return switch (k) {
            case 0 -> r.v();
            case 1 -> r.i();
            case 2 -> r.p() / 1000;
            case 3 -> r.soc();
            default -> r.hz();
        };
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
