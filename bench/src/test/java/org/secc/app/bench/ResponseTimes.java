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
import java.util.logging.Logger;

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
 * <p>Args: [sessions=20] [hogs=0].
 */
public final class ResponseTimes {

    private static volatile boolean running = true;

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
            sentAt = System.nanoTime();
            inner.send(payloadType, payload);
            if (payloadType == PayloadType.mainStreamOf(org.secc.exi.SchemaKind.DC).code()) {
                energy = "DC";
            } else if (payloadType == PayloadType.mainStreamOf(org.secc.exi.SchemaKind.AC).code()) {
                energy = "AC";
            }
            sentName = name(payloadType, payload, energy);
        }

        @Override
        public Frame receive(long timeoutMs) throws IOException {
            Frame f = inner.receive(timeoutMs);
            long t = System.nanoTime();
            if (f != null && sentName != null) {
                synchronized (out) {
                    out.computeIfAbsent(sentName, k -> new ArrayList<>()).add(t - sentAt);
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

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int hogs = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Logger.getLogger("").setLevel(Level.WARNING); // one log line per message would dominate the measurement
        Path dir = Files.createTempDirectory("secc-rt");
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
        int failed = 0;
        try (SeccService svc = new SeccService(cfg, new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0),
                Optional.empty(), Optional.empty(), false))) {
            Thread.sleep(1500); // the grid enters service (delay 0, ramp 1 s)
            hogThreads.forEach(Thread::start);
            V2gClientConnector tcp = V2gClientConnector.tcp("::1", svc.v2gServer().port());
            Connector timed = () -> new TimedLink(tcp.connect(), times);
            Service[] services = {Service.DC_BPT, Service.DC, Service.AC_BPT, Service.AC};
            ControlMode[] modes = {ControlMode.DYNAMIC, ControlMode.SCHEDULED, ControlMode.DYNAMIC, ControlMode.SCHEDULED};
            for (int n = 0; n < sessions; n++) {
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
            }
        } finally {
            running = false;
        }
        System.out.printf(Locale.ROOT, "sessions=%d failed=%d hogs=%d%n", sessions, failed, hogs);
        System.out.printf(Locale.ROOT, "| %-34s | %6s | %8s | %8s | %8s |%n", "request", "n", "p50 ms", "p99 ms", "max ms");
        for (var e : times.entrySet()) {
            long[] v = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %-34s | %6d | %8.3f | %8.3f | %8.3f |%n", e.getKey(), v.length, v[v.length / 2] / 1e6,
                    v[Math.min(v.length - 1, (int) Math.ceil(v.length * 0.99) - 1)] / 1e6, v[v.length - 1] / 1e6);
        }
        System.exit(0);
    }
}
