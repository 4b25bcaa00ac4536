package org.secc.app.conformance;

import static org.junit.jupiter.api.Assertions.*;
import static org.secc.testsupport.Prerequisites.require;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.run.VethPair;
import org.secc.bench.BenchPack;

/**
 * {@code conformance --iface IF} as the README shows it: {@code secc run} and the suite as two processes
 * in two network namespaces joined by a veth pair; the suite finds the charger by SDP (IPv6 link-local
 * multicast, ff02::1 UDP 15118), connects to the announced link-local address and runs a selection of
 * cases. Root only (CI runs as root); skipped with a message elsewhere, failed when {@code CI} is set.
 */
class ConformanceOverVethTest {
    private static VethPair veth;

    @BeforeAll
    static void namespaces() throws Exception {
        veth = VethPair.create("conf", "the veth/network-namespace conformance test");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (veth != null) {
            veth.close();
        }
    }

    @Test
    void theSuiteFindsTheChargerBySdpOnTheInterface(@TempDir Path dir) throws Exception {
        require(veth != null, "the network namespaces could not be set up (see the error above)");
        Path cfg = dir.resolve("secc.conf");
        Files.writeString(cfg, BenchPack.HAL + "ctl.socket = " + dir.resolve("secc.sock") + "\n"
                + "session.sequence_timeout_ms = 2000\nsession.loop_sequence_timeout_ms = 500\n");
        Path seccLog = dir.resolve("secc.log");
        Process secc = veth.evse("org.secc.app.cli.SeccMain", List.of("run", "--config", cfg.toString(), "--iface", veth.evseIf, "--hal", "sim",
                "--no-slac", "--no-tls"), seccLog);
        try {
            VethPair.waitFor(seccLog, "SECC up: V2G TCP", VethPair.START_S);
            for (String protocol : List.of("iso20", "din", "iso2")) {
                Path report = dir.resolve("report-" + protocol);
                Path evLog = dir.resolve("conformance-" + protocol + ".log");
                Process ev = veth.pev("org.secc.ev.cli.EvMain", List.of("conformance", "--iface", veth.pevIf, "--protocol", protocol,
                        "--cases", protocol.equals("iso20") ? "SAP-01,SES-*,SVC-01" : "SAP-01,SES-01,DC-01", "--seed", "5",
                        "--sequence-timeout-ms", "2000", "--loop-sequence-timeout-ms", "500", "--timing-scale", "10",
                        "--report", report.toString()), evLog);
                assertTrue(ev.waitFor(120, TimeUnit.SECONDS), "the suite finished");
                String out = Files.readString(evLog);
                assertEquals(0, ev.exitValue(), out + "\n--- SECC ---\n" + Files.readString(seccLog));
                // the target is a link-local address SDP announced (the charger's interface has two), scoped to the interface
                assertTrue(out.matches("(?s).*against \\[fe80:[0-9a-f:]+%" + veth.pevIf + "\\]:\\d+ TCP.*"), out);
                assertTrue(out.contains("PASSED"), out);
                assertTrue(Files.readString(report.resolve("report.html")).contains("fe80"), "the report names the charger's address");
            }
        } finally {
            secc.destroy(); // SIGTERM: the shutdown hook stops the service and opens the contactors
            assertTrue(secc.waitFor(20, TimeUnit.SECONDS));
        }
    }
}
