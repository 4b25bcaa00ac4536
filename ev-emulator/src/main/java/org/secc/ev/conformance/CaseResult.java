package org.secc.ev.conformance;

import java.util.List;
import org.secc.ev.conformance.cases.ConformanceCase;

/** The verdict of one case with its evidence; {@code pcap} is the file name under the report's pcap directory, or empty. */
public record CaseResult(ConformanceCase testCase, Verdict verdict, String reason, long durationMs, List<Timing> timings,
                         List<TraceEntry> trace, String pcap) {
    public CaseResult {
        timings = List.copyOf(timings);
        trace = List.copyOf(trace);
    }

    /** The slowest response relative to its limit, e.g. "DC_ChargeLoopReq 3 ms / 500 ms"; empty without responses. */
    public String worstTiming() {
        return timings.stream().max(java.util.Comparator.comparingDouble(t -> (double) t.ms() / t.limitMs()))
                .map(t -> t.request() + " " + t.ms() + " ms / " + t.limitMs() + " ms").orElse("");
    }
}
