package org.secc.hal.cp;

import java.util.List;
import java.util.function.Consumer;

/**
 * Connects {@link ControlPilotMachine} to a {@link ControlPilot}: applies the outputs the machine
 * asks for, feeds it the pilot's measurements, and hands every other action (open contactors, state
 * changes, faults) to the charge control. The caller's thread drives it: call {@link #poll(long)} at
 * the sampling rate (every few milliseconds) and at {@link ControlPilotMachine#deadline()}.
 */
public final class ControlPilotEdge {
    private final ControlPilot pilot;
    private final ControlPilotMachine machine;
    private final Consumer<CpAction> sink;

    public ControlPilotEdge(ControlPilot pilot, ControlPilotMachine machine, Consumer<CpAction> sink) {
        this.pilot = pilot;
        this.machine = machine;
        this.sink = sink;
    }

    public ControlPilotMachine machine() {
        return machine;
    }

    /** Applies what a command of the machine returned. */
    public void apply(List<CpAction> actions) {
        for (CpAction a : actions) {
            if (a instanceof CpAction.SetOutput s) {
                PilotOutput o = s.output();
                if (o instanceof PilotOutput.Pwm p) {
                    pilot.setPwmDuty(p.dutyPercent());
                } else if (o instanceof PilotOutput.F) {
                    pilot.setF();
                } else if (o instanceof PilotOutput.Off) {
                    pilot.off();
                } else {
                    pilot.setX1();
                }
            }
            sink.accept(a);
        }
    }

    /** One sampling step: measure, feed, tick. */
    public void poll(long now) {
        CpMeasurement m = pilot.measure();
        if (m != null) {
            apply(machine.onSample(m.monotonicNanos(), m.highV(), m.lowV()));
        }
        apply(machine.onTick(now));
    }
}
