import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.secc.app.charge.ChargeSettings;
import org.secc.app.charge.Waiter;
import org.secc.app.policy.Policy;
import org.secc.app.policy.PolicyFile;
import org.secc.app.run.ChargePoint;
import org.secc.app.run.SessionHandler;
import org.secc.app.sap.SapNegotiator;
import org.secc.app.sdp.SdpOffer;
import org.secc.app.sdp.SdpServer;
import org.secc.app.session.PausedSessions;
import org.secc.app.session.ServiceOffer;
import org.secc.app.session.SessionConfig;
import org.secc.app.session.V2gSession;
import org.secc.app.v2g.CloseReason;
import org.secc.app.v2g.V2gConnectionHandler;
import org.secc.app.v2g.V2gServer;
import org.secc.app.v2g.V2gServerConfig;
import org.secc.exi.v2gtp.V2gtpFrame;
import org.secc.hal.config.Hal;
import org.secc.hal.config.HalConfig;
import org.secc.hal.config.HalFactory;
import org.secc.hal.sim.SimBench;

/**
 * Interop stand-in for `secc run` (not yet in this branch): the committed pieces wired the way the
 * stepped whole-session bench wires them (SimBench HAL, ChargePoint, SessionHandler), but over the
 * real V2gServer (TCP, no TLS) and SdpServer on a network interface. The bench clock is kept up
 * with wall time by a thread; waits inside a frame step the bench (as SteppedBench does).
 * Usage: java -cp secc-app.jar:. JosevSecc IFACE [TCP_PORT]
 */
public final class JosevSecc {
    static final String HAL = """
            hal.backend = sim
            sim.battery_capacity_wh = 2000
            sim.battery_initial_soc = 0.5
            sim.battery_empty_v = 350
            sim.battery_full_v = 420
            sim.battery_internal_ohm = 0.05
            sim.battery_max_charge_current_a = 100
            sim.battery_max_discharge_current_a = 50
            grid.nominal_voltage_v = 230
            grid.nominal_frequency_hz = 50
            """;
    static final String POLICY = """
            grid_category = II
            grid_nominal_frequency_hz = 50
            grid_nominal_voltage_v = 230
            enter_service_delay_s = 0
            enter_service_ramp_s = 1
            max_charge_power_w = 40000
            max_discharge_power_w = 20000
            no_price_mode = ev
            heartbeat_timeout_s = 0
            """;

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        String ifName = args[0];
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 50000;
        HalConfig hc = HalConfig.parse(HAL);
        SimBench bench = HalFactory.simBench(hc);
        Hal hal = new Hal(bench.controlPilot(), hc.cp(), bench.contactors(), bench.powerStage(), bench.grid(), bench.isolationMonitor(),
                bench.temperatures(), bench.emergencyStop(), Optional.of(bench));
        // JOSEV_SECC_POLICY_EXTRA="key = value;key = value" overrides/extends POLICY
        java.util.LinkedHashMap<String, String> pol = new java.util.LinkedHashMap<>();
        for (String l : (POLICY + System.getenv().getOrDefault("JOSEV_SECC_POLICY_EXTRA", "").replace(";", "\n")).split("\n")) {
            if (l.contains("=")) {
                pol.put(l.substring(0, l.indexOf('=')).trim(), l.substring(l.indexOf('=') + 1).trim());
            }
        }
        StringBuilder polText = new StringBuilder();
        pol.forEach((k, v) -> polText.append(k).append(" = ").append(v).append('\n'));
        Object parsed = PolicyFile.parse(polText.toString());
        if (!(parsed instanceof PolicyFile.Loaded loaded)) {
            throw new IllegalArgumentException("policy: " + parsed);
        }
        Policy p = loaded.policy();
        Waiter w = (done, timeout) -> {
            synchronized (bench) {
                long end = bench.nanos() + timeout.toNanos();
                while (!done.getAsBoolean()) {
                    if (bench.nanos() >= end) {
                        return false;
                    }
                    bench.step(Duration.ofMillis(1));
                }
                return true;
            }
        };
        ChargePoint cp = new ChargePoint(hal, p, ChargeSettings.defaults(), bench::nanos, bench::nanos, w, ChargePoint.SupervisorMode.INLINE);
        PausedSessions paused = new PausedSessions(Duration.ofHours(1), 4, bench::nanos);
        synchronized (bench) {
            bench.step(Duration.ofMillis(1500));
        }
        long wall0 = System.nanoTime();
        long bench0 = bench.nanos();
        Thread stepper = new Thread(() -> {
            while (true) {
                synchronized (bench) {
                    long behind = (System.nanoTime() - wall0) - (bench.nanos() - bench0);
                    if (behind > 1_000_000) {
                        bench.step(Duration.ofNanos(Math.min(behind, 50_000_000) / 1_000_000 * 1_000_000));
                    }
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-stepper");
        stepper.setDaemon(true);
        stepper.start();
        // EV plugged in and ready (Josev drives no control pilot): sim EV side C
        bench.controlPilot().setEv(org.secc.hal.sim.SimControlPilot.EvSide.C);

        SessionConfig sc = SessionConfig.defaults().withServices(ServiceOffer.of(false, 6, 2, 5, 1));
        Clock wall = Clock.systemUTC();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        SapNegotiator sap = SapNegotiator.defaults();

        NetworkInterface nif = NetworkInterface.getByName(ifName);
        Inet6Address ll = SdpServer.linkLocalAddress(nif).orElseThrow(() -> new IllegalStateException("no link-local address on " + ifName));
        Inet6Address bindAddr = Inet6Address.getByAddress(null, ll.getAddress(), nif);
        V2gServer server = V2gServer.start(V2gServerConfig.tcp(new InetSocketAddress(bindAddr, port)), conn -> {
            SessionHandler h = new SessionHandler(conn, sap, () -> new V2gSession(sc, cp.charge(), bench::nanos, wall, paused), timers,
                    s -> System.err.println("state " + s));
            return new V2gConnectionHandler() {
                @Override
                public List<V2gtpFrame> onFrame(V2gtpFrame in) {
                    synchronized (bench) {
                        return h.onFrame(in);
                    }
                }

                @Override
                public void onClosed(CloseReason reason) {
                    h.onClosed(reason);
                }
            };
        });
        SdpServer sdp = SdpServer.start(nif, SdpServer.SDP_PORT, () -> new SdpOffer(ll, OptionalInt.empty(), OptionalInt.of(server.port())));
        System.err.println("JosevSecc: V2G TCP on " + server.localAddress() + ", SDP on " + ifName + " port " + SdpServer.SDP_PORT);
        Thread.currentThread().join();
    }
}
