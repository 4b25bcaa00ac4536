package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.secc.app.grid.GridSafetySupervisor.State;

class GridWakeUpTest {

    @Test
    void wakesThePausedEvOnceWhenTheGridIsBackAfterATrip() {
        GridWakeUp w = new GridWakeUp();
        assertNull(w.step("InSession", State.IN_SERVICE));
        assertNull(w.step("InSession", State.TRIPPED)); // the trip asks the EV to pause
        assertNull(w.step("Paused", State.TRIPPED));
        assertNull(w.step("Paused", State.WAITING_TO_ENTER_SERVICE));
        assertNotNull(w.step("Paused", State.RAMPING));
        assertNull(w.step("Paused", State.IN_SERVICE), "once");
    }

    @Test
    void anEvThatPausedOnItsOwnIsLeftAlone() {
        GridWakeUp w = new GridWakeUp();
        assertNull(w.step("InSession", State.IN_SERVICE));
        assertNull(w.step("Paused", State.IN_SERVICE));
        assertNull(w.step("Paused", State.RAMPING));
    }

    @Test
    void leavingTheSessionDisarms() {
        GridWakeUp w = new GridWakeUp();
        assertNull(w.step("InSession", State.TRIPPED));
        assertNull(w.step("Idle", State.TRIPPED)); // unplugged during the trip
        assertNull(w.step("Matching", State.IN_SERVICE));
        assertNull(w.step("Paused", State.IN_SERVICE), "a later pause is the EV's own");
        // a trip while the session was already over does not arm either
        assertNull(w.step("SessionDone", State.TRIPPED));
        assertNull(w.step("Paused", State.IN_SERVICE));
    }
}
