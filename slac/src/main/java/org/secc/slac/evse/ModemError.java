package org.secc.slac.evse;

/** The modem never confirmed a key: no matching can be offered until {@code start} or {@code leave} retries. */
final class ModemError extends EvseState {
    @Override
    String name() {
        return "ModemError";
    }

    @Override
    boolean acceptsNewMatching() {
        return false;
    }

    @Override
    boolean sessionRunning() {
        return false;
    }
}
