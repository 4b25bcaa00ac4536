package org.secc.app.grid;

/**
 * What tripped: the function, the measured value that crossed the threshold (p.u. for voltage, Hz for
 * frequency, Hz/s for ROCOF, degrees for phase jump, nanoseconds for sample timeout), the threshold,
 * when the condition was first seen and when the trip was decided (monitor's monotonic nanos).
 */
public record TripRecord(TripFunction function, double measured, double threshold, long firstBeyondNanos,
                         long tripNanos) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s trip: measured %.4g, threshold %.4g, after %.3f s",
                function, measured, threshold, (tripNanos - firstBeyondNanos) / 1e9);
    }
}
