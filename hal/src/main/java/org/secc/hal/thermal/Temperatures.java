package org.secc.hal.thermal;

import java.util.Map;

/** Temperature sensors (power module, connector pins, cable). */
public interface Temperatures {
    /** Latest reading of every sensor, degrees Celsius, by sensor name. */
    Map<String, Double> readC();

    /** Highest reading, or NaN when there are no sensors (or one reads NaN). A plain loop: every charge-loop message asks. */
    default double maxC() {
        double max = Double.NaN;
        boolean any = false;
        for (double c : readC().values()) {
            max = any ? Math.max(max, c) : c;
            any = true;
        }
        return max;
    }
}
