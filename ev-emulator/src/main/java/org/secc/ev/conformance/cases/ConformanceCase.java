package org.secc.ev.conformance.cases;

import java.util.List;

/**
 * One test case as data plus code: what it checks (the requirement IDs), what must hold before it,
 * what the suite sends, what it expects back and how fast. The catalogue in the README is generated
 * from these fields.
 *
 * @param id            stable identifier, {@code GROUP-NN} (e.g. {@code SAP-03}); {@code --cases} matches it
 * @param title         one line
 * @param requirements  requirement IDs ([V2G20-…]) or timer names of ISO 15118-20 the case checks
 * @param preconditions what the charger must offer or how it must be configured
 * @param stimulus      what the suite sends
 * @param expected      what the charger must answer
 * @param timing        the time limits checked
 * @param body          the code
 */
public record ConformanceCase(String id, String title, List<String> requirements, String preconditions, String stimulus,
                              String expected, String timing, CaseBody body) {
    public ConformanceCase {
        requirements = List.copyOf(requirements);
        if (!id.matches("[A-Z0-9]+(-[A-Z0-9]+)+")) {
            throw new IllegalArgumentException("case id " + id);
        }
    }

    public String group() {
        return id.substring(0, id.indexOf('-'));
    }

    /** Builder so that the catalogues read as data. */
    public static Builder of(String id, String title) {
        return new Builder(id, title);
    }

    public static final class Builder {
        private final String id;
        private final String title;
        private List<String> req = List.of();
        private String pre = "-";
        private String stim = "";
        private String exp = "";
        private String timing = "every response within V2G_EVCC_Msg_Timeout (2 s; 5 s ServiceDetail; 0.5 s charge loop)";

        Builder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        public Builder req(String... ids) {
            this.req = List.of(ids);
            return this;
        }

        public Builder pre(String s) {
            this.pre = s;
            return this;
        }

        public Builder stimulus(String s) {
            this.stim = s;
            return this;
        }

        public Builder expect(String s) {
            this.exp = s;
            return this;
        }

        public Builder timing(String s) {
            this.timing = s;
            return this;
        }

        public ConformanceCase body(CaseBody b) {
            return new ConformanceCase(id, title, req, pre, stim, exp, timing, b);
        }
    }
}
