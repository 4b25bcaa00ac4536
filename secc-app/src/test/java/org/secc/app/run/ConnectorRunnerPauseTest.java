package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secc.app.connector.LifecycleConfig;
import org.secc.hal.config.Hal;
import org.secc.hal.config.HalConfig;
import org.secc.hal.config.HalFactory;
import org.secc.hal.cp.CpState;
import org.secc.hal.sim.SimBench;
import org.secc.hal.sim.SimControlPilot;

/**
 * The pilot's pause and a paused EV that comes back at once. The connector's loop runs behind the session's
 * thread: here the test is that loop ({@link ConnectorRunner#drain}, no thread), so the order in which the
 * session's reports and the loop's turns interleave is chosen, not left to the scheduler.
 */
class ConnectorRunnerPauseTest {
    private SimBench bench;
    private Hal hal;
    private PilotSupervisor pilot;
    private ConnectorRunner runner;

    @BeforeEach
    void inSession() throws Exception {
        HalConfig hc = HalConfig.parse("hal.backend = sim\n");
        bench = HalFactory.simBench(hc);
        hal = new Hal(bench.controlPilot(), hc.cp(), bench.contactors(), bench.powerStage(), bench.grid(), bench.isolationMonitor(),
                bench.temperatures(), bench.emergencyStop(), Optional.of(bench));
        bench.controlPilot().setEv(SimControlPilot.EvSide.C);
        pilot = new PilotSupervisor(hal, bench::nanos, f -> { });
        step();
        assertEquals(CpState.C, pilot.state());
        runner = new ConnectorRunner(1, LifecycleConfig.defaults(), pilot, hal, null, null, why -> { });
        runner.begin();
        runner.drain(); // the car on the cable: link up without SLAC, 5 %
        step();
        runner.sessionState("WaitSessionSetup");
        runner.drain();
        assertEquals("InSession", runner.status().state());
        assertTrue(pilot.closeAllowed(), "C with 5 %: the contactors may close");
    }

    private void step() {
        for (int i = 0; i < 20; i++) {
            bench.step(Duration.ofMillis(2));
            pilot.pollOnce();
        }
    }

    @Test
    void aPauseOpensTheContactorsAndBlocksClosingUntilTheEvComesBack() throws Exception {
        hal.contactors().close();
        runner.sessionState("Paused");
        runner.drain();
        assertEquals("Paused", runner.status().state());
        assertFalse(hal.contactors().state().commandedClosed(), "the pause opens the contactors");
        assertFalse(pilot.closeAllowed(), "closing blocked while paused");

        runner.sessionState("WaitChargeParameterDiscovery"); // SessionSetup with the paused SessionID
        runner.drain();
        assertEquals("InSession", runner.status().state());
        assertTrue(pilot.closeAllowed(), "the wake-up lets the resumed session close them");
    }

    @Test
    void aPauseThatArrivesAfterTheEvCameBackLeavesTheResumedSessionAlone() throws Exception {
        // the session's thread reports the pause and, a millisecond later, the resumed session, before the loop's turn
        runner.sessionState("Paused");
        runner.sessionState("WaitChargeParameterDiscovery");
        runner.sessionState("WaitPowerDelivery");
        // the resumed session's AC PowerDelivery(Start) closes the contactors (the pilot allows it: not paused yet)
        assertTrue(pilot.closeAllowed());
        hal.contactors().close();
        runner.drain(); // the loop's turn: the pause, then the session started
        step();
        assertTrue(hal.contactors().state().commandedClosed(), "the late pause does not open the resumed session's contactors");
        assertTrue(hal.contactors().state().mirrorClosed());
        assertTrue(pilot.closeAllowed());
        assertEquals("InSession", runner.status().state());
    }
}
