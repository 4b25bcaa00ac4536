package org.secc.hal.config;

import java.util.Optional;
import org.secc.hal.contactor.Contactors;
import org.secc.hal.cp.ControlPilot;
import org.secc.hal.cp.CpConfig;
import org.secc.hal.estop.EmergencyStop;
import org.secc.hal.grid.GridMonitor;
import org.secc.hal.isolation.IsolationMonitor;
import org.secc.hal.power.PowerStage;
import org.secc.hal.sim.SimBench;
import org.secc.hal.thermal.Temperatures;

/** The assembled hardware of one charge point. {@code bench} is present for the simulated backend. */
public record Hal(ControlPilot controlPilot, CpConfig cpConfig, Contactors contactors, PowerStage powerStage,
                  GridMonitor gridMonitor, IsolationMonitor isolationMonitor, Temperatures temperatures,
                  EmergencyStop emergencyStop, Optional<SimBench> bench) { }
