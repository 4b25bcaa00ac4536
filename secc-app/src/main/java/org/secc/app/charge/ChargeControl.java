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

    /** Any end of a session: ramp power to zero, then open the contactors. Idempotent. */
    void powerOffAndOpenContactors(String reason);
}
