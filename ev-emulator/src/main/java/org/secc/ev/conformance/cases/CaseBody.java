package org.secc.ev.conformance.cases;

import org.secc.ev.conformance.CaseContext;

/** The code of a case: stimuli and checks against the charger; fails through {@link CaseContext#check}. */
@FunctionalInterface
public interface CaseBody {
    void run(CaseContext ctx) throws Exception;
}
