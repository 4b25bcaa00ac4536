package org.secc.bench;

import java.io.IOException;
import java.io.PrintStream;
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
import org.secc.common.log.Logging;
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
 * {@code secc-bench demo}: the bench session in one process, in real time. SLAC between the charger and the
 * EV emulator through the powerline simulator, then SECC (TCP on ::1) and EV emulator run a DC_BPT
 * Dynamic session on the simulated bench: charge, discharge into the grid, an under-frequency trip
 * during the discharge (power to zero, contactors open, the EV is asked to pause), the grid comes
 * back, the EV resumes, discharges, stops. Prints the timeline and writes an SVG plot.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Bench demo: SLAC, then an ISO 15118-20 DC_BPT session (charge, discharge, a grid trip, resume, stop) or, with"
                + " --protocol din or iso2, a DIN 70121 or ISO 15118-2 DC charge (a grid trip, EVSE_Shutdown or StopCharging, stop) between the SECC and the EV emulator on the"
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

    @Option(names = "--verbose", description = "the service log on stderr, interleaved with the timeline (default: into a file, its path printed)")
    boolean verbose;

    @Option(names = "--log", paramLabel = "FILE", description = "file for the service log (default: secc-demo.log next to the plot)")
    Path logFile;

    @Option(names = "--protocol", defaultValue = "iso20", paramLabel = "P",
            description = "iso20 (DC_BPT: charge, discharge, trip, resume), din (DIN 70121 DC: charge, trip, EVSE_Shutdown, stop) or iso2"
                    + " (ISO 15118-2 DC: charge, trip, StopCharging, stop) (default ${DEFAULT-VALUE})")
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

    /**
     * Below this the loop is counted as idle: measurement noise and the first ramp step after a
     * resume (about 1 A for one loop) are no change of direction.
     */
    static final double IDLE_A = 2.0;

    /**
     * The phase label with the direction taken from the measured current, not from what the EV
     * asked for: in a BPT Dynamic session the charger picks the direction within the EV's limits
     * (README "Grid safety and discharge policy"), so the request alone can say DISCHARGE while
     * energy flows into the car.
     */
    static String label(String phase, double amps) {
        if (!phase.startsWith("ChargeLoop")) {
            return phase;
        }
        return "ChargeLoop " + (amps > IDLE_A ? "CHARGE" : amps < -IDLE_A ? "DISCHARGE" : "IDLE");
    }

    @Override
    public Integer call() throws Exception {
        String proto = protocol.toLowerCase(Locale.ROOT);
        if (!proto.equals("iso20") && !proto.equals("din") && !proto.equals("iso2")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--protocol must be iso20, din or iso2");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintStream logStream = null;
        if (!verbose) {
            Path log = logFile != null ? logFile : svg.toAbsolutePath().resolveSibling("secc-demo.log");
            logStream = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8);
            Logging.configure(logStream, false);
            out.println("== service log: " + log.toAbsolutePath() + " (--verbose shows it here)");
        }
        try {
            return demo(out, proto);
        } finally {
            if (logStream != null) {
                Logging.configure();
                logStream.close();
            }
        }
    }

    /** @param proto iso20, din or iso2 (DIN and -2 tell the same DC charge-only story, each with its stop signal) */
    private int demo(PrintWriter out, String proto) throws Exception {
        boolean din = !proto.equals("iso20");
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
        List<Mark> marks = new ArrayList<>();
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
            String[] lastDirection = {""};
            double[] lastWeldingT = {-1};
            String[] lastState = {""};
            int[] lastTrips = {0};
            long ms = phaseSeconds * 1000L;
            out.println("== session (t s | state | V | A | kW | SOC % | Hz)");
            out.flush();
            Scenario sc = din
                    ? new Scenario("demo-" + proto, proto.equals("din")
                            ? "DIN 70121 DC: charge; a grid trip makes the charger send EVSE_Shutdown and the car stops"
                            : "ISO 15118-2 DC: charge; a grid trip makes the charger send StopCharging and the car stops",
                            () -> Scenarios.bench(50), () -> (b, t) -> t < ms + 15_000 ? Decision.CHARGE : Decision.STOP, Fault.NONE, false,
                            +1, false, false, false, 120_000)
                    : new Scenario("demo", "charge, discharge, grid trip, resume, discharge, stop", () -> Scenarios.bench(50),
                            () -> demoPolicy(ms), Fault.NONE, true, 0, true, true, false, 120_000);
            ScenarioRunner runner = new ScenarioRunner(V2gClientConnector.tcp("::1", svc.v2gServer().port()), EdgeClock.SYSTEM, s -> {
                double hz = Optional.ofNullable(svc.chargePoint().gridStatus()).map(g -> g.frequencyHz()).orElse(Double.NaN);
                double t = (System.currentTimeMillis() - t0) / 1000.0;
                String phase = label(s.phase(), s.amps());
                Row r = new Row(t, phase, s.volts(), s.amps(), s.watts(), s.soc(), hz);
                synchronized (rows) {
                    rows.add(r);
                }
                if (s.phase().equals("WeldingDetection")) {
                    if (!lastPhase[0].equals("WeldingDetection")) {
                        marks.add(new Mark(t, "welding", "welding detection: the EV checks that the contactors opened"));
                    }
                    lastWeldingT[0] = t;
                } else if (s.phase().equals("PreCharge") && lastWeldingT[0] >= 0) {
                    marks.add(new Mark(lastWeldingT[0], "pause", "SessionStop(Pause): the session is paused, the connection closes"));
                    marks.add(new Mark(t, "resume", "resume: new connection, SessionSetup with the old SessionID, precharge again"));
                    lastWeldingT[0] = -1;
                }
                if (phase.startsWith("ChargeLoop ") && !phase.endsWith("IDLE") && !phase.equals(lastDirection[0])) {
                    boolean dis = phase.endsWith("DISCHARGE");
                    marks.add(new Mark(t, dis ? "discharge" : "charge", dis ? "energy flows from the EV into the grid" : "energy flows into the EV"));
                    lastDirection[0] = phase;
                }
                // the grid event comes 3 s into the discharge (-20) or into the charge (DIN and -2, charge only)
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
                    marks.add(new Mark(t, "grid", "grid frequency falls at 1.33 Hz/s to 46.0 Hz and recovers"));
                    out.printf(Locale.ROOT, "%6.1f | ** grid: frequency falls at 1.33 Hz/s to 46.0 Hz, recovers after 1 s%n", t);
                }
                int n = svc.chargePoint().trips().size();
                if (n > lastTrips[0]) {
                    lastTrips[0] = n;
                    var trip = svc.chargePoint().trips().get(n - 1);
                    String e = String.format(Locale.ROOT, "TRIP %s: power to zero and contactors open %.0f ms after the first sample beyond",
                            trip.function(), (trip.tripNanos() - trip.firstBeyondNanos()) / 1e6);
                    marks.add(new Mark(t, "trip", e));
                    out.printf(Locale.ROOT, "%6.1f | ** %s%n", t, e);
                }
                String state = svc.sessionState();
                if (!phase.equals(lastPhase[0]) || !state.equals(lastState[0]) || rows.size() % 10 == 0) {
                    out.printf(Locale.ROOT, "%6.1f | %-26s | %5.0f | %6.1f | %6.2f | %5.2f | %6.3f%n", t, phase + " (" + state + ")",
                            s.volts(), s.amps(), s.watts() / 1000, s.soc(), hz);
                    out.flush();
                    lastState[0] = state;
                }
                lastPhase[0] = s.phase().startsWith("ChargeLoop") ? phase : s.phase();
            });
            if (din) {
                // The CurrentDemand deadline is 0.25 s in DIN and -2 (`ev-emulator run` keeps it); the demo
                // shares the machine with the charger's threads and the plot, so it allows 1 s
                if (proto.equals("iso2")) {
                    runner.iso2(org.secc.ev.din.DinQuirks.NONE, 1_000);
                } else {
                    runner.din(org.secc.ev.din.DinQuirks.NONE, 1_000);
                }
                result = runner.run(sc, EvConfig.defaults(Service.DC, ControlMode.SCHEDULED).withLoopPeriod(100).withTargetSoc(100));
            } else {
                result = runner.run(sc, EvConfig.defaults(Service.DC_BPT, ControlMode.DYNAMIC).withLoopPeriod(100));
            }
            if (lastWeldingT[0] >= 0) {
                marks.add(new Mark(lastWeldingT[0], "stop", "SessionStop(Terminate): the session ends, power off, contactors open"));
            }
            marks.sort(java.util.Comparator.comparingDouble(Mark::tS));
            out.println("== result");
            result.notes().forEach(n -> out.println("   note: " + n));
            result.failures().forEach(f -> out.println("   FAILED: " + f));
            out.printf(Locale.ROOT, "   EV battery: SOC %.2f %% -> %.2f %%, charged %.1f Wh, discharged %.1f Wh%n", result.socStart(),
                    result.socEnd(), result.chargedWh(), result.dischargedWh());
            out.printf(Locale.ROOT, "   contactors %s, stage current %.1f A%n",
                    bench.contactors().state().mirrorClosed() ? "CLOSED" : "open", bench.powerStage().present().currentA());
            writeSvg(svg, rows, marks);
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

    /** A marked moment of the session: seconds since the session start, what, and the kind that picks its colour. */
    record Mark(double tS, String kind, String text) {
        static final java.util.Map<String, String> COLORS = java.util.Map.of(
                "grid", "red", "trip", "red", "pause", "#8c564b", "resume", "#17becf", "welding", "#7f7f7f",
                "stop", "black", "discharge", "#2ca02c", "charge", "#1f77b4");

        String color() {
            return COLORS.getOrDefault(kind, "#444");
        }
    }

    static void writeSvg(Path file, List<Row> rows, List<Mark> marks) throws IOException {
        Files.writeString(file, svg(rows, marks), StandardCharsets.UTF_8);
    }

    /** A "nice" step (1, 2 or 5 × 10^k) that cuts {@code span} into about {@code parts} intervals. */
    static double niceStep(double span, int parts) {
        double raw = span / Math.max(1, parts);
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }

    /** Axis range and ticks: data range widened to whole steps; zero included where the sign matters. */
    record Axis(double lo, double hi, double step) {
        static Axis of(double lo, double hi, boolean includeZero, int parts) {
            if (lo > hi) {
                lo = 0;
                hi = 1;
            }
            if (includeZero) {
                lo = Math.min(lo, 0);
                hi = Math.max(hi, 0);
            }
            if (hi - lo < 1e-9) {
                hi = lo + 1;
            }
            double step = niceStep(hi - lo, parts);
            double l = Math.floor(lo / step + 1e-9) * step;
            double h = Math.ceil(hi / step - 1e-9) * step;
            if (h - l < step) {
                h = l + step;
            }
            return new Axis(l, h, step);
        }

        List<Double> ticks() {
            List<Double> t = new ArrayList<>();
            for (double v = lo; v <= hi + step * 1e-6; v += step) {
                t.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
            }
            return t;
        }

        String label(double v) {
            return step >= 1 ? String.format(Locale.ROOT, "%.0f", v) : step >= 0.1 ? String.format(Locale.ROOT, "%.1f", v)
                    : String.format(Locale.ROOT, "%.2f", v);
        }
    }

    /**
     * Five stacked panels (V, A, kW, SOC, Hz) over time with nice axis ranges and ticks, a zero line
     * where a quantity changes sign, the sign convention, and a dashed mark for every session event.
     */
    static String svg(List<Row> rows, List<Mark> marks) {
        int w = 960, ph = 110, left = 64, right = 24, top = 64, gap = 30;
        String[] names = {"voltage (V)", "current (A)", "power (kW)", "SOC (%)", "grid frequency (Hz)"};
        boolean[] signed = {false, true, true, false, false};
        String[] colors = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#d62728"};
        int n = names.length;
        int plotW = w - left - right;
        int yBottom = top + n * (ph + gap) - gap;
        int h = yBottom + 46 + 14 * Math.max(1, marks.size());
        double tMin = 0;
        double tData = rows.isEmpty() ? 1 : rows.get(rows.size() - 1).tS();
        for (Mark m : marks) {
            tData = Math.max(tData, m.tS());
        }
        Axis time = Axis.of(tMin, Math.max(1, tData), false, 10);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                + " font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", w, h));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">ISO 15118-20 DC_BPT bench session: SECC + EV emulator"
                + " + simulated bench</text>%n", left));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"34\">sign convention: current and power &gt; 0 charge the EV (grid \u2192 EV),"
                + " &lt; 0 discharge it (EV \u2192 grid); dashed lines mark the session events listed below</text>%n", left));
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
            Axis a = Axis.of(lo, hi, signed[k], 4);
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", left, y0 - 5, names[k]));
            for (double tk : time.ticks()) {
                double x = left + plotW * (tk - time.lo()) / (time.hi() - time.lo());
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>%n", x, y0, x, y0 + ph));
            }
            for (double v : a.ticks()) {
                double y = y0 + ph * (a.hi() - v) / (a.hi() - a.lo());
                boolean zero = v == 0.0 && a.lo() < 0 && a.hi() > 0;
                sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"%s/>%n", left, y, w - right, y,
                        zero ? "#555" : "#eee", zero ? " class=\"zero\"" : ""));
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left - 5, y + 4, a.label(v)));
            }
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n", left, y0,
                    plotW, ph));
            StringBuilder pts = new StringBuilder();
            for (Row r : rows) {
                double v = value(r, k);
                if (!Double.isFinite(v)) {
                    continue;
                }
                double x = left + plotW * (r.tS() - time.lo()) / (time.hi() - time.lo());
                double y = y0 + ph * (a.hi() - v) / (a.hi() - a.lo());
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            sb.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n", colors[k], pts));
        }
        for (int i = 0; i < marks.size(); i++) {
            Mark m = marks.get(i);
            double x = left + plotW * (m.tS() - time.lo()) / (time.hi() - time.lo());
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>%n", x,
                    top - 12, x, yBottom, m.color()));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"%s\" text-anchor=\"middle\" font-size=\"10\">%d</text>%n", x,
                    top - 14, m.color(), i + 1));
        }
        for (double tk : time.ticks()) {
            double x = left + plotW * (tk - time.lo()) / (time.hi() - time.lo());
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\"/>%n", x, yBottom, x, yBottom + 4));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, yBottom + 16, time.label(tk)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time since the session start (s)</text>%n",
                left + plotW / 2, yBottom + 30));
        for (int i = 0; i < marks.size(); i++) {
            Mark m = marks.get(i);
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%d  %.1f s  %s</text>%n", left, yBottom + 48 + 14 * i,
                    m.color(), i + 1, m.tS(), esc(m.text())));
        }
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
