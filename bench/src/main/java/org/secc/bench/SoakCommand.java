package org.secc.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.secc.ev.link.Connector;
import org.secc.ev.link.EdgeClock;
import org.secc.ev.link.Frame;
import org.secc.ev.link.Link;
import org.secc.ev.link.V2gClientConnector;
import org.secc.ev.scenario.Scenario;
import org.secc.ev.scenario.ScenarioResult;
import org.secc.ev.scenario.ScenarioRunner;
import org.secc.ev.scenario.Scenarios;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.Service;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code secc-bench soak}: back-to-back EV emulator sessions against one {@code secc run} (the charger jar
 * in its own JVM, {@code -Xmx64m} by default, simulated HAL, TCP on loopback), rotating through every
 * service (DC, DC_BPT, AC, AC_BPT), control mode (Scheduled, Dynamic) and scenario, the fault scenarios
 * included. Every {@code --every} sessions it prints one row: sessions so far, failures so far, the p99 of
 * the charger's response time in that window (EV request sent to response received), the charger's heap
 * after a full GC and its RSS. Exit 0 when every session passed, 1 otherwise (secc-app/README-bench.md,
 * "Soak").
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Soak: N back-to-back EV emulator sessions (every service, mode and fault scenario) against one `secc run`;"
                + " prints failures, p99 response time, heap after GC and RSS every --every sessions.")
public final class SoakCommand implements Callable<Integer> {

    @Option(names = "--sessions", defaultValue = "10000", paramLabel = "N", description = "sessions to run (default ${DEFAULT-VALUE})")
    int sessions;

    @Option(names = "--every", defaultValue = "500", paramLabel = "N", description = "sessions per printed row (default ${DEFAULT-VALUE})")
    int every;

    @Option(names = "--jar", paramLabel = "FILE", description = "the charger jar (default: secc-app/target/secc-app.jar, or secc-app.jar next to"
            + " this jar)")
    Path jar;

    @Option(names = "--xmx", defaultValue = "64m", paramLabel = "SIZE", description = "the charger JVM's -Xmx (default ${DEFAULT-VALUE})")
    String xmx;

    @Option(names = "--loop-period", defaultValue = "100", paramLabel = "MS", description = "the EV's pause between charge-loop requests"
            + " (default ${DEFAULT-VALUE})")
    long loopPeriodMs;

    @Option(names = "--loop-time-scale", defaultValue = "5", paramLabel = "K", description = "run the scenarios' charge-loop stories K"
            + " times faster (charge 3 s -> 0.6 s; the messages and deadlines stay the standard's), 1 to 100 (default ${DEFAULT-VALUE})")
    int loopTimeScale;

    @Option(names = "--only", split = ",", paramLabel = "SCENARIO", description = "run only these scenarios (names as in"
            + " `ev-emulator scenarios`; default: all)")
    List<String> only;

    @Option(names = "--no-replug", description = "do not unplug and plug in the simulated car between sessions (every session then"
            + " meets the battery the sessions before it left behind)")
    boolean noReplug;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "configuration and the charger's log (default: a new temporary directory)")
    Path workDir;

    /**
     * Scenarios whose length {@code --loop-time-scale} cannot shorten: charge to SOC (an energy target: 40 Wh
     * into the bench pack, 10 s on AC) and fall silent (the charger's silence detection and ramp, then a
     * follow-up session). Each runs once per rotation, on the next service and mode each time: at one run per
     * service and mode they took more than half of a rotation's time (secc-app/README-bench.md, "Soak").
     */
    private static final List<String> SLOW = List.of("charge-to-soc", "fault-silence");
    /** Needs the SECC to notify on its own (a price or grid event); the bench's steady policy sends none. */
    private static final List<String> NOT_ON_A_STEADY_BENCH = List.of("evse-notification");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private PrintWriter out;

    /** Set when the soak itself is stopped (Ctrl-C, kill): the loop ends without counting the cut-off session. */
    private volatile boolean stopping;

    /** One session's EV settings. */
    record Plan(Scenario scenario, Service service, ControlMode mode) {
        String name() {
            return scenario.name() + "/" + service + "/" + mode;
        }
    }

    /**
     * The rotation: every scenario with every service it applies to (discharging ones need BPT) and both
     * control modes; each slow scenario ({@link #SLOW}) once per rotation, on the next service and mode each time.
     */
    static List<Plan> rotation(int round) {
        return rotation(round, null);
    }

    /** As {@link #rotation(int)}, with only the named scenarios (all when null). */
    static List<Plan> rotation(int round, List<String> only) {
        List<Plan> plans = new ArrayList<>();
        java.util.Map<String, List<Plan>> slow = new java.util.LinkedHashMap<>();
        for (Scenario sc : Scenarios.all()) {
            if (NOT_ON_A_STEADY_BENCH.contains(sc.name()) || only != null && !only.contains(sc.name())) {
                continue;
            }
            for (Service s : Service.values()) {
                if (sc.needsBpt() && !s.bpt) {
                    continue;
                }
                for (ControlMode m : ControlMode.values()) {
                    (SLOW.contains(sc.name()) ? slow.computeIfAbsent(sc.name(), k -> new ArrayList<>()) : plans).add(new Plan(sc, s, m));
                }
            }
        }
        for (List<Plan> one : slow.values()) {
            plans.add(one.get(round % one.size()));
        }
        return plans;
    }

    @Override
    public Integer call() throws Exception {
        if (sessions < 1 || every < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--sessions and --every must be at least 1");
        }
        if (loopTimeScale < 1 || loopTimeScale > 100) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--loop-time-scale " + loopTimeScale + " is out of range; allowed 1 to 100");
        }
        if (only != null) {
            for (String n : only) {
                if (Scenarios.get(n) == null || NOT_ON_A_STEADY_BENCH.contains(n)) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--only: no scenario '" + n + "' on this bench");
                }
            }
        }
        out = spec.commandLine().getOut();
        Path charger = jar != null ? jar : defaultJar();
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("secc-soak");
        Path policy = dir.resolve("policy.conf");
        Files.writeString(policy, BenchPack.policy(0, 1));
        Path cfg = dir.resolve("secc.conf");
        Path sock = dir.resolve("secc.sock");
        Files.writeString(cfg, BenchPack.HAL + "policy.file = policy.conf\nctl.socket = " + sock + "\n");
        Path log = dir.resolve("secc.log");
        String java = System.getProperty("java.home") + "/bin/java";
        Process p = new ProcessBuilder(List.of(java, "-Xmx" + xmx, "-jar", charger.toString(), "run", "--config", cfg.toString(), "--iface", "lo",
                "--hal", "sim", "--no-slac", "--no-tls"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // Ctrl-C or a kill of the soak ends its charger too: no orphan `secc run` left holding the port and socket
        Thread stopCharger = new Thread(() -> {
            stopping = true; // the loop stops first: sessions against a charger shutting down are not its failures
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }, "soak-stop-charger");
        Runtime.getRuntime().addShutdownHook(stopCharger);
        try {
            int port = Integer.parseInt(waitFor(p, log, "SECC up: V2G TCP on /\\[[0-9a-f:]+\\]:(\\d+)", 60));
            Thread.sleep(1500); // the grid enters service (delay 0, ramp 1 s) on the real-time bench
            out.printf(Locale.ROOT, "soak: %d sessions against `secc run` (pid %d, -Xmx%s, TCP port %d); charger log %s%n", sessions, p.pid(),
                    xmx, port, log);
            out.println("sessions  failures  p99_response_ms  heap_after_gc_MB  rss_MB  elapsed_s");
            return soak(p, port, log, sock);
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stopCharger);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs (and finds the charger gone)
            }
        }
    }

    private int soak(Process p, int port, Path log, Path sock) throws Exception {
        long start = System.nanoTime();
        Timed connector = new Timed(V2gClientConnector.tcp("::1", port));
        int failures = 0;
        int done = 0;
        java.util.Map<String, double[]> wall = new java.util.LinkedHashMap<>();
        for (int round = 0; done < sessions; round++) {
            for (Plan plan : rotation(round, only)) {
                if (done == sessions) {
                    break;
                }
                if (!p.isAlive()) {
                    out.println("soak: the charger exited (" + p.exitValue() + ") after " + done + " sessions; its log: " + log);
                    return 1;
                }
                ScenarioResult r;
                long t0 = System.nanoTime();
                try {
                    if (!noReplug) {
                        replug(sock, plan.scenario().battery().get().soc() / 100);
                    }
                    r = new ScenarioRunner(connector, EdgeClock.SYSTEM, null).loopTimeScale(loopTimeScale)
                            .run(plan.scenario(), EvConfig.defaults(plan.service(), plan.mode()).withLoopPeriod(loopPeriodMs));
                } catch (RuntimeException | IOException e) {
                    r = new ScenarioResult(plan.scenario().name(), List.of(e.toString()), List.of(), List.of(), 0, 0, 0, 0);
                }
                if (stopping) {
                    out.println("soak: stopped after " + done + " sessions (" + failures + " failures); the session cut off by the stop is not counted");
                    out.flush();
                    return 1;
                }
                done++;
                wall.computeIfAbsent(plan.scenario().name(), k -> new double[2])[0]++;
                wall.get(plan.scenario().name())[1] += (System.nanoTime() - t0) / 1e9;
                if (!r.passed()) {
                    failures++;
                    String line = "session " + done + " " + plan.name() + ": " + String.join("; ", r.failures());
                    out.println("  FAIL " + line);
                }
                if (done % every == 0 || done == sessions) {
                    out.printf(Locale.ROOT, "%8d  %8d  %15.1f  %16.1f  %6.1f  %9.0f%n", done, failures, connector.p99AndReset() / 1e6,
                            heapAfterGcMb(p.pid()), rssMb(p.pid()), (System.nanoTime() - start) / 1e9);
                }
            }
        }
        out.println("scenario  sessions  mean_wall_s (unplug/plug-in included)");
        wall.forEach((k, v) -> out.printf(Locale.ROOT, "%s  %.0f  %.2f%n", k, v[0], v[1] / v[0]));
        out.printf(Locale.ROOT, "soak: %.1f sessions/min%n", done / ((System.nanoTime() - start) / 60e9));
        out.println(failures == 0 ? "soak: " + done + " sessions, 0 failures" : "soak: " + done + " sessions, " + failures + " failures");
        return failures == 0 ? 0 : 1;
    }

    private static final Pattern CONNECTOR = Pattern.compile("\"connectors\":\\[\\{\"id\":1,\"state\":\"(\\w+)\".*?\"plug_ins\":(\\d+)");

    /**
     * What a bench does between two cars: unplug (CP A) until the connector is idle, plug in (B) until it
     * counted the plug-in and the link is up, the new car's battery at the emulated car's SOC (the scenarios'
     * 2 kWh bench pack; the discharge scenario's car starts at 60 %, the charger's simulated one at
     * {@code sim.battery_initial_soc}), then S2 closed (C).
     */
    static void replug(Path sock, double soc) throws IOException, InterruptedException {
        // the driver unplugs once the charge has stopped: after a failed session the charger's power-off may still
        // be ramping (unplugging then would be the pilot's emergency opening, another test)
        awaitDeenergized(sock);
        int before = awaitConnector(sock, null, -1);
        ctl(sock, "sim-pilot A");
        awaitConnector(sock, "Idle", -1);
        ctl(sock, "sim-pilot B");
        awaitConnector(sock, "LinkUp", before + 1);
        ctl(sock, String.format(Locale.ROOT, "sim-soc %.4f", soc));
        ctl(sock, "sim-pilot C");
    }

    private static String ctl(Path sock, String line) throws IOException {
        String reply = org.secc.app.ctl.CtlClient.send(sock, line, java.time.Duration.ofSeconds(10));
        if (!org.secc.app.ctl.CtlClient.isOk(reply)) {
            throw new IllegalStateException("secc ctl " + line + ": " + reply);
        }
        return reply;
    }

    /** Polls `status` (bounded: 10 s) until the charger reports no energized session. */
    private static void awaitDeenergized(Path sock) throws IOException, InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        String last = ctl(sock, "status");
        while (!last.contains("\"energized\":false")) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the charger still energized 10 s after the session: " + last);
            }
            Thread.sleep(20);
            last = ctl(sock, "status");
        }
    }

    /** Polls `status` (bounded: 10 s) until connector 1 is in {@code state} (any when null) with at least {@code plugIns}; returns them. */
    private static int awaitConnector(Path sock, String state, int plugIns) throws IOException, InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        String last = "";
        while (System.nanoTime() < end) {
            last = ctl(sock, "status");
            Matcher m = CONNECTOR.matcher(last);
            if (!m.find()) {
                throw new IllegalStateException("no connector 1 in the status reply: " + last);
            }
            int n = Integer.parseInt(m.group(2));
            if ((state == null || state.equals(m.group(1))) && n >= plugIns) {
                return n;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("connector 1 not " + state + " with " + plugIns + " plug-ins within 10 s: " + last);
    }

    private static Path defaultJar() {
        for (Path c : List.of(Path.of("secc-app", "target", "secc-app.jar"), Path.of("..", "secc-app", "target", "secc-app.jar"))) {
            if (Files.isRegularFile(c)) {
                return c.toAbsolutePath().normalize();
            }
        }
        throw new IllegalArgumentException("no charger jar found (secc-app/target/secc-app.jar); build it, or name it with --jar");
    }

    private static String waitFor(Process p, Path log, String regex, int seconds) throws Exception {
        Pattern pat = Pattern.compile(regex);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end && p.isAlive()) {
            if (Files.exists(log)) {
                Matcher m = pat.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (m.find()) {
                    return m.group(1);
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the charger did not come up within " + seconds + " s; its log: " + log);
    }

    /** The charger's heap in use right after a full collection (jcmd GC.run, then GC.heap_info), in MB. */
    static double heapAfterGcMb(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        return usedKb(info) / 1024.0;
    }

    /** Sums the "used" of the heap's spaces (G1: the one heap line; Serial/Parallel: the generations). */
    static long usedKb(String heapInfo) {
        long used = 0;
        for (String line : heapInfo.split("\n")) {
            String l = line.strip();
            if (l.startsWith("Metaspace") || l.startsWith("class space") || l.startsWith("region") || l.startsWith("eden")
                    || l.startsWith("from") || l.startsWith("to") || l.startsWith("the space") || l.startsWith("object space")) {
                continue;
            }
            Matcher m = Pattern.compile("used (\\d+)K").matcher(l);
            if (m.find()) {
                used += Long.parseLong(m.group(1));
            }
        }
        return used;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process j = new ProcessBuilder(System.getProperty("java.home") + "/bin/jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        byte[] b = j.getInputStream().readAllBytes();
        j.waitFor(30, TimeUnit.SECONDS);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Resident set size from /proc (Linux), in MB; NaN elsewhere. */
    static double rssMb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** The emulator's connections, timing each response: from a request sent to the next frame received. */
    static final class Timed implements Connector {
        private final Connector inner;
        private long[] samples = new long[1 << 14];
        private int n;

        Timed(Connector inner) {
            this.inner = inner;
        }

        synchronized void add(long nanos) {
            if (n == samples.length) {
                samples = Arrays.copyOf(samples, n * 2);
            }
            samples[n++] = nanos;
        }

        /** The window's 99th percentile (nearest rank), in ns; NaN for an empty window. */
        synchronized double p99AndReset() {
            if (n == 0) {
                return Double.NaN;
            }
            long[] s = Arrays.copyOf(samples, n);
            Arrays.sort(s);
            n = 0;
            return s[(int) Math.min(s.length - 1, Math.ceil(0.99 * s.length) - 1)];
        }

        @Override
        public Link connect() throws IOException {
            Link l = inner.connect();
            return new Link() {
                private long sentAt = -1;

                @Override
                public void send(int payloadType, byte[] payload) throws IOException {
                    l.send(payloadType, payload);
                    sentAt = System.nanoTime();
                }

                @Override
                public Frame receive(long timeoutMs) throws IOException {
                    Frame f = l.receive(timeoutMs);
                    if (f != null && sentAt >= 0) {
                        add(System.nanoTime() - sentAt);
                        sentAt = -1;
                    }
                    return f;
                }

                @Override
                public void close() {
                    l.close();
                }
            };
        }
    }
}
