package org.secc.app.charge;

import java.util.Optional;

/**
 * The single bridge from a session (ISO 15118-20, -2, DIN 70121) to the hardware (and, behind it, the
 * grid supervisor and the discharge policy). The session calls it from its connection thread only;
 * implementations may be driven by other threads (trips, `secc ctl`) and must make these calls safe
 * against them.
 *
 * <p><b>Every call returns at once</b> (no hardware wait, no Modbus exchange, no sleep): hardware
 * sequences run on the charge controller's own thread and the calls report their progress. Calls
 * that start a sequence are idempotent and are simply repeated: {@link #cableCheck} answers
 * ONGOING, {@link #startPower} answers {@link PowerDeliveryResult#PENDING} until the sequence is
 * done. A message with EVSEProcessing (cable check, precharge) answers Ongoing meanwhile; a message
 * without it (PowerDeliveryRes) is held back by the edge, which asks again every few milliseconds
 * without holding the session lock.
 *
 * <p>Sign convention everywhere (README "Hardware abstraction": + charges the EV): current and power are <b>+ into the EV (charge)</b> and
 * <b>− out of the EV (discharge)</b>. Limits are magnitudes (≥ 0); the session chooses the sign on
 * the wire for discharge limits (the standard leaves their sign open, secc-app/README-session.md).
 */
public interface ChargeControl {

    /** Result of the EIM authorization check (RFID, app, or bench auto-authorize). */
    enum EimDecision { PENDING, ACCEPTED, REJECTED }

    /** Polled on every AuthorizationReq until it leaves PENDING. */
    EimDecision eimAuthorization();

    /**
     * Present DC limits: configuration ∩ power stage ∩ discharge policy ∩ grid supervisor. Used for
     * DC_ChargeParameterDiscoveryRes, the schedules of ScheduleExchangeRes and each charge-loop response.
     */
    DcLimits dcLimits();

    /** Present AC limits, as {@link #dcLimits()} for AC and AC_BPT. */
    AcLimits acLimits();

    /**
     * What the EV and the charger agreed on for this session. Told once after the charge parameter
     * discovery (and again after a resume), before any power flows, so that the policy can count the
     * depth of discharge from here.
     */
    void energyTransferSelected(EnergyTransfer transfer);

    /**
     * Scheduled mode: the schedule just offered in ScheduleExchangeRes (W, magnitudes). The charger
     * compares it with its present limits and asks for a renegotiation (EVSENotification
     * ScheduleRenegotiation) when they drift apart, which is how the policy reaches a Scheduled EV.
     */
    default void scheduleOffered(double maxChargePowerW, double maxDischargePowerW) {
    }

    /**
     * The EV's needs from its ScheduleExchangeReq (-20), for the CSMS (OCPP NotifyEVChargingNeeds). Returns at
     * once; the answer to the EV never waits for the CSMS.
     */
    default void chargingNeeds(ChargingNeeds needs) {
    }

    /** The EV's power profile from PowerDeliveryReq(Start) (-20), for the CSMS (OCPP NotifyEVChargingSchedule). */
    default void evPowerProfile(EvPowerProfile profile) {
    }

    /**
     * Scheduled mode: later changes of the limits the charger already knows (the CSMS's composite), as steps
     * from {@code epochSeconds}: each with its offset in seconds and the charge/discharge caps (W, magnitudes,
     * NaN = no cap) from then on. Empty: the present limits hold for the whole schedule.
     */
    default java.util.List<ScheduleStep> scheduleAhead(long epochSeconds) {
        return java.util.List.of();
    }

    /** One later step of {@link #scheduleAhead}. */
    record ScheduleStep(long offsetS, double maxChargeW, double maxDischargeW) {}

    /** Result of the insulation (cable) check. */
    enum IsolationResult { ONGOING, PASSED, FAULT }

    /**
     * Starts the cable check at the given test voltage on the first call (contactors closed during
     * the test, IEC 61851-23 6.4.3.106) and reports its progress on later calls. FAULT means an
     * insulation resistance below 100 kΩ or a stage fault. Every session measures the insulation
     * itself: while a previous session's power-off still runs the check stays ONGOING.
     */
    IsolationResult cableCheck(double testVoltage);

    /** Asks for the output to regulate toward targetVoltage with current limited; returns the present voltage. */
    double preCharge(double targetVoltage);

    /** Result of PowerDeliveryReq(Start). */
    enum PowerDeliveryResult {
        /** Contactors closed (mirror contacts confirm) and the stage enabled. */
        OK,
        /** Contactors did not close within the performance time ([V2G20-862]): FAILED_ContactorError. */
        CONTACTOR_ERROR,
        /** The charger cannot deliver energy now (fault, trip, emergency stop): FAILED_PowerDeliveryNotApplied. */
        NOT_APPLIED,
        /** Still closing (or waiting for CP state C): ask again; the response waits (bounded by the contactor time). */
        PENDING
    }

    /**
     * PowerDeliveryReq(Start): DC keeps the contactors closed since the cable check and enables the
     * stage; AC closes the contactors and confirms them by feedback within the contactor performance
     * time (at most 3 s, [V2G20-860/862]). Returns {@link PowerDeliveryResult#PENDING} until done;
     * call again. Idempotent (an EV may send Start more than once).
     */
    PowerDeliveryResult startPower();

    /**
     * One charge-loop step: applies the EV's request within every limit, sets the power stage and
     * reports what the response needs. Called for every AC/DC_ChargeLoopReq.
     */
    LoopResult chargeLoop(LoopRequest request);

    /**
     * PowerDeliveryReq(Stop), or the -2/DIN equivalents: asks for power to ramp to zero, then for the
     * contactors to open once the current is zero (bounded), without waiting for welding detection.
     */
    void stopPower();

    /**
     * DC_WeldingDetectionReq: asks for the contactors to open once the current is zero unless {@link #stopPower} already did;
     * every call reports the voltage measured at the output now (the EV judges welding from it).
     */
    double weldingDetection();

    /**
     * The charger side's request to the EV, if any: sent as EVSEStatus in every PowerDeliveryRes and
     * ChargeLoopRes while present (secc-app/README-session.md, charger-side notifications). Grid trips, emergency stop, `secc ctl` and policy
     * changes in Scheduled mode raise them.
     */
    Optional<EvseNotification> notification();

    /**
     * Any end of a session: asks for the ordered power-off (current to zero, confirmed or bounded;
     * then contactors open; then the connector is free) and returns at once. Idempotent.
     */
    void powerOffAndOpenContactors(String reason);

    /** True once the last requested power-off finished: current at zero, contactors open. */
    default boolean poweredOff() {
        return true;
    }

    /**
     * Why the charger wants the session to end now, if it does: the EV went silent in the charge loop
     * and its current was ramped to zero. The session ends as on its sequence timeout ([V2G20-1500]).
     */
    default Optional<String> endRequested() {
        return Optional.empty();
    }
}
