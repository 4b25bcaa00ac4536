package org.secc.app.charge;

/**
 * The session's energy count from the charge-loop steps: power × time between two steps, into the
 * EV (charged) and out of it (discharged). A resumed session keeps counting; a new one starts at 0.
 */
public final class EnergyMeter {
    private double chargedWh;
    private double dischargedWh;
    private long lastNanos = -1;

    /** Counts the power of this step over the time since the last one. */
    public void step(long nowNanos, double powerW) {
        if (lastNanos >= 0 && nowNanos > lastNanos) {
            double dtH = (nowNanos - lastNanos) / 1e9 / 3600.0;
            if (powerW > 0) {
                chargedWh += powerW * dtH;
            } else {
                dischargedWh += -powerW * dtH;
            }
        }
        lastNanos = nowNanos;
    }

    /** Power flow paused (stop, power-off): the next step starts a new interval. */
    public void pause() {
        lastNanos = -1;
    }

    public void reset() {
        chargedWh = 0;
        dischargedWh = 0;
        lastNanos = -1;
    }

    public double chargedWh() {
        return chargedWh;
    }

    public double dischargedWh() {
        return dischargedWh;
    }
}
