package org.secc.hal.cp;

/** What the control-pilot machine asks of its edge and tells the charge control. */
public sealed interface CpAction {
    /** Drive this on the pilot (PWM generator). */
    record SetOutput(PilotOutput output) implements CpAction {
    }

    /** The debounced state changed. */
    record StateChanged(CpState from, CpState to) implements CpAction {
    }

    /** Power off and open the contactors now; the reason names the rule. */
    record OpenContactors(String reason) implements CpAction {
    }

    /** With PWM running the low level is not near −12 V: the EV's diode is missing or shorted. */
    record DiodeFault(double lowV) implements CpAction {
    }

    /** Long enough in F: the connector may be unlocked. */
    record UnlockAllowed() implements CpAction {
    }

    /** The EV toggled B→C→B while the pilot was in X1: it wants to wake the session up (facts sheet 1.5). */
    record WakeUpRequested() implements CpAction {
    }

    /** A timed step (E/F or X1) is over and the requested output is applied. */
    record StepDone(PilotOutput now) implements CpAction {
    }
}
