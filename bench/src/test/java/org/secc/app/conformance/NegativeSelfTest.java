package org.secc.app.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.conformance.MisbehavingCharger.Mutation;
import org.secc.bench.BenchPack;
import org.secc.app.run.SeccConfig;
import org.secc.app.run.SeccService;
import org.secc.ev.conformance.CaseResult;
import org.secc.ev.conformance.ChargerIdentity;
import org.secc.ev.conformance.Settings;
import org.secc.ev.conformance.SuiteRunner;
import org.secc.ev.conformance.Target;
import org.secc.ev.conformance.Verdict;
import org.secc.ev.conformance.WireTap;
import org.secc.ev.conformance.cases.ConformanceCase;
import org.secc.ev.conformance.cases.Iso20Suite;

/**
 * Every case can fail: each runs against a deliberately misbehaving charger (the real one behind a front
 * that breaks one thing: a wrong response code, a late response, a request accepted out of sequence,
 * a connection that never drops or drops too early) and must FAIL with a reason naming what broke.
 * The TLS cases run against a TLS front with a weak profile ({@link WeakTlsFront}).
 */
class NegativeSelfTest {
    static final long LATE = 300; // past each limit, within the suite's grace

    /** The one thing each case's misbehaving charger breaks. */
    static final Map<String, Mutation> MUTATIONS = new LinkedHashMap<>();

    static {
        for (String id : List.of("SAP-01", "SAP-02")) {
            MUTATIONS.put(id, Mutation.code("supportedAppProtocolRes", "OK_SuccessfulNegotiationWithMinorDeviation"));
        }
        for (String id : List.of("SAP-03", "SAP-04", "SAP-05", "SAP-07", "SAP-10")) {
            MUTATIONS.put(id, Mutation.schemaId());
        }
        MUTATIONS.put("SAP-06", Mutation.code("supportedAppProtocolRes", "OK_SuccessfulNegotiation"));
        MUTATIONS.put("SAP-08", Mutation.code("supportedAppProtocolRes", "OK_SuccessfulNegotiation"));
        MUTATIONS.put("SAP-09", Mutation.code("supportedAppProtocolRes", "OK_SuccessfulNegotiation"));
        MUTATIONS.put("SAP-11", Mutation.holdOpen());
        MUTATIONS.put("SES-01", Mutation.code("SessionSetupRes", "OK_OldSessionJoined"));
        MUTATIONS.put("SES-02", Mutation.code("SessionSetupRes", "OK_OldSessionJoined"));
        MUTATIONS.put("SVC-01", Mutation.late("ServiceDiscoveryRes", Settings.MSG_LIMIT_MS + LATE));
        MUTATIONS.put("SVC-02", Mutation.code("ServiceDetailRes", "FAILED"));
        MUTATIONS.put("SVC-03", Mutation.code("ServiceDetailRes", "FAILED_ServiceIDInvalid", "OK"));
        MUTATIONS.put("SVC-04", Mutation.code("ServiceSelectionRes", "FAILED_NoEnergyTransferServiceSelected", "OK"));
        MUTATIONS.put("SVC-05", Mutation.code("ServiceSelectionRes", "FAILED_ServiceSelectionInvalid", "OK"));
        MUTATIONS.put("AUT-01", Mutation.code("AuthorizationSetupRes", "FAILED"));
        MUTATIONS.put("AUT-02", Mutation.late("AuthorizationRes", Settings.MSG_LIMIT_MS + LATE));
        MUTATIONS.put("AUT-03", Mutation.acceptsOutOfSequence());
        MUTATIONS.put("CPD-01", Mutation.code("DC_ChargeParameterDiscoveryRes", "FAILED_WrongChargeParameter"));
        MUTATIONS.put("CPD-02", Mutation.code("DC_ChargeParameterDiscoveryRes", "FAILED_WrongChargeParameter", "OK"));
        MUTATIONS.put("CPD-03", Mutation.late("AC_ChargeParameterDiscoveryRes", Settings.MSG_LIMIT_MS + LATE));
        MUTATIONS.put("SCH-01", Mutation.late("ScheduleExchangeRes", Settings.MSG_LIMIT_MS + LATE));
        MUTATIONS.put("SCH-02", Mutation.code("ScheduleExchangeRes", "FAILED"));
        MUTATIONS.put("SCH-03", Mutation.code("PowerDeliveryRes", "FAILED_ScheduleSelectionInvalid", "OK"));
        MUTATIONS.put("DC-01", Mutation.late("DC_CableCheckRes", Settings.MSG_LIMIT_MS + LATE));
        MUTATIONS.put("DC-02", Mutation.code("DC_PreChargeRes", "FAILED"));
        MUTATIONS.put("DC-03", Mutation.late("DC_ChargeLoopRes", Settings.LOOP_LIMIT_MS + LATE));
        MUTATIONS.put("DC-04", Mutation.code("DC_WeldingDetectionRes", "FAILED"));
        MUTATIONS.put("AC-01", Mutation.late("AC_ChargeLoopRes", Settings.LOOP_LIMIT_MS + LATE));
        MUTATIONS.put("AC-02", Mutation.code("PowerDeliveryRes", "FAILED_ContactorError"));
        MUTATIONS.put("BPT-01", Mutation.code("DC_ChargeLoopRes", "FAILED"));
        MUTATIONS.put("BPT-02", Mutation.late("DC_ChargeLoopRes", Settings.LOOP_LIMIT_MS + LATE));
        MUTATIONS.put("BPT-03", Mutation.code("AC_ChargeLoopRes", "FAILED"));
        MUTATIONS.put("BPT-04", Mutation.late("AC_ChargeLoopRes", Settings.LOOP_LIMIT_MS + LATE));
        MUTATIONS.put("PAU-01", Mutation.code("SessionStopRes", "FAILED_PauseNotAllowed"));
        MUTATIONS.put("PAU-02", Mutation.code("SessionSetupRes", "OK_NewSessionEstablished", "OK_OldSessionJoined"));
        MUTATIONS.put("STP-01", Mutation.closeAfter("SessionStopRes"));
        MUTATIONS.put("STP-02", Mutation.code("SessionStopRes", "FAILED_NoServiceRenegotiationSupported", "OK"));
        MUTATIONS.put("ROB-01", Mutation.code("AuthorizationSetupRes", "FAILED_UnknownSession", "OK"));
        MUTATIONS.put("ROB-02", Mutation.code("DC_ChargeLoopRes", "FAILED_UnknownSession", "OK"));
        for (String id : List.of("ROB-03", "ROB-04", "ROB-05", "ROB-06", "ROB-07", "TIM-01", "TIM-02", "TIM-03")) {
            MUTATIONS.put(id, Mutation.holdOpen());
        }
        MUTATIONS.put("TIM-04", Mutation.late("DC_ChargeLoopRes", Settings.LOOP_LIMIT_MS + LATE));
    }

    /** What each TLS case's reason must name when the charger is the weak TLS front. */
    static final Map<String, String> TLS_EVIDENCE = Map.of("TLS-01", "-20 profile", "TLS-02", "TLS 1.2", "TLS-03", "TLS_AES_128_GCM_SHA256",
            "TLS-04", "x25519", "TLS-05", "CertificateRequest");

    @TempDir
    static Path dir;
    static SeccService secc;
    static InetSocketAddress upstream;
    static Settings settings;
    static ChargerIdentity identity;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("policy.conf"), BenchPack.policy(0, 1));
        secc = ConformanceAgainstSeccTest.startReady(SeccConfig.parse(ConformanceAgainstSeccTest.CONFIG, dir));
        upstream = new InetSocketAddress(InetAddress.getByName("::1"), secc.v2gServer().port());
        settings = new Settings(11, 2000, 500, 1000, Double.parseDouble(ConformanceAgainstSeccTest.packVoltage(secc)), 1);
        identity = new SuiteRunner(new Target(upstream, false), settings, SuiteRunner::monotonicMs, id -> WireTap.NONE, r -> { })
                .identify();
    }

    @AfterAll
    static void stop() {
        secc.close();
    }

    @Test
    void everyCaseHasAMisbehaviourThatMakesItFail() {
        for (ConformanceCase c : Iso20Suite.INSTANCE.cases()) {
            assertTrue(c.id().startsWith("SEQ-") || TLS_EVIDENCE.containsKey(c.id()) || MUTATIONS.containsKey(c.id()),
                    c.id() + " has no negative self-test: a case that cannot fail is a defect");
        }
    }

    @TestFactory
    Stream<DynamicTest> eachCaseFailsAgainstAMisbehavingCharger() {
        return Iso20Suite.INSTANCE.cases().stream().filter(c -> !c.id().startsWith("TLS-")).map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            Mutation m = c.id().startsWith("SEQ-") ? Mutation.acceptsOutOfSequence() : MUTATIONS.get(c.id());
            assertNotNull(m, c.id());
            try (MisbehavingCharger bad = new MisbehavingCharger(upstream, m)) {
                Target t = new Target(new InetSocketAddress(InetAddress.getByName("::1"), bad.port()), false);
                CaseResult r = new SuiteRunner(t, settings, SuiteRunner::monotonicMs, id -> WireTap.NONE, x -> { }).runCase(c, identity);
                assertEquals(Verdict.FAIL, r.verdict(), c.id() + " against " + m + ": " + r.reason());
                assertTrue(r.reason().contains(m.evidence()), c.id() + ": the reason should name " + m.evidence() + ": " + r.reason());
            }
        }));
    }


    @TestFactory
    Stream<DynamicTest> tlsCasesFailAgainstAWeakTlsCharger() {
        return Iso20Suite.INSTANCE.cases().stream().filter(c -> c.id().startsWith("TLS-")).map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            try (WeakTlsFront weak = new WeakTlsFront(upstream)) {
                Target t = new Target(new InetSocketAddress(InetAddress.getByName("::1"), weak.port()), true);
                CaseResult r = new SuiteRunner(t, settings, SuiteRunner::monotonicMs, id -> WireTap.NONE, x -> { }).runCase(c, identity);
                assertEquals(Verdict.FAIL, r.verdict(), c.id() + ": " + r.reason());
                String want = TLS_EVIDENCE.get(c.id());
                assertTrue(r.reason().contains(want), c.id() + ": the reason should name " + want + ": " + r.reason());
            }
        }));
    }
}
