package org.secc.hal.power;

import java.util.List;

/**
 * A bidirectional power stage (DC power module or bidirectional inverter).
 *
 * <p>Sign convention (README "Hardware abstraction": + charges the EV, same as ISO 15118-20 present/target values): current and power
 * are <b>positive when energy flows into the EV (charging)</b> and <b>negative when the EV discharges
 * into the grid</b>. Limits in {@link PowerCapabilities} are magnitudes (never negative).
 */
public interface PowerStage {

    /** What this stage can do. Constant for one device. */
    PowerCapabilities capabilities();

    /**
     * Sets the operating point. Voltage is the output voltage limit/target (DC) in volts; current and
     * power are signed targets (+ charge, − discharge). The stage clamps to its capabilities and
     * ramps at its own rate; {@link #present()} shows where it is.
     */
    void setTarget(PowerTarget target);

    /** Enables the output (ramps toward the target). */
    void enable();

    /** Ramps current/power to zero and then disables the output. Safe in any state. */
    void rampToZeroAndDisable();

    /** Present measured values. */
    PowerReading present();

    /** Active faults (empty when healthy). Any fault means the stage has stopped delivering power. */
    List<PowerFault> faults();

    /**
     * Operator reset of latched faults (after the cause was checked), e.g. a lost Modbus exchange.
     * A device that still reports a fault raises it again at its next poll.
     */
    void clearFaults();
}
