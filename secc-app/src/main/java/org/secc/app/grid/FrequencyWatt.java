package org.secc.app.grid;

/**
 * IEEE 1547-2018 frequency-droop for storage, both directions (secc-app/README-grid.md): outside the deadband the
 * power changes by (|f − f0| − db) / (k · f0) p.u. of rated power. Sign convention of this project
 * (README "Hardware abstraction": + charges the EV): positive = towards charging the EV. Over-frequency gives a positive adjustment (less
 * discharge / more charge); under-frequency a negative one (less charge / more discharge).
 */
public final class FrequencyWatt {
    private FrequencyWatt() {
    }

    /** Steady-state adjustment in p.u. of rated power, clamped to ±2 (full charge to full discharge). */
    public static double targetPu(GridCode c, double f) {
        double f0 = c.nominalHz;
        double p;
        if (f > f0 + c.droopDeadbandOfHz) {
            p = (f - f0 - c.droopDeadbandOfHz) / (c.droopKOf * f0);
        } else if (f < f0 - c.droopDeadbandUfHz) {
            p = -(f0 - c.droopDeadbandUfHz - f) / (c.droopKUf * f0);
        } else {
            p = 0;
        }
        return Math.max(-2.0, Math.min(2.0, p));
    }
}
