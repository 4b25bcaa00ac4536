package org.secc.ev.scenario;

import java.util.List;
import org.secc.ev.session.Sample;

/** Outcome of one scenario run: passed when {@code failures} is empty. */
public record ScenarioResult(String scenario, List<String> failures, List<String> notes, List<Sample> timeline,
                             double socStart, double socEnd, double chargedWh, double dischargedWh) {
    public boolean passed() {
        return failures.isEmpty();
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT, "%s: %s (SOC %.2f %% -> %.2f %%, charged %.1f Wh, discharged %.1f Wh)%s",
                scenario, passed() ? "PASSED" : "FAILED", socStart, socEnd, chargedWh, dischargedWh,
                passed() ? "" : " - " + String.join("; ", failures));
    }
}
