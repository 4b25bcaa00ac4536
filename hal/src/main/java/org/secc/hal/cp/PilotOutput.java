package org.secc.hal.cp;

/** What the EVSE drives onto the control pilot. */
public sealed interface PilotOutput {
    /** Constant +12 V, oscillator off. */
    record X1() implements PilotOutput { }

    /** 1 kHz PWM with the given duty cycle in percent. */
    record Pwm(double dutyPercent) implements PilotOutput {
        public Pwm {
            if (!(dutyPercent > 0 && dutyPercent < 100)) {
                throw new IllegalArgumentException("PWM duty must be in (0, 100) %, got " + dutyPercent);
            }
        }
    }

    /** Constant −12 V: state F, EVSE not available. */
    record F() implements PilotOutput { }

    /** Source switched off (0 V). */
    record Off() implements PilotOutput { }

    PilotOutput X1 = new X1();
    PilotOutput F = new F();
    PilotOutput OFF = new Off();
}
