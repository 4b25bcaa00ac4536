package org.secc.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.ocpp.security.CertificateStore;
import org.secc.ocpp.security.StationTls;
import org.secc.common.json.JsonNode;
import org.secc.common.json.ObjectNode;

/** A02: the CSMS has the station certificate and the -20 SECC certificate signed; the station reconnects with the new one. */
class CertificateSigningTest {
    static final Duration T = Duration.ofSeconds(20);
    @TempDir Path dir;

    @Test
    void station_and_v2g20_certificates_signed_through_the_csms_and_reconnect_with_the_new_one() throws Exception {
        TestCertificates.Issued ca = TestCertificates.ca("Test CSMS Root");
        TestCertificates.Issued server = TestCertificates.valid(ca, "CN=localhost,O=Test CSO", true);
        TestCertificates.Issued station = TestCertificates.valid(ca, "CN=CS001,O=Test CSO", false);
        Path caPem = dir.resolve("ca.pem"), srvPem = dir.resolve("srv.pem"), srvKey = dir.resolve("srv.key"), stPem = dir.resolve("st.pem"), stKey = dir.resolve("st.key");
        ca.write(caPem, null);
        server.write(srvPem, srvKey);
        station.write(stPem, stKey);
        OcppSettings s = new OcppSettings(URI.create("wss://127.0.0.1:1/ocpp"), "CS001", 3, null, dir.resolve("data"), 10_000,
                Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(600), 65_536, "Test CSO", "SECC-BPT", "CS001", "0.1.0", 1, 1, 1, 2);
        try (CsmsProcess csms = new CsmsProcess("--tls-key", srvKey.toString(), "--tls-cert", srvPem.toString(), "--tls-ca", caPem.toString(), "--mtls")) {
            OcppSettings real = new OcppSettings(URI.create("wss://127.0.0.1:" + csms.port + "/ocpp"), s.identity(), 3, null, s.dataDir(), 10_000,
                    s.offlineFailsafe(), s.callTimeout(), s.txUpdatedInterval(), s.maxFrameBytes(), s.vendorName(), s.model(), s.serialNumber(), s.firmwareVersion(), 1, 1, 1, 2);
            CertificateStore store = new CertificateStore(real.dataDir().resolve("certs"), real.serialNumber(), real.vendorName());
            try (OcppClient client = new OcppClient(real, new BenchCharger(), Clock.systemUTC(), StationTls.supplier(caPem, stPem, stKey, store))) {
                client.start();
                String firstSerial = csms.await(e -> "clientCertificate".equals(e.path("event").asString()), T).path("serial").asString();
                csms.awaitCall("StatusNotification", 0, T);

                csms.call("TriggerMessage", JsonNode.parse("{\"requestedMessage\":\"SignChargingStationCertificate\"}"));
                assertEquals("Accepted", csms.awaitAnswer("TriggerMessage", 0, T).path("result").path("status").asString());
                JsonNode sign = csms.awaitCall("SignCertificate", 0, T).path("payload");
                assertEquals("ChargingStationCertificate", sign.path("certificateType").asString());
                JcaPKCS10CertificationRequest csr = csr(sign.path("csr").asString());
                assertEquals("CN=CS001,O=Test CSO", csr.getSubject().toString(), "CN = serial number, O = operator (A00.FR.404/405)");
                var signed = TestCertificates.sign(ca, csr.getSubject(), csr.getPublicKey(), false, Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(365)));
                ObjectNode cs = JsonNode.object();
                cs.put("certificateChain", StationTls.pem("CERTIFICATE", signed.getEncoded()));
                cs.put("certificateType", "ChargingStationCertificate");
                cs.put("requestId", sign.path("requestId").asInt());
                csms.call("CertificateSigned", cs);
                JsonNode signedAnswer = csms.awaitAnswer("CertificateSigned", 0, T);
                assertEquals("Accepted", signedAnswer.path("result").path("status").asString(), signedAnswer.toString());
                // A02.FR.10: reconnect with the new certificate.
                JsonNode second = csms.await(e -> "clientCertificate".equals(e.path("event").asString())
                        && !firstSerial.equals(e.path("serial").asString()), T);
                assertEquals(signed.getSerialNumber().toString(16).toUpperCase(), second.path("serial").asString().toUpperCase().replaceFirst("^0+", ""));
                // The test CSMS sends a CALL to every connection it holds: wait until the old one is gone and the
                // new one is in (the certificate is seen at the handshake, before either), else the old
                // connection's closing answers the next CALL with an error.
                csms.awaitEvent("disconnected", 0, T);
                csms.awaitEvent("connected", 1, T);
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.keyFile(CertificateStore.Kind.ChargingStationCertificate))));

                // The ISO 15118-20 SECC certificate: secp521r1 (2.1 trigger SignV2G20Certificate).
                csms.call("TriggerMessage", JsonNode.parse("{\"requestedMessage\":\"SignV2G20Certificate\"}"));
                assertEquals("Accepted", csms.awaitAnswer("TriggerMessage", 1, T).path("result").path("status").asString());
                JsonNode sign2 = csms.awaitCall("SignCertificate", 1, T).path("payload");
                assertEquals("V2G20Certificate", sign2.path("certificateType").asString());
                JcaPKCS10CertificationRequest csr2 = csr(sign2.path("csr").asString());
                assertEquals(521, ((ECPublicKey) csr2.getPublicKey()).getParams().getCurve().getField().getFieldSize());
                assertNotEquals(sign.path("requestId").asInt(), sign2.path("requestId").asInt());
                // A chain for another key is refused.
                ObjectNode wrong = JsonNode.object();
                wrong.put("certificateChain", StationTls.pem("CERTIFICATE", station.cert().getEncoded()));
                wrong.put("certificateType", "V2G20Certificate");
                csms.call("CertificateSigned", wrong);
                assertEquals("Rejected", csms.awaitAnswer("CertificateSigned", 1, T).path("result").path("status").asString());
            }
        }
    }

    private static JcaPKCS10CertificationRequest csr(String pem) throws Exception {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            return new JcaPKCS10CertificationRequest((PKCS10CertificationRequest) p.readObject());
        }
    }
}
