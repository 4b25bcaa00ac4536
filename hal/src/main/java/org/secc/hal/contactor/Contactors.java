package org.secc.hal.contactor;

/**
 * The main contactors between power stage and the EV (DC+ and DC−, or the AC phases), each with a
 * mirror contact that reports the real position.
 */
public interface Contactors {

    /** Energises the coils. Closing is only requested; {@link #state()} tells whether it happened. */
    void close();

    /** De-energises the coils. Must always be safe to call, in any state, repeatedly. */
    void open();

    /** Commanded position and mirror-contact feedback. */
    ContactorState state();

    /** Faults seen so far since the last {@link #clearFaults()} (welding, feedback mismatch). */
    java.util.List<ContactorFault> faults();

    /** Forgets latched faults (after the operator checked the hardware). */
    void clearFaults();
}
