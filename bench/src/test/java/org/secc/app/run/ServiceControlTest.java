package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.cli.SeccMain;

/** `secc ctl` against the running service over its Unix socket: status, commands, reload, clear-trip. */
class ServiceControlTest {

    private static String ctl(Path sock, String... words) {
        StringWriter out = new StringWriter();
        var cl = SeccMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        String[] args = new String[words.length + 3];
        args[0] = "ctl";
        args[1] = "--socket";
        args[2] = sock.toString();
        System.arraycopy(words, 0, args, 3, words.length);
        int rc = cl.execute(args);
        return rc + " " + out;
    }

    @Test
    void statusCommandsReloadAndClearTripOverTheSocket(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.conf");
        Files.writeString(policy, SteppedBench.POLICY);
        Path sock = dir.resolve("secc.sock");
        SeccConfig cfg = SeccConfig.parse(SteppedBench.HAL + "network.slac = false\npolicy.file = policy.conf\nctl.socket = " + sock + "\n", dir);
        try (SeccService svc = new SeccService(cfg, new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0),
                Optional.empty(), Optional.empty(), true))) {
            String status = ctl(sock, "status");
            assertTrue(status.startsWith("0 {\"ok\":true,\"status\":{\"session_state\":\"idle\""), status);
            assertTrue(status.contains("\"grid\":{\"state\":"), status);

            String price = ctl(sock, "price", "--id", "p-1", "0.42");
            assertTrue(price.startsWith("0 "), price);
            assertTrue(price.contains("\"duplicate\":false"), price);
            String again = ctl(sock, "price", "--id", "p-1", "0.99");
            assertTrue(again.contains("\"duplicate\":true"), "an id applies once: " + again);

            assertTrue(ctl(sock, "emergency-stop").startsWith("0 "));
            assertTrue(ctl(sock, "reset-emergency-stop").startsWith("0 "));
            assertTrue(ctl(sock, "heartbeat").startsWith("0 "));

            String ok = ctl(sock, "reload");
            assertTrue(ok.startsWith("0 ") && ok.contains("loaded"), ok);
            Files.writeString(policy, SteppedBench.POLICY + "soc_reserve_pct = 500\n");
            String bad = ctl(sock, "reload");
            assertTrue(bad.startsWith("1 ") && bad.contains("soc_reserve_pct") && bad.contains("old policy stays"), bad);

            svc.chargePoint().hal().bench().orElseThrow().contactors().injectStuckOpen(true);
            String clear = ctl(sock, "clear-trip");
            assertTrue(clear.startsWith("0 ") && clear.contains("grid"), clear);
        }
        assertFalse(Files.exists(sock), "the socket is removed at shutdown");
    }

    @Test
    void limitsAndDispatchShowInStatusWithSourceReasonAndFailSafe(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.conf");
        Files.writeString(policy, SteppedBench.POLICY.replace("site_heartbeat_timeout_s = 0", "site_heartbeat_timeout_s = 30"));
        Path sock = dir.resolve("secc.sock");
        SeccConfig cfg = SeccConfig.parse(SteppedBench.HAL + "network.slac = false\npolicy.file = policy.conf\nctl.socket = " + sock + "\n", dir);
        try (SeccService svc = new SeccService(cfg, new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0),
                Optional.empty(), Optional.empty(), true))) {
            String lim = ctl(sock, "limits", "--id", "l-1", "6000", "none", "600");
            assertTrue(lim.startsWith("0 ") && lim.contains("import <= 6000 W"), lim);
            assertTrue(ctl(sock, "dispatch", "--id", "d-1", "-3000", "600").startsWith("0 "));
            String noId = ctl(sock, "dispatch", "-3000", "600");
            assertTrue(noId.startsWith("0 ") && noId.contains("setpoint -3000 W"), noId);
            String status = ctl(sock, "status");
            assertTrue(status.contains("\"limits\":[{\"source\":\"ctl\",\"id\":\"l-1\",\"kind\":\"limits\",\"import_limit_w\":6000.0,"
                    + "\"export_limit_w\":null,\"setpoint_w\":null,\"reason\":\"operator\",\"remaining_s\":"), status);
            assertTrue(status.matches("(?s).*\\{\"source\":\"ctl\",\"id\":\"cli-[0-9a-f-]+\",\"kind\":\"setpoint\",\"import_limit_w\":null,"
                    + "\"export_limit_w\":null,\"setpoint_w\":-3000.0,.*"), "the second setpoint replaced d-1: " + status);
            assertTrue(status.contains("\"failsafe\":{\"active\":false,\"reasons\":[]}"), status);
            String bad = ctl(sock, "limits", "l-2", "none", "none", "60");
            assertTrue(bad.startsWith("1 ") && bad.contains("limits need an import or an export limit"), bad);
            assertTrue(ctl(sock, "clear-limits").startsWith("0 "));
            assertTrue(ctl(sock, "status").contains("\"limits\":[]"));
            long t = svc.chargePoint().hal().bench().orElseThrow().nanos();
            svc.chargePoint().policy().link(org.secc.app.policy.CommandSource.MQTT, false, t - 31_000_000_000L); // down past the 30 s timeout
            String fs = ctl(sock, "status");
            assertTrue(fs.contains("\"failsafe\":{\"active\":true,\"reasons\":[\"mqtt connection lost"), fs);
            assertTrue(fs.contains("\"links_down\":[\"mqtt\"]"), fs);
        }
    }

    @Test
    void authorizeAndDenyDecideEimWhenAutoAuthorizeIsOff(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("secc.sock");
        SeccConfig cfg = SeccConfig.parse(SteppedBench.HAL + "network.slac = false\ncharge.auto_authorize = false\nctl.socket = " + sock + "\n", dir);
        try (SeccService svc = new SeccService(cfg, new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0),
                Optional.empty(), Optional.empty(), true))) {
            var charge = svc.chargePoint().charge();
            assertEquals(org.secc.app.charge.ChargeControl.EimDecision.PENDING, charge.eimAuthorization());
            assertTrue(ctl(sock, "deny").startsWith("0 "));
            assertEquals(org.secc.app.charge.ChargeControl.EimDecision.REJECTED, charge.eimAuthorization());
            String ok = ctl(sock, "authorize");
            assertTrue(ok.startsWith("0 ") && ok.contains("EV authorized"), ok);
            assertEquals(org.secc.app.charge.ChargeControl.EimDecision.ACCEPTED, charge.eimAuthorization());
            charge.powerOffAndOpenContactors("session end");
            assertEquals(org.secc.app.charge.ChargeControl.EimDecision.PENDING, charge.eimAuthorization(), "one decision, one session");
        }
    }

    /** The soak's plug-in between sessions: `secc ctl sim-pilot A`, then `B` and `C`, is a new car at the configured SOC. */
    @Test
    void simPilotUnplugAndPlugInIsANewCar(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("secc.sock");
        SeccConfig cfg = SeccConfig.parse(SteppedBench.HAL + "network.slac = false\nctl.socket = " + sock + "\n", dir);
        try (SeccService svc = new SeccService(cfg, new SeccService.Placement(new InetSocketAddress(InetAddress.getByName("::1"), 0),
                Optional.empty(), Optional.empty(), true))) {
            var battery = svc.chargePoint().hal().bench().orElseThrow().battery();
            int plugIns = awaitConnector(svc, "LinkUp", -1);
            battery.newCar(0.95); // the last car's energy: a full pack behind the contactors
            String a = ctl(sock, "sim-pilot", "A");
            assertTrue(a.startsWith("0 ") && a.contains("state A"), a);
            awaitConnector(svc, "Idle", -1);
            assertEquals(0.95, battery.soc(), 1e-9, "unplugging alone changes no battery");
            assertTrue(ctl(sock, "sim-pilot", "B").startsWith("0 "));
            assertEquals(plugIns + 1, awaitConnector(svc, "LinkUp", plugIns + 1), "one more plug-in");
            assertTrue(ctl(sock, "sim-pilot", "C").startsWith("0 "));
            assertEquals(0.5, battery.soc(), 1e-9, "a new car at sim.battery_initial_soc");
            String bad = ctl(sock, "sim-pilot", "E");
            assertTrue(bad.startsWith("2 ") && bad.contains("not one of A, B, C, D"), bad);
        }
    }

    /** Waits (bounded) until connector 1 is in {@code state} with at least {@code plugIns} plug-ins; returns its plug-ins. */
    private static int awaitConnector(SeccService svc, String state, int plugIns) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        var s = svc.connector().status();
        while (!(s.state().equals(state) && s.plugIns() >= plugIns)) {
            if (System.nanoTime() > end) {
                fail("connector 1 not in " + state + " with " + plugIns + " plug-ins within 10 s: " + s);
            }
            Thread.sleep(10);
            s = svc.connector().status();
        }
        return s.plugIns();
    }
}
