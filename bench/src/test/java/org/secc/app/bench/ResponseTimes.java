package org.secc.app.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;

import org.secc.bench.BenchPack;
import org.secc.app.run.SeccConfig;
import org.secc.app.run.SeccService;
import org.secc.ev.link.Connector;
import org.secc.ev.link.EdgeClock;
import org.secc.ev.link.Frame;
import org.secc.ev.link.Link;
import org.secc.ev.link.V2gClientConnector;
import org.secc.ev.scenario.Scenario;
import org.secc.ev.scenario.ScenarioResult;
import org.secc.ev.scenario.ScenarioRunner;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Decision;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.Fault;
import org.secc.ev.session.Service;
import org.secc.exi.ExiCodec;
import org.secc.transport.v2gtp.PayloadType;

/**
 * Response time per message type over real sockets: `secc run`'s service (sim HAL in real time with
 * all its threads, TCP on ::1) and the EV emulator; a wrapper around the EV's link stamps each request
 * just before it is written and its response just after it was read. Sessions rotate over DC_BPT
 * Dynamic, DC Scheduled, AC_BPT Dynamic and AC Scheduled (each: setup, cable check and precharge on
 * DC, power delivery, 2 s of charge loop, stop), optionally with CPU-hog threads in the same JVM.
 *
 * <p>Args: [sessions=40] [hogs=0]. Run it under the JVM options of the Yocto unit (`-Dbench.jvm=...`,
 * secc-app/README-bench.md): the product as shipped; it prints the options it ran with.
 *
 * <p>PowerDeliveryRes waits for the contactors ([V2G20-858/861/863/864]); for those rows it also prints the
 * charger's own part: the charge controller's step that saw the mirror contacts confirm
 * ({@code ChargeController.lastConfirmedNanos()}) → the EV read the response.
 */
public final class ResponseTimes {

    private static volatile boolean running = true;

    /** One request as the EV saw it: written at {@code sent}, its response read at {@code received} (nanoTime). */
    private record Stamp(String name, long sent, long received, int session) {
    }

    private static volatile int session;

    private static final List<Stamp> STAMPS = new ArrayList<>();

    /** When the charge controller last saw the contactors confirm (closed for a start, open after a power-off). */
    private static volatile java.util.function.LongSupplier confirmed = () -> -1;

    /** PowerDelivery rows: contactors confirmed → response read by the EV (nanos), later sessions. */
    private static final Map<String, List<Long>> OWN = new TreeMap<>();

    /** The EV's link, timed: request type → round-trip nanos. */
    private static final class TimedLink implements Link {
        private final Link inner;
        private final Map<String, List<Long>> out;
        private long sentAt;
        private String sentName;
        /** DC or AC, from the session's last DC/AC message: PowerDelivery (Common schema) differs by it. */
        private String energy = "";

        TimedLink(Link inner, Map<String, List<Long>> out) {
            this.inner = inner;
            this.out = out;
        }

        @Override
        public void send(int payloadType, byte[] payload) throws IOException {
            if (payloadType == PayloadType.mainStreamOf(org.secc.exi.SchemaKind.DC).code()) {
                energy = "DC";
            } else if (payloadType == PayloadType.mainStreamOf(org.secc.exi.SchemaKind.AC).code()) {
                energy = "AC";
            }
            String n = name(payloadType, payload, energy); // before the stamp: the EV's decoding is not the charger's time
            sentAt = System.nanoTime();
            inner.send(payloadType, payload);
            sentName = n;
        }

        @Override
        public Frame receive(long timeoutMs) throws IOException {
            Frame f = inner.receive(timeoutMs);
            long t = System.nanoTime();
            if (f != null && sentName != null) {
                long c = confirmed.getAsLong();
                synchronized (out) {
                    out.computeIfAbsent(sentName, k -> new ArrayList<>()).add(t - sentAt);
                    STAMPS.add(new Stamp(sentName, sentAt, t, session));
                    // the response that a confirmation released: it came after the request was written
                    if (sentName.startsWith("PowerDeliveryReq") && c - sentAt > 0 && session > 0) {
                        OWN.computeIfAbsent(sentName, k -> new ArrayList<>()).add(t - c);
                    }
                }
                sentName = null;
            }
            return f;
        }

        @Override
        public void close() {
            inner.close();
        }

        private static String name(int payloadType, byte[] payload, String energy) {
            try {
                var kind = PayloadType.schemaOf(payloadType).orElseThrow();
                Object m = ExiCodec.of(kind).decode(payload).value();
                String n = m.getClass().getSimpleName().replace("Type", "");
                // Start (AC: until the contactors confirm) and Stop (AC: until they are open) differ.
                return m instanceof org.secc.exi.iso20.common.PowerDeliveryReqType pd ? n + " " + pd.ChargeProgress() + " " + energy : n;
            } catch (RuntimeException e) {
                return "0x" + Integer.toHexString(payloadType);
            }
        }
    }

    /**
     * Where the time goes, per request type (after the first session): EV's write → the charger has read the
     * frame whole ("in": both sockets' wake-ups), → answered ("handle": decode, session, encode), → written
     * ("write"), → the EV has read it ("out"). Server stamps are matched to the EV's by time (same JVM, one clock).
     */
    private static void breakdown(List<org.secc.app.v2g.FrameTimings.Entry> inside) {
        Map<String, List<long[]>> rows = new TreeMap<>();
        List<long[]> firstFrames = new ArrayList<>();
        int j = 0;
        for (Stamp s : STAMPS) {
            while (j < inside.size() && inside.get(j).readNanos() < s.sent()) {
                j++;
            }
            if (j == inside.size()) {
                break;
            }
            var e = inside.get(j);
            if (e.readNanos() > s.received() || s.session() == 0) {
                continue;
            }
            if (e.first() && e.acceptedNanos() != 0) {
                // a new connection: EV's write → accepted (negative: accepted before the EV wrote), accepted → read whole
                firstFrames.add(new long[] {e.acceptedNanos() - s.sent(), e.readNanos() - e.acceptedNanos()});
            }
            rows.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(new long[] {e.readNanos() - s.sent(), e.handledNanos() - e.readNanos(),
                    e.writtenNanos() - e.handledNanos(), Math.max(0, s.received() - e.writtenNanos())});
        }
        System.out.printf(Locale.ROOT, "%nwhere the time goes (ms, p50 / p99; later sessions):%n");
        System.out.printf(Locale.ROOT, "| %-34s | %5s | %-15s | %-15s | %-15s | %-15s |%n", "request", "n", "in", "handle", "write", "out");
        for (var e : rows.entrySet()) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "| %-34s | %5d |", e.getKey(), e.getValue().size()));
            for (int c = 0; c < 4; c++) {
                int col = c;
                long[] v = e.getValue().stream().mapToLong(x -> x[col]).sorted().toArray();
                b.append(String.format(Locale.ROOT, " %6.3f / %6.3f |", v[v.length / 2] / 1e6, v[p99(v.length)] / 1e6));
            }
            System.out.println(b);
        }
        if (!firstFrames.isEmpty()) {
            long[] a = firstFrames.stream().mapToLong(x -> x[0]).sorted().toArray();
            long[] r = firstFrames.stream().mapToLong(x -> x[1]).sorted().toArray();
            System.out.printf(Locale.ROOT, "new connections (%d): EV's write -> accepted %.3f / %.3f, accepted -> first frame read %.3f / %.3f%n",
                    a.length, a[a.length / 2] / 1e6, a[p99(a.length)] / 1e6, r[r.length / 2] / 1e6, r[p99(r.length)] / 1e6);
        }
    }

    private static int p99(int n) {
        return Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1);
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int hogs = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Path dir = Files.createTempDirectory("secc-rt");
        // The service's own logging (one line per message at INFO, as `secc run` writes), into a file.
        java.io.PrintStream log = new java.io.PrintStream(Files.newOutputStream(dir.resolve("secc.log")), false, java.nio.charset.StandardCharsets.UTF_8);
        org.secc.common.log.Logging.configure(Level.INFO, Map.of(), log, false);
        Files.writeString(dir.resolve("policy.conf"), BenchPack.policy(0, 1));
        SeccConfig cfg = SeccConfig.parse(BenchPack.HAL + """
                network.iface = lo
                network.slac = false
                session.services = DC_BPT, DC, AC_BPT, AC
                session.control_modes = scheduled, dynamic
                policy.file = policy.conf
                """, dir);
        List<Thread> hogThreads = new ArrayList<>();
        for (int i = 0; i < hogs; i++) {
            Thread h = new Thread(() -> {
                long x = 1;
                while (running) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
                if (x == 0) {
                    System.out.print("");
                }
            }, "cpu-hog-" + i);
            h.setDaemon(true);
            hogThreads.add(h);
        }
        Map<String, List<Long>> times = new TreeMap<>();
        List<org.secc.app.v2g.FrameTimings.Entry> inside;
        int failed = 0;
        try (SeccService svc = new SeccService(cfg, new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0),
                Optional.empty(), Optional.empty(), false))) {
            Thread.sleep(1500); // the grid enters service (delay 0, ramp 1 s)
            confirmed = svc.chargePoint().controller()::lastConfirmedNanos;
            // as on a charger, where the first EV comes after the JIT warm-up of start-up (jit.warmup) has finished
            var warm = svc.jitWarmUp();
            if (warm.isPresent()) {
                warm.get().join(java.time.Duration.ofSeconds(120));
                System.out.println("JIT warm-up: " + warm.get().result().map(Object::toString).orElse("not done within 120 s"));
            }
            hogThreads.forEach(Thread::start);
            V2gClientConnector tcp = V2gClientConnector.tcp("::1", svc.v2gServer().port());
            Connector timed = () -> new TimedLink(tcp.connect(), times);
            Service[] services = {Service.DC_BPT, Service.DC, Service.AC_BPT, Service.AC};
            ControlMode[] modes = {ControlMode.DYNAMIC, ControlMode.SCHEDULED, ControlMode.DYNAMIC, ControlMode.SCHEDULED};
            for (int n = 0; n < sessions; n++) {
                session = n;
                int k = n % services.length;
                boolean bpt = services[k] == Service.DC_BPT || services[k] == Service.AC_BPT;
                Scenario sc = new Scenario("rt", "response times", () -> org.secc.ev.scenario.Scenarios.bench(50),
                        () -> (b, t) -> t < 1000 ? Decision.CHARGE : t < 2000 && bpt ? Decision.DISCHARGE : Decision.STOP, Fault.NONE, false, 0,
                        false, bpt, false, 30_000);
                ScenarioResult r = new ScenarioRunner(timed, EdgeClock.SYSTEM, null).run(sc,
                        EvConfig.defaults(services[k], modes[k]).withLoopPeriod(50));
                if (!r.passed()) {
                    failed++;
                    System.err.println("session " + n + " " + services[k] + " " + modes[k] + ": " + r.failures());
                }
                if (n == 0) {
                    // the first session pays for class loading and runs interpreted: its rows apart
                    synchronized (times) {
                        Map<String, List<Long>> first = new TreeMap<>();
                        times.forEach((name, v) -> first.put("first session: " + name, v));
                        times.clear();
                        times.putAll(first);
                    }
                }
            }
            inside = svc.v2gServer().timings().entries();
        } finally {
            running = false;
        }
        System.out.printf(Locale.ROOT, "sessions=%d failed=%d hogs=%d%n", sessions, failed, hogs);
        System.out.printf(Locale.ROOT, "JVM options: %s%n", String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        System.out.printf(Locale.ROOT, "| %-34s | %6s | %8s | %8s | %8s |%n", "request", "n", "p50 ms", "p99 ms", "max ms");
        System.out.printf(Locale.ROOT, "(%s, load average %s)%n", java.time.Instant.now(), Files.readString(Path.of("/proc/loadavg")).trim());
        for (var e : times.entrySet()) {
            long[] v = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %-34s | %6d | %8.3f | %8.3f | %8.3f |%n", e.getKey(), v.length, v[v.length / 2] / 1e6,
                    v[p99(v.length)] / 1e6, v[v.length - 1] / 1e6);
        }
        breakdown(inside);
        System.out.printf(Locale.ROOT, "%nheld back for the contactors (ms, p50 / p99; later sessions): end to end, and the charger's own part"
                + " (controller saw the contactors confirm -> the EV read the response)%n");
        for (var e : OWN.entrySet()) {
            long[] all = times.get(e.getKey()).stream().mapToLong(Long::longValue).sorted().toArray();
            long[] own = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %-34s | %5d | %6.3f / %6.3f | %5d | %6.3f / %6.3f |%n", e.getKey(), all.length, all[all.length / 2] / 1e6,
                    all[p99(all.length)] / 1e6, own.length, own[own.length / 2] / 1e6, own[p99(own.length)] / 1e6);
        }
        System.exit(0);
    }
}
