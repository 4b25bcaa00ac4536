package org.secc.hal.cp;

/** What the control-pilot state machine asks its edges to do or tells the session. */
public sealed interface CpAction {
    /** Drive the pilot with this output (the edge calls the matching {@link ControlPilot} method). */
    record DrivePilot(PilotOutput output) implements CpAction { }

    /** The debounced CP state changed. */
    record StateChanged(CpState from, CpState to, long monotonicNanos) implements CpAction { }

    /** Open the contactors and stop power now (the E/F / C→B rule: within 100 ms of the event). */
    record OpenContactors(String reason, long monotonicNanos) implements CpAction { }

    /** The PWM low level did not reach −12 V while the EV shows B/C/D: diode missing or shorted. */
    record DiodeFault(double lowV, long monotonicNanos) implements CpAction { }

    /** The EV asked to resume a paused session with a B→C→B toggle (IEC 61851-1 and ISO 15118-3, hal/README.md). */
    record EvWakeUp(int pulses, long monotonicNanos) implements CpAction { }
}
