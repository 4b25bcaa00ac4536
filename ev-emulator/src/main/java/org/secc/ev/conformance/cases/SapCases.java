package org.secc.ev.conformance.cases;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.secc.ev.conformance.CaseContext;
import org.secc.ev.conformance.Conversation;
import org.secc.ev.conformance.Settings;
import org.secc.ev.conformance.Walk;
import org.secc.exi.apphand.AppProtocolType;
import org.secc.exi.apphand.responseCodeType;
import org.secc.exi.apphand.supportedAppProtocolReq;
import org.secc.exi.apphand.supportedAppProtocolRes;
import org.secc.exi.iso20.common.SessionSetupReqType;

/** SupportedAppProtocol negotiation (facts sheet 3): priorities, unknown namespaces, versions, the first message. */
final class SapCases {
    static final String NS_ISO2 = "urn:iso:15118:2:2013:MsgDef";
    static final String NS_DIN = "urn:din:70121:2012:MsgDef";
    static final String NS_UNKNOWN = "urn:example:not-a-v2g-protocol:2030";

    private SapCases() {
    }

    static AppProtocolType entry(String ns, int major, int minor, int schemaId, int priority) {
        return new AppProtocolType(ns, major, minor, schemaId, priority);
    }

    static supportedAppProtocolRes offer(CaseContext ctx, List<AppProtocolType> entries) throws IOException {
        try (Conversation c = ctx.connect()) {
            return c.exchange(new supportedAppProtocolReq(entries), supportedAppProtocolRes.class, Settings.MSG_LIMIT_MS);
        }
    }

    /** Whether the charger accepts a namespace offered alone (major 1 for -20, 2 for -2/DIN). */
    static boolean supports(CaseContext ctx, String ns) throws IOException {
        int major = ns.startsWith("urn:iso:std:iso:15118:-20") ? 1 : 2;
        return offer(ctx, List.of(entry(ns, major, 0, 9, 1))).ResponseCode() != responseCodeType.Failed_NoNegotiation;
    }

    static void expectSelected(CaseContext ctx, supportedAppProtocolRes r, int schemaId, String why) {
        ctx.check(r.ResponseCode() == responseCodeType.OK_SuccessfulNegotiation, why + ": expected OK_SuccessfulNegotiation, got "
                + r.ResponseCode());
        ctx.checkEquals(schemaId, r.SchemaID(), why + ": SchemaID");
    }

    static void expectNoNegotiation(CaseContext ctx, List<AppProtocolType> entries, String why) throws IOException {
        try (Conversation c = ctx.connect()) {
            long t = ctx.nowMs();
            var r = c.exchange(new supportedAppProtocolReq(entries), supportedAppProtocolRes.class, Settings.MSG_LIMIT_MS);
            ctx.checkEquals(responseCodeType.Failed_NoNegotiation, r.ResponseCode(), why + ": ResponseCode");
            ctx.check(r.SchemaID() == null, why + ": SchemaID must be left out on Failed_NoNegotiation, got " + r.SchemaID());
            long closed = c.awaitClose(t, ctx.settings().sequenceTimeoutMs() + ctx.settings().closeSlackMs());
            ctx.check(closed >= 0, why + ": the charger must close the connection after Failed_NoNegotiation");
        }
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> l = new ArrayList<>();
        l.add(ConformanceCase.of("SAP-01", "-20 DC offered alone is selected")
                .req("[V2G20-167]")
                .pre("the charger offers a DC service")
                .stimulus("supportedAppProtocolReq: urn:iso:std:iso:15118:-20:DC 1.0, SchemaID 1, Priority 1")
                .expect("OK_SuccessfulNegotiation, SchemaID 1")
                .body(ctx -> {
                    ctx.pick(org.secc.ev.session.Service.DC, org.secc.ev.session.Service.DC_BPT);
                    expectSelected(ctx, offer(ctx, List.of(entry(Walk.NS_DC, 1, 0, 1, 1))), 1, "-20 DC alone");
                }));
        l.add(ConformanceCase.of("SAP-02", "-20 AC offered alone is selected")
                .req("[V2G20-167]")
                .pre("the charger offers an AC service")
                .stimulus("supportedAppProtocolReq: urn:iso:std:iso:15118:-20:AC 1.0, SchemaID 2, Priority 1")
                .expect("OK_SuccessfulNegotiation, SchemaID 2")
                .body(ctx -> {
                    ctx.pick(org.secc.ev.session.Service.AC, org.secc.ev.session.Service.AC_BPT);
                    expectSelected(ctx, offer(ctx, List.of(entry(Walk.NS_AC, 1, 0, 2, 1))), 2, "-20 AC alone");
                }));
        for (int[] p : new int[][] {{1, 2}, {2, 1}}) {
            String id = p[0] == 1 ? "SAP-03" : "SAP-04";
            l.add(ConformanceCase.of(id, "DC priority " + p[0] + ", AC priority " + p[1] + ": the higher priority the charger supports wins")
                    .req("[V2G20-167]")
                    .pre("-")
                    .stimulus("DC 1.0 SchemaID 1 Priority " + p[0] + ", AC 1.0 SchemaID 2 Priority " + p[1] + " (listed AC first)")
                    .expect("OK_SuccessfulNegotiation with the SchemaID of the highest-priority entry the charger supports alone")
                    .body(ctx -> {
                        boolean dc = supports(ctx, Walk.NS_DC);
                        boolean ac = supports(ctx, Walk.NS_AC);
                        ctx.check(dc || ac, "the charger supports neither -20 namespace");
                        int want = p[0] == 1 ? (dc ? 1 : 2) : (ac ? 2 : 1);
                        var r = offer(ctx, List.of(entry(Walk.NS_AC, 1, 0, 2, p[1]), entry(Walk.NS_DC, 1, 0, 1, p[0])));
                        expectSelected(ctx, r, want, "DC priority " + p[0] + ", AC priority " + p[1]);
                    }));
        }
        l.add(ConformanceCase.of("SAP-05", "DIN, -2 and -20 by priority: the highest-priority protocol the charger supports wins")
                .req("[V2G20-167]")
                .stimulus("DIN 2.0 (P1, SchemaID 3), ISO 15118-2 2.0 (P2, SchemaID 4), -20 DC (P3, SchemaID 1), -20 AC (P4, SchemaID 2); "
                        + "each also offered alone first to learn what the charger supports")
                .expect("OK_SuccessfulNegotiation with the SchemaID of the first supported entry by priority")
                .body(ctx -> {
                    String[] ns = {NS_DIN, NS_ISO2, Walk.NS_DC, Walk.NS_AC};
                    int[] ids = {3, 4, 1, 2};
                    int want = -1;
                    for (int i = 0; i < ns.length && want < 0; i++) {
                        if (supports(ctx, ns[i])) {
                            want = ids[i];
                        }
                    }
                    ctx.check(want > 0, "the charger accepts none of the four protocols offered alone");
                    var r = offer(ctx, List.of(entry(Walk.NS_AC, 1, 0, 2, 4), entry(Walk.NS_DC, 1, 0, 1, 3), entry(NS_ISO2, 2, 0, 4, 2),
                            entry(NS_DIN, 2, 0, 3, 1)));
                    expectSelected(ctx, r, want, "mixed offer");
                }));
        l.add(ConformanceCase.of("SAP-06", "An unknown namespace alone: Failed_NoNegotiation, no SchemaID, connection closed")
                .req("[V2G20-167]")
                .stimulus("supportedAppProtocolReq with one entry " + NS_UNKNOWN + " 1.0")
                .expect("Failed_NoNegotiation without SchemaID, then the charger closes the connection")
                .timing("response within 2 s; close within V2G_SECC_Sequence_Timeout")
                .body(ctx -> expectNoNegotiation(ctx, List.of(entry(NS_UNKNOWN, 1, 0, 7, 1)), "unknown namespace")));
        l.add(ConformanceCase.of("SAP-07", "An unknown namespace at priority 1 is skipped for -20 at priority 2")
                .req("[V2G20-167]")
                .stimulus("unknown namespace (P1, SchemaID 7), then -20 DC and AC (P2 and P3)")
                .expect("OK_SuccessfulNegotiation with the -20 entry's SchemaID")
                .body(ctx -> {
                    boolean dc = supports(ctx, Walk.NS_DC);
                    var r = offer(ctx, List.of(entry(NS_UNKNOWN, 1, 0, 7, 1), entry(Walk.NS_DC, 1, 0, 1, dc ? 2 : 3),
                            entry(Walk.NS_AC, 1, 0, 2, dc ? 3 : 2)));
                    expectSelected(ctx, r, dc ? 1 : 2, "unknown namespace first");
                }));
        l.add(ConformanceCase.of("SAP-08", "A -20 namespace with a wrong major version is not selected")
                .req("[V2G20-167]")
                .stimulus("-20 DC and AC, both VersionNumberMajor 2")
                .expect("Failed_NoNegotiation without SchemaID, then the connection closes")
                .timing("response within 2 s; close within V2G_SECC_Sequence_Timeout")
                .body(ctx -> expectNoNegotiation(ctx, List.of(entry(Walk.NS_DC, 2, 0, 1, 1), entry(Walk.NS_AC, 2, 0, 2, 2)), "major 2")));
        l.add(ConformanceCase.of("SAP-09", "A different minor version: OK_SuccessfulNegotiationWithMinorDeviation")
                .req("[V2G20-167]")
                .stimulus("-20 DC and AC, VersionNumberMinor 7")
                .expect("OK_SuccessfulNegotiationWithMinorDeviation, SchemaID of the supported entry")
                .body(ctx -> {
                    boolean dc = supports(ctx, Walk.NS_DC);
                    var r = offer(ctx, List.of(entry(Walk.NS_DC, 1, 7, 1, dc ? 1 : 2), entry(Walk.NS_AC, 1, 7, 2, dc ? 2 : 1)));
                    ctx.checkEquals(responseCodeType.OK_SuccessfulNegotiationWithMinorDeviation, r.ResponseCode(), "minor 7: ResponseCode");
                    ctx.checkEquals(dc ? 1 : 2, r.SchemaID(), "minor 7: SchemaID");
                }));
        l.add(ConformanceCase.of("SAP-10", "Twenty entries (the schema's maximum), the supported one last")
                .req("[V2G20-167]")
                .stimulus("19 unknown namespaces at priorities 1-19, -20 DC or AC at priority 20")
                .expect("OK_SuccessfulNegotiation, SchemaID 20")
                .body(ctx -> {
                    boolean dc = supports(ctx, Walk.NS_DC);
                    List<AppProtocolType> e = new ArrayList<>();
                    for (int i = 1; i < 20; i++) {
                        e.add(entry("urn:example:unknown:" + i, 1, 0, i, i));
                    }
                    e.add(entry(dc ? Walk.NS_DC : Walk.NS_AC, 1, 0, 20, 20));
                    expectSelected(ctx, offer(ctx, e), 20, "twenty entries");
                }));
        l.add(ConformanceCase.of("SAP-11", "A first message that is not supportedAppProtocolReq ends the connection")
                .req("[V2G20-167]")
                .stimulus("SessionSetupReq (SessionID 0) as the first message on a new connection")
                .expect("the charger closes the connection (a SessionSetupRes is tolerated only with a FAILED code)")
                .timing("close within V2G_SECC_Sequence_Timeout")
                .body(ctx -> {
                    try (Conversation c = ctx.connect()) {
                        long t = ctx.nowMs();
                        c.send(new SessionSetupReqType(Walk.header(new byte[8]), "WMIV1234567890ABCDEX"));
                        var r = c.receive(t, Settings.MSG_LIMIT_MS);
                        if (r instanceof Conversation.Received.Message m) {
                            ctx.check(m.message() instanceof org.secc.exi.iso20.types.V2GResponseType v && v.ResponseCode().name().startsWith("FAILED"),
                                    "SessionSetupReq before SupportedAppProtocol was answered " + org.secc.ev.conformance.Wire.nameOf(m.message()));
                        }
                        long closed = c.awaitClose(t, ctx.settings().sequenceTimeoutMs() + ctx.settings().closeSlackMs());
                        ctx.check(closed >= 0, "the charger kept the connection open after a SessionSetupReq before SupportedAppProtocol");
                    }
                }));
        return l;
    }
}
