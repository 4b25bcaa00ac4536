package org.secc.app.run;

import static org.secc.app.run.Shell.run;
import static org.secc.app.run.Shell.sh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.cli.SeccMain;
import org.secc.bench.BenchPack;
import org.secc.hal.cp.PilotOutput;
import org.secc.hal.sim.SimBench;
import org.secc.hal.sim.SimControlPilot.EvSide;
import org.secc.slac.link.PlcLink;
import org.secc.slac.link.RawEthernetLink;

/**
 * SLAC that never succeeds, through the running service (connector lifecycle, EVSE SLAC on a raw
 * socket, the simulated pilot): the charger's PLC interface is one end of a veth pair with no modem
 * and no EV behind it. The EV plugs in (C), every matching window runs out, the lifecycle retries
 * C_sequ_retry (2) times through E/F for T_step_EF [V2G3-M06-07], and then, per
 * {@code connector.hlc_fallback}: IEC 61851-1 basic charging at the nominal duty cycle (reached
 * through F [V2G3-M06-05]), the contactors following the EV's C; or the error state, X1, nothing
 * closes. {@code secc ctl status} shows the state and its reason. Both chargers run side by side
 * (each its own veth pair); the matching window is the shortest allowed (20 s), so the test takes
 * about 75 s. Root only; under {@code CI} a missing prerequisite fails instead of skipping.
 */
class SlacFallbackTest {
    private static final String ID = Long.toHexString(System.nanoTime() & 0xFFFFF);
    /** {@code -Dsecc.powerline.names=X}: as in PowerlineLifecycleTest. */
    private static final String NAMES = System.getProperty("secc.powerline.names", "");
    private static final String NS = (NAMES.isEmpty() ? "secc" : NAMES) + "-sf-" + ID;
    private static final String[] IF = {NAMES + "sa" + ID, NAMES + "sb" + ID, NAMES + "sc" + ID, NAMES + "sd" + ID};
    private static boolean ready;

    @BeforeAll
    static void network() throws Exception {
        if (NAMES.length() > 8) {
            throw new IllegalArgumentException("secc.powerline.names: at most 8 characters, got " + NAMES);
        }
        PowerlineLifecycleTest.prerequisite("root".equals(System.getProperty("user.name")),
                "the SLAC fallback test needs root (network namespaces, raw sockets)");
        PowerlineLifecycleTest.prerequisite(run("ip", "netns", "list").code() == 0, "`ip netns` is not available (install iproute2)");
        sh("ip", "netns", "add", NS);
        sh("ip", "-n", NS, "link", "add", IF[0], "type", "veth", "peer", "name", IF[1]);
        sh("ip", "-n", NS, "link", "add", IF[2], "type", "veth", "peer", "name", IF[3]);
        for (String i : IF) {
            sh("ip", "-n", NS, "link", "set", i, "up");
        }
        // the JDK finds a thread's interfaces through their IPv4 addresses (ioctl in the thread's namespace)
        sh("ip", "-n", NS, "addr", "add", "169.254.15.118/16", "dev", IF[0]);
        sh("ip", "-n", NS, "addr", "add", "169.254.15.119/16", "dev", IF[2]);
        ready = true;
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (ready) {
            run("ip", "netns", "del", NS);
        }
    }

    /** The raw socket opened on a thread inside the namespace (a socket stays in the namespace it was made in). */
    private static PlcLink linkInNamespace(String iface) throws Exception {
        CompletableFuture<PlcLink> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                int fd = PowerlineLifecycleTest.LibC.INSTANCE.open("/var/run/netns/" + NS, 0);
                PowerlineLifecycleTest.LibC.INSTANCE.setns(fd, 0x40000000); // CLONE_NEWNET
                PowerlineLifecycleTest.LibC.INSTANCE.close(fd);
                f.complete(RawEthernetLink.open(iface, RawEthernetLink.ETH_P_HOMEPLUG));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "slac-link-netns");
        t.start();
        return f.get(30, TimeUnit.SECONDS);
    }

    private static SeccService charger(Path dir, String name, String fallback, String iface) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("policy.conf"), BenchPack.policy(0, 1));
        SeccConfig cfg = SeccConfig.parse(BenchPack.HAL + "network.iface = " + iface + "\npolicy.file = policy.conf\n"
                + "connector.matching_timeout_s = 20\nconnector.hlc_fallback = " + fallback + "\nctl.socket = " + d.resolve("secc.sock") + "\n", d);
        return new SeccService(cfg, new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0), Optional.empty(),
                Optional.empty(), true, Optional.of(linkInNamespace(iface))));
    }

    private static String ctlStatus(Path sock) {
        StringWriter out = new StringWriter();
        var cl = SeccMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int rc = cl.execute("ctl", "--socket", sock.toString(), "status");
        return rc + " " + out;
    }

    @Test
    void afterTheRetriesBasicChargingOrTheErrorStateWithItsReason(@TempDir Path dir) throws Exception {
        assumeTrue(ready);
        try (SeccService basic = charger(dir, "basic", "basic_charging", IF[0]);
                SeccService error = charger(dir, "error", "error", IF[2])) {
            SimBench bb = basic.chargePoint().hal().bench().orElseThrow();
            SimBench eb = error.chargePoint().hal().bench().orElseThrow();
            for (SimBench b : List.of(bb, eb)) {
                b.controlPilot().setEv(EvSide.UNPLUGGED);
            }
            await(() -> basic.connector().status().state().equals("Idle") && error.connector().status().state().equals("Idle"), 10, "Idle");
            for (SimBench b : List.of(bb, eb)) {
                b.controlPilot().setEv(EvSide.C);
            }
            await(() -> basic.connector().status().state().equals("Matching"), 10, "Matching");
            assertEquals(new PilotOutput.Pwm(5), bb.controlPilot().output(), "5 % while SLAC listens");
            // two retries through E/F, then the fallback
            await(() -> basic.connector().status().state().equals("SteppingEF"), 40, "the first retry through E/F");
            await(() -> basic.connector().status().state().equals("BasicCharging"), 120,
                    "basic charging after the retries (is " + basic.connector().status() + ")");
            await(() -> error.connector().status().state().equals("Error"), 30, "the error state (is " + error.connector().status() + ")");
            assertEquals(0, basic.connector().matches());

            // basic charging: the nominal duty cycle for 16 A (16 / 0.6 = 26.7 %) once the F step is over,
            // and the contactors close for the EV in C
            await(() -> bb.controlPilot().output() instanceof PilotOutput.Pwm p && Math.abs(p.dutyPercent() - 16 / 0.6) < 0.01, 10,
                    "nominal duty cycle for 16 A (is " + bb.controlPilot().output() + ")");
            await(() -> bb.contactors().state().commandedClosed(), 10, "contactors closed in basic charging, EV in C");
            String st = ctlStatus(dir.resolve("basic").resolve("secc.sock"));
            assertTrue(st.startsWith("0 ") && st.contains("\"state\":\"BasicCharging\"")
                    && st.contains("after 2 retries; IEC 61851-1 basic charging at 16 A"), st);

            // the error state: X1, the contactors stay open, the reason is shown
            assertEquals(new PilotOutput.X1(), eb.controlPilot().output());
            assertFalse(eb.contactors().state().commandedClosed());
            String es = ctlStatus(dir.resolve("error").resolve("secc.sock"));
            assertTrue(es.startsWith("0 ") && es.contains("\"state\":\"Error\"")
                    && es.contains("after 2 retries; no high-level communication, basic charging not allowed"), es);

            // the EV stops charging (B): the contactors open; unplug: Idle, the next car starts over
            bb.controlPilot().setEv(EvSide.B);
            await(() -> !bb.contactors().state().commandedClosed(), 10, "contactors open when the EV leaves C");
            bb.controlPilot().setEv(EvSide.UNPLUGGED);
            eb.controlPilot().setEv(EvSide.UNPLUGGED);
            await(() -> basic.connector().status().state().equals("Idle") && error.connector().status().state().equals("Idle"), 10,
                    "Idle after unplug");
            assertEquals(new PilotOutput.X1(), bb.controlPilot().output());
        }
    }

    private static void await(BooleanSupplier c, int seconds, String what) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("timed out: " + what);
            }
            Thread.sleep(20);
        }
    }
}
