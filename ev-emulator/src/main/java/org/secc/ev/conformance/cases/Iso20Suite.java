package org.secc.ev.conformance.cases;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The ISO 15118-20 cases, in catalogue order. */
public final class Iso20Suite implements ProtocolSuite {
    public static final Iso20Suite INSTANCE = new Iso20Suite();
    private final List<ConformanceCase> cases;

    private Iso20Suite() {
        List<ConformanceCase> l = new ArrayList<>();
        l.addAll(SapCases.all());
        l.addAll(SessionCases.all());
        l.addAll(PowerTransferCases.all());
        l.addAll(SequenceCases.all());
        l.addAll(RobustnessCases.all());
        l.addAll(TimingCases.all());
        l.addAll(TlsCases.all());
        Set<String> ids = new HashSet<>();
        for (ConformanceCase c : l) {
            if (!ids.add(c.id())) {
                throw new IllegalStateException("duplicate case id " + c.id());
            }
        }
        cases = List.copyOf(l);
    }

    @Override
    public String protocol() {
        return "iso20";
    }

    @Override
    public List<ConformanceCase> cases() {
        return cases;
    }
}
