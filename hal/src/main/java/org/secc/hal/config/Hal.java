package org.secc.hal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.secc.hal.contactor.Contactors;
import org.secc.hal.cp.ControlPilot;
import org.secc.hal.cp.CpConfig;
import org.secc.hal.estop.EmergencyStop;
import org.secc.hal.grid.GridMonitor;
import org.secc.hal.isolation.IsolationMonitor;
import org.secc.hal.power.PowerStage;
import org.secc.hal.sim.SimBench;
import org.secc.hal.thermal.Temperatures;

/**
 * The assembled hardware of one charge point. {@code bench} is present for the simulated backend.
 * {@code resources} are released by {@link #close()} in reverse order (the linux backend's pollers,
 * Modbus connections and GPIO lines).
 */
public record Hal(ControlPilot controlPilot, CpConfig cpConfig, Contactors contactors, PowerStage powerStage,
                  GridMonitor gridMonitor, IsolationMonitor isolationMonitor, Temperatures temperatures,
                  EmergencyStop emergencyStop, Optional<SimBench> bench, List<AutoCloseable> resources)
        implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Hal.class.getName());

    public Hal {
        resources = List.copyOf(resources);
    }

    /** A HAL without resources to release (the simulated bench). */
    public Hal(ControlPilot controlPilot, CpConfig cpConfig, Contactors contactors, PowerStage powerStage,
               GridMonitor gridMonitor, IsolationMonitor isolationMonitor, Temperatures temperatures,
               EmergencyStop emergencyStop, Optional<SimBench> bench) {
        this(controlPilot, cpConfig, contactors, powerStage, gridMonitor, isolationMonitor, temperatures, emergencyStop,
                bench, List.of());
    }

    /** Opens the contactors, then releases every resource; never throws. */
    @Override
    public void close() {
        try {
            contactors.open();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "opening the contactors at shutdown failed", e);
        }
        List<AutoCloseable> r = new ArrayList<>(resources);
        java.util.Collections.reverse(r);
        for (AutoCloseable c : r) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + c + " failed", e);
            }
        }
    }
}
