package org.secc.ev.conformance.report;

import java.util.Locale;
import org.secc.ev.conformance.CaseResult;
import org.secc.ev.conformance.RunReport;
import org.secc.ev.conformance.Timing;
import org.secc.ev.conformance.TraceEntry;
import org.secc.ev.conformance.Verdict;

/**
 * One self-contained HTML file (inline CSS, no scripts, no external resources): the run's identity,
 * a summary table, a row per case (verdict, requirement IDs, slowest response against its limit,
 * duration, pcap link, reason), and for each failed case its decoded message trace and timings.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5rem;color:#1b1f24;max-width:1400px}
            h1{font-size:1.4rem;margin:0 0 .4rem} h2{font-size:1.1rem;margin:1.6rem 0 .5rem} h3{font-size:1rem;margin:1.2rem 0 .3rem}
            table{border-collapse:collapse;width:100%;font-size:.85rem} th,td{border:1px solid #d0d7de;padding:.25rem .45rem;text-align:left;vertical-align:top}
            th{background:#f6f8fa} .meta td:first-child{width:14rem;font-weight:600}
            .PASS{background:#dafbe1;color:#116329;font-weight:700} .FAIL{background:#ffebe9;color:#a40e26;font-weight:700}
            .ERROR{background:#fff8c5;color:#7d4e00;font-weight:700} .NOT_APPLICABLE{background:#eaeef2;color:#57606a}
            .summary td{font-size:1rem;text-align:center} .cases td:first-child,.cases td:nth-child(3),.cases td:nth-child(7){white-space:nowrap} .reason{color:#a40e26} code,pre{font-family:ui-monospace,Menlo,Consolas,monospace}
            pre{background:#f6f8fa;border:1px solid #d0d7de;padding:.5rem;font-size:.75rem;white-space:pre-wrap;word-break:break-all}
            .verdict{font-size:1.2rem;padding:.4rem .8rem;display:inline-block;border-radius:4px}
            """;

    public static String render(RunReport r) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Conformance report ").append(Escape.xml(r.protocol()))
                .append(" - ").append(Escape.xml(r.identity().evseId())).append("</title><style>").append(CSS).append("</style></head><body>\n");
        b.append("<h1>ISO 15118 conformance report (").append(Escape.xml(r.protocol())).append(")</h1>\n");
        String overall = r.passed() ? "PASS" : "FAIL";
        b.append("<p><span class=\"verdict ").append(overall).append("\">").append(overall).append("</span> ")
                .append(r.passed() ? "every selected case passed" : "at least one case failed").append("</p>\n");
        b.append("<table class=\"meta\">\n");
        row(b, "Charger", r.target());
        row(b, "EVSEID", r.identity().evseId());
        if (r.protocol().equals("iso20")) {
            row(b, "SAP answer to -20 DC", r.identity().sapDc());
            row(b, "SAP answer to -20 AC", r.identity().sapAc());
        } else {
            row(b, "SAP answer to " + (r.protocol().equals("din") ? "DIN SPEC 70121" : "ISO 15118-2") + " 2.0", r.identity().sapDc());
        }
        row(b, "Energy services offered", r.identity().energyServices().toString() + (r.identity().vas().isEmpty() ? "" : ", VAS " + r.identity().vas()));
        row(b, "TLS", r.identity().tls().isEmpty() ? "none (TCP)" : r.identity().tls());
        row(b, "Emulator version", r.emulatorVersion());
        row(b, "Seed", Long.toString(r.seed()));
        row(b, "Cases selected", r.casesPattern().isEmpty() ? "all" : r.casesPattern());
        row(b, "Sequence timeouts assumed", r.settings().sequenceTimeoutMs() + " ms, " + r.settings().loopSequenceTimeoutMs() + " ms in the loop (slack "
                + r.settings().closeSlackMs() + " ms)");
        row(b, "EV pack voltage", r.settings().evVoltageV() + " V");
        row(b, "Response-time limits", r.settings().timingScale() == 1 ? (r.protocol().equals("iso20") ? "the standard's (2 s, 5 s ServiceDetail, 0.5 s loop)"
                : "the standard's (2 s, 0.25 s CurrentDemand" + (r.protocol().equals("iso2") ? ", 5 s PowerDelivery and ServiceDetail)" : ")"))
                : "the standard's x " + r.settings().timingScale() + " (NOT a conformance verdict on timing)");
        row(b, "Started", r.started().toString());
        row(b, "Duration", String.format(Locale.ROOT, "%.1f s", r.durationMs() / 1000.0));
        b.append("</table>\n");

        b.append("<h2>Summary</h2>\n<table class=\"summary\"><tr><th>cases</th><th>pass</th><th>fail</th><th>error</th><th>not applicable</th></tr><tr>")
                .append("<td>").append(r.results().size()).append("</td>")
                .append("<td class=\"PASS\">").append(r.count(Verdict.PASS)).append("</td>")
                .append("<td class=\"FAIL\">").append(r.count(Verdict.FAIL)).append("</td>")
                .append("<td class=\"ERROR\">").append(r.count(Verdict.ERROR)).append("</td>")
                .append("<td class=\"NOT_APPLICABLE\">").append(r.count(Verdict.NOT_APPLICABLE)).append("</td></tr></table>\n");

        b.append("<h2>Cases</h2>\n<table class=\"cases\"><tr><th>ID</th><th>Title</th><th>Verdict</th><th>Requirements</th><th>Slowest response / limit</th>"
                + "<th>Duration</th><th>pcap</th><th>Reason</th></tr>\n");
        for (CaseResult c : r.results()) {
            String id = Escape.xml(c.testCase().id());
            b.append("<tr><td>");
            if (c.verdict() == Verdict.FAIL || c.verdict() == Verdict.ERROR) {
                b.append("<a href=\"#").append(id).append("\">").append(id).append("</a>");
            } else {
                b.append(id);
            }
            b.append("</td><td>").append(Escape.xml(c.testCase().title())).append("</td><td class=\"").append(c.verdict().name()).append("\">")
                    .append(c.verdict().name().replace('_', ' ')).append("</td><td>").append(Escape.xml(String.join(" ", c.testCase().requirements())))
                    .append("</td><td>").append(Escape.xml(c.worstTiming())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f s", c.durationMs() / 1000.0)).append("</td><td>");
            if (!c.pcap().isEmpty()) {
                b.append("<a href=\"pcap/").append(Escape.xml(c.pcap())).append("\">").append(Escape.xml(c.pcap())).append("</a>");
            }
            b.append("</td><td class=\"reason\">").append(Escape.xml(c.reason())).append("</td></tr>\n");
        }
        b.append("</table>\n");

        boolean any = false;
        for (CaseResult c : r.results()) {
            if (c.verdict() != Verdict.FAIL && c.verdict() != Verdict.ERROR) {
                continue;
            }
            if (!any) {
                b.append("<h2>Failed cases: decoded message traces</h2>\n");
                any = true;
            }
            var t = c.testCase();
            b.append("<h3 id=\"").append(Escape.xml(t.id())).append("\">").append(Escape.xml(t.id())).append(" ").append(Escape.xml(t.title()))
                    .append("</h3>\n<table class=\"meta\">");
            row(b, "Verdict", c.verdict() + ": " + c.reason());
            row(b, "Requirements", String.join(" ", t.requirements()));
            row(b, "Preconditions", t.preconditions());
            row(b, "Stimulus", t.stimulus());
            row(b, "Expected", t.expected());
            row(b, "Timing", t.timing());
            StringBuilder tm = new StringBuilder();
            for (Timing x : c.timings()) {
                tm.append(x.request()).append(' ').append(x.ms()).append(" ms").append(x.late() ? " LATE (limit " + x.limitMs() + " ms)" : "").append("; ");
            }
            row(b, "Response times", tm.toString());
            b.append("</table>\n<pre>");
            for (TraceEntry e : c.trace()) {
                b.append(Escape.xml(e.line())).append('\n');
            }
            b.append("</pre>\n");
        }
        b.append("<p><small>Verdicts: PASS every expectation held; FAIL an expectation did not hold (the reason says expected versus observed); "
                + "ERROR the case could not run; NOT APPLICABLE the charger does not offer what the case needs. Times are measured on the "
                + "emulator's side, from the request written to the response read.</small></p>\n");
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><td>").append(Escape.xml(k)).append("</td><td>").append(Escape.xml(v)).append("</td></tr>\n");
    }
}
