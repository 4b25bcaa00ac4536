package org.secc.slac.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.secc.testsupport.Prerequisites.require;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.secc.slac.link.RawEthernetLink;
import org.secc.slac.sim.PlcSimulator;

/**
 * Our EVSE and our PEV, each in its own network namespace on real raw sockets, with the powerline
 * simulator in between on the other ends of two veth pairs; afterwards IPv6 link-local traffic
 * crosses the simulated powerline, and before the match it does not. Root only (CI is root).
 */
class VethSlacTest {
    private static final String ID = Long.toHexString(System.nanoTime() & 0xFFFFF);
    private static final String NS_E = "secc-e-" + ID;
    private static final String NS_P = "secc-p-" + ID;
    private static final String SIM_E = "se" + ID;
    private static final String SIM_P = "sp" + ID;
    private static final String EVSE_IF = "ee" + ID;
    private static final String PEV_IF = "pe" + ID;
    private static boolean ready;

    @BeforeAll
    static void namespaces() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        require(root, "skipped: the veth/network-namespace SLAC test needs root (CI runs it as root)");
        require(run("ip", "netns", "list").code == 0, "skipped: `ip netns` is not available (install iproute2)");
        require(run("ping", "-V").code == 0, "skipped: ping is not installed (iputils-ping)");
        sh("ip", "netns", "add", NS_E);
        sh("ip", "netns", "add", NS_P);
        sh("ip", "link", "add", SIM_E, "type", "veth", "peer", "name", EVSE_IF);
        sh("ip", "link", "add", SIM_P, "type", "veth", "peer", "name", PEV_IF);
        sh("ip", "link", "set", EVSE_IF, "netns", NS_E);
        sh("ip", "link", "set", PEV_IF, "netns", NS_P);
        for (String sim : List.of(SIM_E, SIM_P)) {
            run("sysctl", "-q", "-w", "net.ipv6.conf." + sim + ".disable_ipv6=1"); // the simulator's ends carry no traffic of their own
            sh("ip", "link", "set", sim, "up");
        }
        sh("ip", "-n", NS_E, "link", "set", "lo", "up");
        sh("ip", "-n", NS_P, "link", "set", "lo", "up");
        sh("ip", "-n", NS_E, "addr", "add", "fe80::e/64", "dev", EVSE_IF, "nodad");
        sh("ip", "-n", NS_P, "addr", "add", "fe80::a/64", "dev", PEV_IF, "nodad");
        sh("ip", "-n", NS_E, "link", "set", EVSE_IF, "up");
        sh("ip", "-n", NS_P, "link", "set", PEV_IF, "up");
        ready = true;
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        run("ip", "link", "del", SIM_E);
        run("ip", "link", "del", SIM_P);
        run("ip", "netns", "del", NS_E);
        run("ip", "netns", "del", NS_P);
    }

    @Test
    void evseAndPevMatchOverRawSocketsThenIpv6Passes() throws Exception {
        require(ready, "the network namespaces could not be set up (see the error above)");
        try (SimulatorBridge bridge = new SimulatorBridge(new PlcSimulator(PlcSimulator.Config.defaults()),
                RawEthernetLink.open(SIM_E, RawEthernetLink.ETH_P_ALL), RawEthernetLink.open(SIM_P, RawEthernetLink.ETH_P_ALL)).start()) {
            assertNotEquals(0, ping().code, "no IPv6 across the powerline before the match");

            Process evse = java(NS_E, "evse", EVSE_IF);
            Process pev = java(NS_P, "pev", PEV_IF);
            assertTrue(pev.waitFor(40, TimeUnit.SECONDS), "PEV side finished");
            assertTrue(evse.waitFor(40, TimeUnit.SECONDS), "EVSE side finished");
            String evseOut = new String(evse.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String pevOut = new String(pev.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String evseErr = new String(evse.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, evse.exitValue(), evseOut + evseErr);
            assertEquals(0, pev.exitValue(), pevOut);
            String evseMac = mac(NS_E, EVSE_IF);
            String pevMac = mac(NS_P, PEV_IF);
            assertTrue(evseOut.startsWith("matched pev=" + pevMac + " nmk="), evseOut);
            assertTrue(pevOut.startsWith("matched evse=" + evseMac + " nmk="), pevOut);
            assertEquals(evseOut.substring(evseOut.indexOf("nmk=")), pevOut.substring(pevOut.indexOf("nmk=")), "same NMK and NID");
            assertTrue(bridge.simulator().linked());

            Result p = ping();
            assertEquals(0, p.code, "IPv6 link-local across the powerline after the match: " + p.out);
            assertTrue(bridge.simulator().forwardedIp() > 0);
        }
    }

    private static Result ping() throws Exception {
        return run("ip", "netns", "exec", NS_P, "ping", "-6", "-c", "1", "-W", "2", "-I", PEV_IF, "fe80::e");
    }

    private static String mac(String ns, String iface) throws Exception {
        return run("ip", "netns", "exec", ns, "cat", "/sys/class/net/" + iface + "/address").out.trim().toLowerCase(Locale.ROOT);
    }

    private static Process java(String ns, String side, String iface) throws IOException {
        String javaBin = System.getProperty("java.home") + "/bin/java";
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, javaBin, "-cp", System.getProperty("java.class.path"),
                SlacTool.class.getName(), side, iface, "30"));
        return new ProcessBuilder(cmd).start();
    }

    record Result(int code, String out) {
    }

    private static Result run(String... cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(124, out);
        }
        return new Result(p.exitValue(), out);
    }

    private static void sh(String... cmd) throws Exception {
        Result r = run(cmd);
        if (r.code != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.out);
        }
    }
}
