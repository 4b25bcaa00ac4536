package org.secc.slac.evse;

/** [Unmatched] with no EV on the cable (control pilot state A, E or F). */
final class Unplugged extends EvseState {
    @Override
    String name() {
        return "Unplugged";
    }

    @Override
    boolean acceptsNewMatching() {
        return false; // requests heard now come from other connectors' cars
    }

    @Override
    boolean sessionRunning() {
        return false;
    }
}
