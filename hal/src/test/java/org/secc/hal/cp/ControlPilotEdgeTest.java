package org.secc.hal.cp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The edge drives a pilot and reads it back; an EV shorting the pilot opens the contactors at the next poll. */
class ControlPilotEdgeTest {
    /** A pilot wire with an EV whose resistor sets the high level. */
    static final class Wire implements ControlPilot {
        PilotOutput output = PilotOutput.X1;
        double evLevel = 12.0;
        long now;

        @Override
        public void setPwmDuty(double dutyPercent) {
            output = new PilotOutput.Pwm(dutyPercent);
        }

        @Override
        public void setX1() {
            output = PilotOutput.X1;
        }

        @Override
        public void setF() {
            output = PilotOutput.F;
        }

        @Override
        public void off() {
            output = PilotOutput.OFF;
        }

        @Override
        public PilotOutput output() {
            return output;
        }

        @Override
        public CpMeasurement measure() {
            if (output instanceof PilotOutput.F) {
                return new CpMeasurement(now, -12, Double.NaN);
            }
            return new CpMeasurement(now, evLevel, output instanceof PilotOutput.Pwm ? -12.0 : Double.NaN);
        }
    }

    @Test
    void drivesAndReadsThePilot() {
        Wire w = new Wire();
        List<CpAction> seen = new ArrayList<>();
        ControlPilotEdge edge = new ControlPilotEdge(w, new ControlPilotMachine(CpConfig.defaults()), seen::add);
        edge.apply(edge.machine().start(w.now));
        edge.apply(edge.machine().applyHlc(w.now));
        assertEquals(new PilotOutput.Pwm(5.0), w.output);
        for (double level : new double[] {12, 9, 6}) {
            w.evLevel = level;
            for (int i = 0; i < 10; i++) {
                w.now += 5_000_000L;
                edge.poll(w.now);
            }
        }
        assertEquals(CpState.C, edge.machine().state());
        seen.clear();
        w.evLevel = 0;
        w.now += 5_000_000L;
        edge.poll(w.now);
        assertTrue(seen.stream().anyMatch(a -> a instanceof CpAction.OpenContactors));
        assertEquals(PilotOutput.X1, w.output, "PWM off on E");
    }
}
