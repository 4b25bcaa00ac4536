package org.secc.app.run;

import org.secc.app.grid.GridSafetySupervisor;

/**
 * When the grid is back, wakes the EV the charger paused for a grid trip (sans I/O: the service feeds
 * it the connector's lifecycle state and the grid supervisor's state, it answers whether to wake).
 * A trip during a session asks the EV to pause (EVSENotification Pause, [V2G20-1850]); the paused EV
 * waits with the pilot at X1 until the charger wakes it (5 % again, ISO 15118-3; the connector's
 * {@code WakeUp}). Armed by a trip while a session runs or is paused; fires once, when the connector
 * is Paused and the supervisor has entered service again; disarmed when the connector leaves the
 * session (unplug, fault, session over).
 */
final class GridWakeUp {
    private boolean armed;

    /** @return the reason to wake the paused EV now, or null */
    String step(String connectorState, GridSafetySupervisor.State grid) {
        boolean sessionSide = connectorState.equals("InSession") || connectorState.equals("Paused") || connectorState.equals("LinkUp");
        if (!sessionSide) {
            armed = false;
            return null;
        }
        if (grid == GridSafetySupervisor.State.TRIPPED) {
            armed = true;
            return null;
        }
        boolean inService = grid == GridSafetySupervisor.State.RAMPING || grid == GridSafetySupervisor.State.IN_SERVICE;
        if (armed && inService && connectorState.equals("Paused")) {
            armed = false;
            return "the grid is back in service after the trip that paused the session";
        }
        return null;
    }
}
