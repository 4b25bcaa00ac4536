package org.secc.app.run;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.secc.ev.link.EdgeClock;
import org.secc.ev.link.V2gClientConnector;
import org.secc.ev.scenario.Scenario;
import org.secc.ev.scenario.ScenarioResult;
import org.secc.ev.scenario.ScenarioRunner;
import org.secc.ev.scenario.Scenarios;
import org.secc.transport.sdp.SdpClient;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.EvConfig;
import org.secc.ev.session.Service;
import org.secc.transport.v2gtp.SdpResponse;
import org.secc.transport.v2gtp.SdpSecurity;
import org.secc.slac.MacAddress;
import org.secc.slac.link.RawEthernetLink;
import org.secc.slac.pev.PevSlacConfig;
import org.secc.slac.run.SlacTool;

/**
 * The car side of the powerline acceptance test, one process for every cycle (it runs in the car's
 * network namespace): for each line "plug" on stdin it runs PEV SLAC on the interface, SDP on
 * link-local multicast and one -20 session of the scenario, and prints "matched ..." and then
 * "PASS ..." or "FAIL ...". Usage: {@code EvCycler IFACE SCENARIO SERVICE}.
 */
public final class EvCycler {
    public static void main(String[] args) throws Exception {
        String iface = args[0];
        Scenario sc = Scenarios.get(args[1]);
        Service service = Service.valueOf(args[2]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (RawEthernetLink link = RawEthernetLink.open(iface, RawEthernetLink.ETH_P_HOMEPLUG)) {
            java.net.NetworkInterface ni = java.net.NetworkInterface.getByName(iface);
            String line;
            while ((line = in.readLine()) != null && line.equals("plug")) {
                SlacTool.Outcome o = SlacTool.runPev(link, MacAddress.QCA_LOCAL, PevSlacConfig.defaults(), 30_000_000_000L);
                System.out.println(o.line("evse"));
                if (!o.matched()) {
                    System.out.println("FAIL slac: " + o.failure());
                    continue;
                }
                SdpResponse r = SdpClient.discover(SdpClient.Config.multicast(ni, SdpSecurity.NO_TLS)).map(SdpClient.Result::response).orElse(null);
                if (r == null) {
                    System.out.println("FAIL no SDP answer over the powerline");
                    continue;
                }
                String addr = r.address().getHostAddress();
                if (r.address().isLinkLocalAddress() && !addr.contains("%")) {
                    addr = addr + "%" + iface;
                }
                System.out.println("sdp " + addr + " port " + r.port());
                ScenarioResult res = new ScenarioRunner(V2gClientConnector.tcp(addr, r.port()), EdgeClock.SYSTEM, s -> { })
                        .run(sc, EvConfig.defaults(service, ControlMode.DYNAMIC));
                System.out.println((res.passed() ? "PASS " : "FAIL ") + res.summary().replace('\n', ' '));
            }
        }
    }
}
