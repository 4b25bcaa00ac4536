package org.secc.hal.isolation;

/**
 * Insulation monitoring device (IMD) for the DC cable check (IEC 61851-23): measures the resistance
 * between DC+/DC− and PE while the cable is energised.
 */
public interface IsolationMonitor {

    /** Starts the device self-test. The result shows up in {@link #status()}. */
    void startSelfTest();

    /** Starts continuous measurement (call when the cable check begins). */
    void startMeasurement();

    /** Stops measuring (after the session). */
    void stopMeasurement();

    /** Latest status. */
    IsolationStatus status();
}
