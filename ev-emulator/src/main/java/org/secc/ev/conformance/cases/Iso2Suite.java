package org.secc.ev.conformance.cases;

import java.util.List;
import org.secc.ev.conformance.ChargerIdentity;
import org.secc.ev.conformance.Iso2Dialect;
import org.secc.ev.conformance.SuiteRunner;

/** The ISO 15118-2 DC (EIM, ExternalPayment) cases, in catalogue order. */
public final class Iso2Suite implements ProtocolSuite {
    public static final Iso2Suite INSTANCE = new Iso2Suite();
    private final List<ConformanceCase> cases = List.copyOf(LegacyCases.all(Iso2Dialect.INSTANCE));

    private Iso2Suite() {
    }

    @Override
    public String protocol() {
        return "iso2";
    }

    @Override
    public List<ConformanceCase> cases() {
        return cases;
    }

    @Override
    public ChargerIdentity identify(SuiteRunner runner) {
        return runner.identify(Iso2Dialect.INSTANCE);
    }
}
