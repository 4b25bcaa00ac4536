package org.secc.app.connector;

/** One state of the connector's lifecycle; the subclasses answer only what matters in them. */
abstract class ConnectorState {
    abstract String name();

    /** Pilot states other than A, E and F (those the lifecycle handles the same way everywhere). */
    void onPilot(ConnectorLifecycle c, org.secc.hal.cp.CpState s, long now) {
    }

    void on(ConnectorLifecycle c, ConnectorEvent e, long now) {
    }

    void onDeadline(ConnectorLifecycle c, long now) {
    }

    /** Whether a V2G session could be powered now (SDP answered, sessions served). */
    boolean servesSessions() {
        return false;
    }

    /** Whether SLAC has a logical network with the EV (or is matching) that must be left on unplug. */
    boolean onNetwork() {
        return false;
    }

    /** Whether a V2G session may be running that must end on unplug or a fault. */
    boolean sessionMayRun() {
        return false;
    }
}
