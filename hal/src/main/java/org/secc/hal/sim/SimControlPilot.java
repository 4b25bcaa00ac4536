package org.secc.hal.sim;

import org.secc.hal.cp.ControlPilot;
import org.secc.hal.cp.CpMeasurement;
import org.secc.hal.cp.PilotOutput;

/**
 * The CP line with a simulated EV on the other end: EVSE source ±12 V behind 1 kΩ; the EV adds a
 * diode and 2.74 kΩ (S2 open, state B), in parallel 1.3 kΩ (S2 closed, C) or 270 Ω (D). The
 * measurement is computed from that divider, so thresholds are exercised with realistic levels
 * (B ≈ 8.8 V, C ≈ 5.6 V, D ≈ 2.4 V).
 */
public final class SimControlPilot implements ControlPilot {
    /** What the EV does on the CP. */
    public enum EvSide { UNPLUGGED, B, C, D }

    static final double SOURCE_V = 12.0;
    static final double SOURCE_OHM = 1000;
    static final double R_B = 2740;
    static final double R_C = 1300;
    static final double R_D = 270;

    private final SimClock clock;
    private PilotOutput output = PilotOutput.X1;
    private EvSide ev = EvSide.UNPLUGGED;
    private boolean shortToPe;
    private boolean diodeShorted;
    private boolean adcDead;
    private CpMeasurement last;

    SimControlPilot(SimClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void setPwmDuty(double dutyPercent) {
        output = new PilotOutput.Pwm(dutyPercent);
    }

    @Override
    public synchronized void setX1() {
        output = PilotOutput.X1;
    }

    @Override
    public synchronized void setF() {
        output = PilotOutput.F;
    }

    @Override
    public synchronized void off() {
        output = PilotOutput.OFF;
    }

    @Override
    public synchronized PilotOutput output() {
        return output;
    }

    /** Sets what the EV presents (plug in = B, S2 closed = C, ...). */
    public synchronized void setEv(EvSide side) {
        ev = side;
    }

    public synchronized EvSide ev() {
        return ev;
    }

    /** Fault injection: CP shorted to PE (state E). */
    public synchronized void injectShortToPe(boolean on) {
        shortToPe = on;
    }

    /** Fault injection: the EV's diode is shorted (the negative half reaches the EV resistor). */
    public synchronized void injectDiodeShorted(boolean on) {
        diodeShorted = on;
    }

    /** Fault injection: the ADC stops delivering new samples (pilot measurement lost). */
    public synchronized void injectAdcFailure(boolean on) {
        adcDead = on;
    }

    private double evOhm() {
        return switch (ev) {
            case UNPLUGGED -> Double.POSITIVE_INFINITY;
            case B -> R_B;
            case C -> parallel(R_B, R_C);
            case D -> parallel(R_B, R_D);
        };
    }

    private static double parallel(double a, double b) {
        return a * b / (a + b);
    }

    private static double divide(double sourceV, double loadOhm) {
        return Double.isInfinite(loadOhm) ? sourceV : sourceV * loadOhm / (loadOhm + SOURCE_OHM);
    }

    @Override
    public synchronized CpMeasurement measure() {
        if (adcDead && last != null) {
            return last;
        }
        long now = clock.nanos();
        double high;
        double low = Double.NaN;
        if (shortToPe) {
            high = 0;
            low = output instanceof PilotOutput.Pwm ? 0 : Double.NaN;
        } else if (output instanceof PilotOutput.Off) {
            high = 0;
        } else if (output instanceof PilotOutput.F) {
            // −12 V: the diode blocks, the EV draws nothing
            high = diodeShorted ? divide(-SOURCE_V, evOhm()) : -SOURCE_V;
        } else {
            high = divide(SOURCE_V, evOhm());
            if (output instanceof PilotOutput.Pwm) {
                low = diodeShorted ? divide(-SOURCE_V, evOhm()) : -SOURCE_V;
            }
        }
        last = new CpMeasurement(now, high, low);
        return last;
    }
}
