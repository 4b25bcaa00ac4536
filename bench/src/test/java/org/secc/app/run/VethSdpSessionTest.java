package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.*;
import static org.secc.testsupport.Prerequisites.require;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * `secc run` and the EV emulator as two processes in two network namespaces joined by a veth pair: SDP
 * over IPv6 link-local multicast, then the -20 session over TCP or TLS to the announced link-local address,
 * and DIN 70121 and ISO 15118-2 sessions over TCP.
 * Root only (CI runs as root); skipped with a message elsewhere.
 */
class VethSdpSessionTest {
    private static VethPair veth;

    @BeforeAll
    static void namespaces() throws Exception {
        veth = VethPair.create("vs", "the veth/network-namespace session test");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (veth != null) {
            veth.close();
        }
    }

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(booleans = {false, true})
    void sdpOnLinkLocalThenAWholeSession(boolean tls, @TempDir Path dir) throws Exception {
        require(veth != null, "the network namespaces could not be set up (see the error above)");
        Path cfg = dir.resolve("secc.conf");
        String pki = org.secc.app.pki.TestPkiSupport.pki().dir().toAbsolutePath().toString();
        Files.writeString(cfg, SteppedBench.HAL + "ctl.socket = " + dir.resolve("secc.sock") + "\ntls.pki_dir = " + pki + "\n");
        Path seccLog = dir.resolve("secc.log");
        Process secc = veth.evse("org.secc.app.cli.SeccMain", List.of("run", "--config", cfg.toString(), "--iface", veth.evseIf, "--hal", "sim",
                "--no-slac", tls ? "--tls" : "--no-tls"), seccLog);
        try {
            VethPair.waitFor(seccLog, tls ? "SECC up: V2G TLS" : "SECC up: V2G TCP", VethPair.START_S);
            Path evLog = dir.resolve("ev.log");
            List<String> evArgs = new java.util.ArrayList<>(List.of("run", "--iface", veth.pevIf, "--scenario", "stop-by-ev", "--service", "DC",
                    "--mode", "scheduled"));
            if (tls) {
                evArgs.add("--tls"); // asks for TLS in SDP; the SECC answers with its TLS port
                evArgs.addAll(List.of("--tls-cert", pki + "/vehicle.p12")); // the SECC requires the EV's certificate
            }
            Process ev = veth.pev("org.secc.ev.cli.EvMain", evArgs, evLog);
            assertTrue(ev.waitFor(60, TimeUnit.SECONDS), "EV finished");
            String evOut = Files.readString(evLog);
            assertEquals(0, ev.exitValue(), evOut + "\n--- SECC ---\n" + Files.readString(seccLog));
            String log = Files.readString(seccLog);
            assertTrue(log.contains("SessionStopReq -> SessionStopRes OK"), log);
            assertTrue(log.contains("DC_ChargeLoopReq -> DC_ChargeLoopRes OK"), log);
            if (tls) {
                assertTrue(log.contains("TLSv1.3"), "the session ran over TLS 1.3: " + log);
            }
        } finally {
            secc.destroy(); // SIGTERM: the shutdown hook stops the service and opens the contactors
            assertTrue(secc.waitFor(20, TimeUnit.SECONDS));
        }
        assertTrue(Files.readString(seccLog).contains("secc: stopped; power off, contactors open"), Files.readString(seccLog));
    }

    /**
     * DIN 70121 (DC) and ISO 15118-2 (DC and AC) without TLS, and -2 DC over TLS 1.2 with each suite of
     * [V2G2-602] (the EV offering only the ECDHE one, or only the static-ECDH one), over the same veth
     * pair: the EV finds the charger by SDP (asking for TLS or not), SupportedAppProtocol picks its
     * protocol, the session charges and stops (README-din-iso2.md).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"din DC", "iso2 DC", "iso2 AC", "iso2 DC tls", "iso2 DC tls-ecdh"})
    void dinAndIso2OverSdpWithoutTls(String what, @TempDir Path dir) throws Exception {
        require(veth != null, "the network namespaces could not be set up (see the error above)");
        String protocol = what.split(" ")[0];
        String service = what.split(" ")[1];
        boolean tls = what.contains(" tls");
        boolean staticEcdh = what.endsWith(" tls-ecdh");
        Path cfg = dir.resolve("secc.conf");
        String pki = "";
        if (tls) {
            // the -20 chain and, in iso2/, the -2 chain (secp256r1): TLS 1.2 for the -2 EV
            Path p = dir.resolve("pki");
            new org.secc.testpki.PkiGenerator().generate(p, org.secc.testpki.PkiGenerator.DEFAULT_PASSWORD.toCharArray());
            new org.secc.testpki.PkiGenerator(java.time.Instant.now(), org.secc.testpki.PkiGenerator.DEFAULT_SECC_CN,
                    org.secc.testpki.PkiGenerator.DEFAULT_VEHICLE_CN, org.secc.testpki.PkiGenerator.KeyType.EC_P256)
                    .generate(p.resolve("iso2"), org.secc.testpki.PkiGenerator.DEFAULT_PASSWORD.toCharArray());
            pki = "tls.pki_dir = " + p.toAbsolutePath() + "\n";
        }
        Files.writeString(cfg, SteppedBench.HAL + "ctl.socket = " + dir.resolve("secc.sock") + "\n" + pki);
        Path seccLog = dir.resolve("secc.log");
        Process secc = veth.evse("org.secc.app.cli.SeccMain", List.of("run", "--config", cfg.toString(), "--iface", veth.evseIf, "--hal", "sim",
                "--no-slac", tls ? "--tls" : "--no-tls"), seccLog);
        try {
            VethPair.waitFor(seccLog, tls ? "SECC up: V2G TLS" : "SECC up: V2G TCP", VethPair.START_S);
            Path evLog = dir.resolve("ev.log");
            // the shared test host can stall a JVM past the EV's 0.25 s CurrentDemand deadline: 2 s here
            List<String> evArgs = new ArrayList<>(List.of("run", "--iface", veth.pevIf, "--protocol", protocol, "--service", service,
                    "--scenario", "stop-by-ev", "--loop-timeout-ms", "2000"));
            if (tls) {
                evArgs.add("--tls"); // asks for TLS in SDP; the -2 EV then speaks TLS 1.2
                if (staticEcdh) {
                    evArgs.addAll(List.of("--tls-suite", "ecdh")); // offers only TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256
                }
            }
            Process ev = veth.pev("org.secc.ev.cli.EvMain", evArgs, evLog);
            assertTrue(ev.waitFor(60, TimeUnit.SECONDS), "EV finished");
            String evOut = Files.readString(evLog);
            assertEquals(0, ev.exitValue(), evOut + "\n--- SECC ---\n" + Files.readString(seccLog));
            String log = Files.readString(seccLog);
            assertTrue(log.contains("supportedAppProtocolReq -> OK_SuccessfulNegotiation " + (protocol.equals("din")
                    ? "urn:din:70121:2012:MsgDef" : "urn:iso:15118:2:2013:MsgDef")), log);
            assertTrue(log.contains(service.equals("AC") ? "ChargingStatusReq -> ChargingStatusRes OK" : "CurrentDemandReq -> CurrentDemandRes OK"),
                    log);
            assertTrue(log.contains("SessionStopReq -> SessionStopRes OK"), log);
            if (tls) {
                String suite = staticEcdh ? "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256" : "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
                assertTrue(log.contains("TLSv1.2 " + suite), "the -2 session ran over TLS 1.2 with " + suite + ": " + log);
            }
        } finally {
            secc.destroy(); // SIGTERM: the shutdown hook stops the service and opens the contactors
            assertTrue(secc.waitFor(20, TimeUnit.SECONDS));
        }
        assertTrue(Files.readString(seccLog).contains("secc: stopped; power off, contactors open"), Files.readString(seccLog));
    }
}
