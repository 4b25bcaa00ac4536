package org.secc.hal.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.secc.hal.thermal.Temperatures;

/**
 * First-order thermal models: the power module heats with its conversion loss (0.02 K/W, 60 s time
 * constant), the connector with the square of the current (40 K at 200 A, 120 s).
 */
public final class SimTemperatures implements Temperatures {
    static final double MODULE_K_PER_W = 0.02;
    static final double MODULE_TAU_S = 60;
    static final double CONNECTOR_K_PER_A2 = 40.0 / (200 * 200);
    static final double CONNECTOR_TAU_S = 120;

    private final SimPowerStage stage;
    private double ambientC = 25;
    private double moduleC = 25;
    private double connectorC = 25;
    private double coolingFactor = 1;

    SimTemperatures(SimPowerStage stage) {
        this.stage = stage;
    }

    @Override
    public synchronized Map<String, Double> readC() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("power_module", moduleC);
        m.put("connector", connectorC);
        return m;
    }

    synchronized double moduleC() {
        return moduleC;
    }

    /** Sets the ambient temperature. */
    public synchronized void setAmbientC(double c) {
        ambientC = c;
    }

    /** Fault injection: the module fan fails; the thermal resistance rises by this factor (e.g. 10). */
    public synchronized void injectCoolingFailure(double factor) {
        coolingFactor = factor;
    }

    synchronized void step(double dt) {
        double moduleEq = ambientC + stage.lossW() * MODULE_K_PER_W * coolingFactor;
        moduleC += (moduleEq - moduleC) * Math.min(1, dt / MODULE_TAU_S);
        double i = stage.present().currentA();
        double connEq = ambientC + i * i * CONNECTOR_K_PER_A2;
        connectorC += (connEq - connectorC) * Math.min(1, dt / CONNECTOR_TAU_S);
    }
}
