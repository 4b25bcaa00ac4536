package org.secc.ev.conformance.cases;

import java.util.List;
import org.secc.ev.conformance.ChargerIdentity;
import org.secc.ev.conformance.DinDialect;
import org.secc.ev.conformance.SuiteRunner;

/** The DIN SPEC 70121 (DC, EIM) cases, in catalogue order. */
public final class DinSuite implements ProtocolSuite {
    public static final DinSuite INSTANCE = new DinSuite();
    private final List<ConformanceCase> cases = List.copyOf(LegacyCases.all(DinDialect.INSTANCE));

    private DinSuite() {
    }

    @Override
    public String protocol() {
        return "din";
    }

    @Override
    public List<ConformanceCase> cases() {
        return cases;
    }

    @Override
    public ChargerIdentity identify(SuiteRunner runner) {
        return runner.identify(DinDialect.INSTANCE);
    }
}
