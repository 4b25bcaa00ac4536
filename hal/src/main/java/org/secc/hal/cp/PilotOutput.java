package org.secc.hal.cp;

/** What the charger drives on the pilot wire. */
public sealed interface PilotOutput {
    /** Constant +12 V, oscillator off (state suffix 1). */
    record X1() implements PilotOutput {
    }

    /** 1 kHz PWM at this duty cycle (suffix 2). */
    record Pwm(double dutyPercent) implements PilotOutput {
        public Pwm {
            if (!(dutyPercent > 0 && dutyPercent < 100)) {
                throw new IllegalArgumentException("duty cycle must be inside (0, 100) %, not " + dutyPercent);
            }
        }
    }

    /** Constant −12 V: the charger is not available (state F). */
    record F() implements PilotOutput {
    }

    PilotOutput CONSTANT_X1 = new X1();
    PilotOutput CONSTANT_F = new F();
}
