package org.secc.hal.thermal;

import java.util.Map;

/** Temperature sensors (power module, connector pins, cable). */
public interface Temperatures {
    /** Latest reading of every sensor, degrees Celsius, by sensor name. */
    Map<String, Double> readC();

    /** Highest reading, or NaN when there are no sensors. */
    default double maxC() {
        return readC().values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
