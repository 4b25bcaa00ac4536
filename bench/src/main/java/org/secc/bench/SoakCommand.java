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

    @Option(names = "--work-dir", paramLabel = "DIR", description = "configuration and the charger's log (default: a new temporary directory)")
    Path workDir;

    /** Scenarios whose SECC-side timeout makes them long (fall silent: the sequence timeout): one per rotation. */
    private static final List<String> SLOW = List.of("fault-silence");
    /** Needs the SECC to notify on its own (a price or grid event); the bench's steady policy sends none. */
    private static final List<String> NOT_ON_A_STEADY_BENCH = List.of("evse-notification");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private PrintWriter out;

    /** One session's EV settings. */
    record Plan(Scenario scenario, Service service, ControlMode mode) {
        String name() {
            return scenario.name() + "/" + service + "/" + mode;
        }
    }

    /**
     * The rotation: every scenario with every service it applies to (discharging ones need BPT) and both
     * control modes; the slow scenarios once per rotation, on the next service and mode each time.
     */
    static List<Plan> rotation(int round) {
        List<Plan> plans = new ArrayList<>();
        List<Plan> slow = new ArrayList<>();
        for (Scenario sc : Scenarios.all()) {
            if (NOT_ON_A_STEADY_BENCH.contains(sc.name())) {
                continue;
            }
            for (Service s : Service.values()) {
                if (sc.needsBpt() && !s.bpt) {
                    continue;
                }
                for (ControlMode m : ControlMode.values()) {
                    (SLOW.contains(sc.name()) ? slow : plans).add(new Plan(sc, s, m));
                }
            }
        }
        if (!slow.isEmpty()) {
            plans.add(slow.get(round % slow.size()));
        }
        return plans;
    }

    @Override
    public Integer call() throws Exception {
        if (sessions < 1 || every < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--sessions and --every must be at least 1");
        }
        out = spec.commandLine().getOut();
        Path charger = jar != null ? jar : defaultJar();
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("secc-soak");
        Path policy = dir.resolve("policy.conf");
        Files.writeString(policy, BenchPack.policy(0, 1));
        Path cfg = dir.resolve("secc.conf");
        Files.writeString(cfg, BenchPack.HAL + "policy.file = policy.conf\n");
        Path log = dir.resolve("secc.log");
        String java = System.getProperty("java.home") + "/bin/java";
        Process p = new ProcessBuilder(List.of(java, "-Xmx" + xmx, "-jar", charger.toString(), "run", "--config", cfg.toString(), "--iface", "lo",
                "--hal", "sim", "--no-slac", "--no-tls", "--no-ctl"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int port = Integer.parseInt(waitFor(p, log, "SECC up: V2G TCP on /\\[[0-9a-f:]+\\]:(\\d+)", 60));
            Thread.sleep(1500); // the grid enters service (delay 0, ramp 1 s) on the real-time bench
            out.printf(Locale.ROOT, "soak: %d sessions against `secc run` (pid %d, -Xmx%s, TCP port %d); charger log %s%n", sessions, p.pid(),
                    xmx, port, log);
            out.println("sessions  failures  p99_response_ms  heap_after_gc_MB  rss_MB  elapsed_s");
            return soak(p, port, log);
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private int soak(Process p, int port, Path log) throws Exception {
        long start = System.nanoTime();
        Timed connector = new Timed(V2gClientConnector.tcp("::1", port));
        int failures = 0;
        int done = 0;
        for (int round = 0; done < sessions; round++) {
            for (Plan plan : rotation(round)) {
                if (done == sessions) {
                    break;
                }
                if (!p.isAlive()) {
                    out.println("soak: the charger exited (" + p.exitValue() + ") after " + done + " sessions; its log: " + log);
                    return 1;
                }
                ScenarioResult r;
                try {
                    r = new ScenarioRunner(connector, EdgeClock.SYSTEM, null)
                            .run(plan.scenario(), EvConfig.defaults(plan.service(), plan.mode()).withLoopPeriod(loopPeriodMs));
                } catch (RuntimeException e) {
                    r = new ScenarioResult(plan.scenario().name(), List.of(e.toString()), List.of(), List.of(), 0, 0, 0, 0);
                }
                done++;
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
        out.println(failures == 0 ? "soak: " + done + " sessions, 0 failures" : "soak: " + done + " sessions, " + failures + " failures");
        return failures == 0 ? 0 : 1;
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
