package org.secc.ev.conformance;

import java.time.Instant;
import java.util.List;

/** Everything a run produced: what ran against whom, with which seed and settings, and every case's result. */
public record RunReport(String protocol, String target, long seed, String emulatorVersion, ChargerIdentity identity, Settings settings,
                        String casesPattern, Instant started, long durationMs, List<CaseResult> results) {
    public RunReport {
        results = List.copyOf(results);
    }

    public long count(Verdict v) {
        return results.stream().filter(r -> r.verdict() == v).count();
    }

    /** True when no selected case failed or erred (not-applicable cases are listed, not counted against). */
    public boolean passed() {
        return count(Verdict.FAIL) == 0 && count(Verdict.ERROR) == 0 && !results.isEmpty();
    }
}
