package org.secc.app.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.secc.app.charge.EnergyRegisters;
import org.secc.app.charge.HalChargeControl;
import org.secc.app.connector.ConnectorLifecycle;
import org.secc.app.grid.TripRecord;

/**
 * Everything the outside sees of one connector, from one place: the service feeds it (the protocol the
 * SupportedAppProtocol handshake picked, the session state after each message) and it reads the rest
 * from the connector's lifecycle, the charge control, the energy registers and the grid supervisor's
 * trips. The MQTT site interface's telemetry and {@code secc ctl status} both read it
 * (site-mqtt/README.md, "Topics"). Thread-safe; {@link #read()} never blocks on I/O.
 */
public final class ConnectorView {
    /** Trips in a reading: the most recent ones (every trip is in the log). */
    static final int RECENT_TRIPS = 10;

    /**
     * One reading. Power and current are signed, positive = energy into the EV (import), negative = out of
     * it (export); the energy registers are the connector's lifetime, saved values.
     */
    public record Reading(int id, String lifecycle, String lifecycleReason, String protocol, String sessionState, String mode,
                          double socPct, double voltageV, double currentA, double powerW, double importedWh, double exportedWh,
                          double chargeLimitW, String chargeReason, double dischargeLimitW, String dischargeReason,
                          List<String> trips, List<String> faults) {
    }

    private final int id;
    private final ChargePoint cp;
    private final Supplier<ConnectorLifecycle.Status> lifecycle;
    private volatile String protocol = "none";
    private volatile String sessionState = "idle";

    /** @param lifecycle the connector's lifecycle status (null on benches without a lifecycle: derived from the charge control) */
    public ConnectorView(int id, ChargePoint cp, Supplier<ConnectorLifecycle.Status> lifecycle) {
        this.id = id;
        this.cp = cp;
        this.lifecycle = lifecycle;
    }

    public int id() {
        return id;
    }

    /** The handshake picked a protocol: "iso15118-20", "iso15118-2" or "din70121". */
    public void protocol(String name) {
        protocol = name;
    }

    /** The session's state after a message ("Ended", "Paused", or the state it waits in). */
    public void sessionState(String name) {
        sessionState = name;
    }

    public String sessionState() {
        return sessionState;
    }

    public Reading read() {
        HalChargeControl.Snapshot s = cp.charge().snapshot();
        ConnectorLifecycle.Status st = lifecycle == null ? null : lifecycle.get();
        String life;
        String lifeReason;
        if (st != null) {
            life = st.state();
            lifeReason = st.reason();
        } else {
            life = s.energized() ? "InSession" : "Idle";
            lifeReason = s.energized() ? "energized" : "no session";
        }
        // IEC 61851-1 basic charging (no high-level communication) has no V2G protocol.
        String proto = life.equals("BasicCharging") ? "iec61851" : life.equals("Idle") && !s.energized() ? "none" : protocol;
        List<TripRecord> all = cp.trips();
        List<String> trips = new ArrayList<>(Math.min(all.size(), RECENT_TRIPS));
        for (TripRecord t : all.subList(Math.max(0, all.size() - RECENT_TRIPS), all.size())) {
            trips.add(t.toString());
        }
        List<String> faults = new ArrayList<>(cp.charge().hardwareFaults());
        if (life.equals("Faulted") || life.equals("Error")) {
            faults.add("connector " + life + ": " + lifeReason);
        }
        EnergyRegisters.Values e = cp.charge().registers().published();
        return new Reading(id, life, lifeReason, proto, sessionState, s.mode(), s.socPct(), s.voltageV(), s.currentA(), s.powerW(),
                e.importedWh(), e.exportedWh(), s.chargeLimitW(), s.chargeReason(), s.dischargeLimitW(), s.dischargeReason(),
                List.copyOf(trips), List.copyOf(faults));
    }
}
