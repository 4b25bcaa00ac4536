package org.secc.ev.conformance.report;

import java.util.Locale;
import org.secc.ev.conformance.CaseResult;
import org.secc.ev.conformance.RunReport;
import org.secc.ev.conformance.TraceEntry;
import org.secc.ev.conformance.Verdict;

/**
 * The run as JUnit XML (the Ant/Surefire dialect CI systems read): one testsuite, one testcase per
 * case (classname = group, name = ID and title), FAIL as failure, ERROR as error, NOT_APPLICABLE as skipped;
 * failed cases carry their trace in system-out.
 */
public final class JunitXml {
    private JunitXml() {
    }

    public static String render(RunReport r) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(Locale.ROOT, "<testsuite name=\"ev-emulator conformance %s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" "
                        + "time=\"%.3f\" timestamp=\"%s\">\n", Escape.xml(r.protocol()), r.results().size(), r.count(Verdict.FAIL), r.count(Verdict.ERROR),
                r.count(Verdict.NOT_APPLICABLE), r.durationMs() / 1000.0, r.started().toString()));
        b.append("  <properties>\n");
        prop(b, "target", r.target());
        prop(b, "seed", Long.toString(r.seed()));
        prop(b, "emulator.version", r.emulatorVersion());
        prop(b, "charger.evseid", r.identity().evseId());
        prop(b, "charger.sap.dc", r.identity().sapDc());
        prop(b, "charger.sap.ac", r.identity().sapAc());
        prop(b, "charger.services", r.identity().energyServices().toString());
        prop(b, "charger.tls", r.identity().tls());
        prop(b, "sequence_timeout_ms", Long.toString(r.settings().sequenceTimeoutMs()));
        prop(b, "loop_sequence_timeout_ms", Long.toString(r.settings().loopSequenceTimeoutMs()));
        prop(b, "cases", r.casesPattern());
        prop(b, "ev_voltage_v", Double.toString(r.settings().evVoltageV()));
        prop(b, "timing_scale", Double.toString(r.settings().timingScale()));
        b.append("  </properties>\n");
        for (CaseResult c : r.results()) {
            b.append(String.format(Locale.ROOT, "  <testcase classname=\"conformance.%s.%s\" name=\"%s %s\" time=\"%.3f\">\n", r.protocol(),
                    c.testCase().group(), Escape.xml(c.testCase().id()), Escape.xml(c.testCase().title()), c.durationMs() / 1000.0));
            switch (c.verdict()) {
                case FAIL -> b.append("    <failure message=\"").append(Escape.xml(c.reason())).append("\" type=\"")
                        .append(Escape.xml(String.join(" ", c.testCase().requirements()))).append("\"/>\n");
                case ERROR -> b.append("    <error message=\"").append(Escape.xml(c.reason())).append("\"/>\n");
                case NOT_APPLICABLE -> b.append("    <skipped message=\"").append(Escape.xml(c.reason())).append("\"/>\n");
                default -> {
                }
            }
            if (c.verdict() == Verdict.FAIL || c.verdict() == Verdict.ERROR) {
                b.append("    <system-out>");
                for (TraceEntry e : c.trace()) {
                    b.append(Escape.xml(e.line())).append('\n');
                }
                b.append("</system-out>\n");
            }
            b.append("  </testcase>\n");
        }
        b.append("</testsuite>\n");
        return b.toString();
    }

    private static void prop(StringBuilder b, String name, String value) {
        b.append("    <property name=\"").append(name).append("\" value=\"").append(Escape.xml(value)).append("\"/>\n");
    }
}
