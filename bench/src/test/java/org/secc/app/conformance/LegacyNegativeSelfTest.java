package org.secc.app.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.secc.app.conformance.MisbehavingCharger.Mutation;
import org.secc.app.run.SeccConfig;
import org.secc.app.run.SeccService;
import org.secc.bench.BenchPack;
import org.secc.ev.conformance.CaseResult;
import org.secc.ev.conformance.ChargerIdentity;
import org.secc.ev.conformance.DinDialect;
import org.secc.ev.conformance.Iso2Dialect;
import org.secc.ev.conformance.LegacyDialect;
import org.secc.ev.conformance.LegacyDialect.Req;
import org.secc.ev.conformance.Settings;
import org.secc.ev.conformance.SuiteRunner;
import org.secc.ev.conformance.Target;
import org.secc.ev.conformance.Verdict;
import org.secc.ev.conformance.WireTap;
import org.secc.ev.conformance.cases.ConformanceCase;
import org.secc.ev.conformance.cases.ProtocolSuite;

/**
 * Every DIN and -2 case can fail: each runs against the real charger behind a front that breaks one
 * thing in that protocol (a response code, a SchemaID, a late response, a request accepted out of
 * sequence, a connection that never drops) and must FAIL with a reason naming what broke.
 */
class LegacyNegativeSelfTest {
    static final long LATE = 300; // past each limit, within the suite's grace

    /** The one thing each case's misbehaving charger breaks, for a dialect (response names differ between DIN and -2). */
    static Map<String, Mutation> mutations(LegacyDialect d) {
        String pay = res(d, Req.PAYMENT_SELECTION);
        String auth = res(d, Req.AUTHORIZATION);
        Map<String, Mutation> m = new HashMap<>();
        m.put("SAP-01", Mutation.schemaId());
        m.put("SAP-02", Mutation.schemaId());
        m.put("SAP-03", Mutation.code("supportedAppProtocolRes", "OK_SuccessfulNegotiation"));
        m.put("SES-01", Mutation.code("SessionSetupRes", "OK_OldSessionJoined"));
        m.put("SES-02", Mutation.code("SessionSetupRes", "OK_OldSessionJoined"));
        m.put("SVC-01", Mutation.late("ServiceDiscoveryRes", Settings.MSG_LIMIT_MS + LATE));
        m.put("SVC-02", Mutation.code(pay, "FAILED_PaymentSelectionInvalid", "OK"));
        m.put("SVC-03", Mutation.code(pay, "FAILED_ServiceSelectionInvalid", "OK"));
        m.put("SVC-04", Mutation.code("ServiceDetailRes", "FAILED_ServiceIDInvalid", "OK"));
        m.put("AUT-01", Mutation.late(auth, Settings.MSG_LIMIT_MS + LATE));
        m.put("CPD-01", Mutation.code("ChargeParameterDiscoveryRes", "FAILED"));
        m.put("CPD-02", Mutation.code("ChargeParameterDiscoveryRes", "FAILED_WrongChargeParameter", "OK"));
        m.put("CPD-03", Mutation.code("ChargeParameterDiscoveryRes", d instanceof Iso2Dialect ? "FAILED_WrongEnergyTransferMode"
                : "FAILED_WrongEnergyTransferType", "OK"));
        m.put("DC-01", Mutation.late("CableCheckRes", Settings.MSG_LIMIT_MS + LATE));
        m.put("DC-02", Mutation.code("PreChargeRes", "FAILED"));
        m.put("DC-03", Mutation.late("CurrentDemandRes", d.limitMs(Req.CURRENT_DEMAND) + LATE));
        m.put("DC-04", Mutation.code("WeldingDetectionRes", "FAILED"));
        m.put("DC-05", Mutation.code("PowerDeliveryRes", "FAILED_TariffSelectionInvalid", "OK"));
        m.put("STP-01", Mutation.holdOpen());
        m.put("STP-02", Mutation.code("SessionStopRes", "FAILED"));
        m.put("PAU-01", Mutation.code("SessionSetupRes", "OK_OldSessionJoined", "OK_NewSessionEstablished"));
        m.put("ROB-01", Mutation.code("ServiceDiscoveryRes", "FAILED_UnknownSession", "OK"));
        m.put("ROB-02", Mutation.code("CurrentDemandRes", "FAILED_UnknownSession", "OK"));
        m.put("TIM-01", Mutation.holdOpen());
        m.put("TIM-02", Mutation.late("CurrentDemandRes", d.limitMs(Req.CURRENT_DEMAND) + LATE));
        return m;
    }

    static String res(LegacyDialect d, Req r) {
        return d.requestName(r).replace("Req", "Res");
    }

    static LegacyDialect dialect(String protocol) {
        return protocol.equals("din") ? DinDialect.INSTANCE : Iso2Dialect.INSTANCE;
    }

    @TempDir
    static Path dir;
    static SeccService secc;
    static InetSocketAddress upstream;
    static Settings settings;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("policy.conf"), BenchPack.policy(0, 1));
        secc = ConformanceAgainstSeccTest.startReady(SeccConfig.parse(ConformanceAgainstSeccTest.CONFIG, dir));
        upstream = new InetSocketAddress(InetAddress.getByName("::1"), secc.v2gServer().port());
        settings = new Settings(11, 2000, 500, 1000, Double.parseDouble(ConformanceAgainstSeccTest.packVoltage(secc)), 1);
    }

    @AfterAll
    static void stop() {
        secc.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"din", "iso2"})
    void everyCaseHasAMisbehaviourThatMakesItFail(String protocol) {
        Map<String, Mutation> m = mutations(dialect(protocol));
        for (ConformanceCase c : ProtocolSuite.of(protocol).orElseThrow().cases()) {
            assertTrue(c.id().startsWith("SEQ-") || m.containsKey(c.id()), protocol + " " + c.id()
                    + " has no negative self-test: a case that cannot fail is a defect");
        }
    }

    @TestFactory
    Stream<DynamicTest> eachCaseFailsAgainstAMisbehavingCharger() {
        return Stream.of("din", "iso2").flatMap(protocol -> {
            LegacyDialect d = dialect(protocol);
            Map<String, Mutation> mutations = mutations(d);
            ProtocolSuite suite = ProtocolSuite.of(protocol).orElseThrow();
            ChargerIdentity identity = suite.identify(new SuiteRunner(new Target(upstream, false), settings, SuiteRunner::monotonicMs,
                    id -> WireTap.NONE, r -> { }));
            return suite.cases().stream().map(c -> DynamicTest.dynamicTest(protocol + " " + c.id(), () -> {
                Mutation m = c.id().startsWith("SEQ-") ? Mutation.acceptsOutOfSequence() : mutations.get(c.id());
                assertNotNull(m, c.id());
                try (MisbehavingCharger bad = new MisbehavingCharger(upstream, m, d.kind())) {
                    Target t = new Target(new InetSocketAddress(InetAddress.getByName("::1"), bad.port()), false);
                    CaseResult r = new SuiteRunner(t, settings, SuiteRunner::monotonicMs, id -> WireTap.NONE, x -> { }).runCase(c, identity);
                    assertEquals(Verdict.FAIL, r.verdict(), protocol + " " + c.id() + " against " + m + ": " + r.reason());
                    assertTrue(r.reason().contains(m.evidence()), protocol + " " + c.id() + ": the reason should name " + m.evidence() + ": "
                            + r.reason());
                }
            }));
        });
    }
}
