package org.secc.app.charge;

/**
 * The narrow bridge from the -20 session to the hardware. Only what the session states built so
 * far need; the implementation over the HAL lives beside it once the HAL interfaces land.
 */
public interface ChargeControl {

    /** Result of the EIM authorization check (RFID, app, or bench auto-authorize). */
    enum EimDecision { PENDING, ACCEPTED, REJECTED }

    /** Polled on every AuthorizationReq until it leaves PENDING. */
    EimDecision eimAuthorization();

    /** Present DC limits: configuration intersected with what the power stage reports. */
    DcLimits dcLimits();

    /** Result of the insulation (cable) check. */
    enum IsolationResult { ONGOING, PASSED, FAULT }

    /**
     * Starts the cable check at the given test voltage on the first call (contactors closed during
     * the test, IEC 61851-23 6.4.3.106) and reports its progress on later calls. FAULT means an
     * insulation resistance below 100 kΩ or a stage fault.
     */
    IsolationResult cableCheck(double testVoltage);

    /** Regulates the output toward targetVoltage with current limited; returns the present voltage. */
    double preCharge(double targetVoltage);

    /** Any end of a session: ramp power to zero, then open the contactors. Idempotent. */
    void powerOffAndOpenContactors(String reason);
}
