package org.secc.slac.evse;

import java.util.Random;

/** The frame mutator of the EVSE robustness test, shared with the PEV's. */
public final class EvseSlacRobustnessTestAccess {
    private EvseSlacRobustnessTestAccess() {
    }

    public static byte[] mutate(byte[] seed, Random rnd) {
        return EvseSlacRobustnessTest.mutate(seed, rnd);
    }
}
