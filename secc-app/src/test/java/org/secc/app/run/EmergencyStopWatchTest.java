package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.secc.app.charge.ChargeController;
import org.secc.hal.config.Hal;
import org.secc.hal.config.HalConfig;
import org.secc.hal.config.HalFactory;
import org.secc.hal.estop.EmergencyStop;
import org.secc.hal.sim.SimBench;

/**
 * The emergency-stop thread with real threads: the simulated button wakes it through its edge (it
 * does not wait for a timer), an input without edges is still polled, and an input that throws
 * counts as pressed.
 */
class EmergencyStopWatchTest {

    private static Hal simHal(EmergencyStop input) {
        SimBench b = HalFactory.simBench(HalConfig.parse("hal.backend = sim\n"));
        return new Hal(b.controlPilot(), HalConfig.parse("hal.backend = sim\n").cp(), b.contactors(), b.powerStage(), b.grid(),
                b.isolationMonitor(), b.temperatures(), input == null ? b.emergencyStop() : input, Optional.of(b));
    }

    private static ChargeController controller(Hal hal) {
        return new ChargeController(hal, System::nanoTime, () -> true, 100_000, Duration.ofSeconds(2), Runnable::run);
    }

    /** Waits (up to 10 s, a fail-safe bound, not the measure) for the controller's contactor-open command. */
    private static long awaitOpenCommand(ChargeController c, long before) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (c.lastSafetyOpenNanos() == before) {
            assertTrue(System.nanoTime() < end, "no contactor-open command within 10 s");
            Thread.sleep(0, 100_000);
        }
        return c.lastSafetyOpenNanos();
    }

    @Test
    void simulatedButtonWakesTheWaiterThroughItsEdge() throws Exception {
        org.secc.hal.sim.SimEmergencyStop button = new org.secc.hal.sim.SimEmergencyStop();
        assertTrue(button.signalsEdges());
        // an edge before the wait is not lost
        button.press();
        assertTrue(button.awaitEdge(60_000_000_000L));
        assertFalse(button.awaitEdge(1_000_000L), "no edge: the wait times out");
        // a waiter blocked for a minute returns on the release from another thread
        AtomicBoolean woke = new AtomicBoolean();
        Thread waiter = new Thread(() -> woke.set(button.awaitEdge(60_000_000_000L)));
        waiter.start();
        while (waiter.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        long t = System.nanoTime();
        button.release();
        waiter.join(30_000);
        assertFalse(waiter.isAlive());
        assertTrue(woke.get(), "woken by the edge");
        assertTrue(System.nanoTime() - t < 30_000_000_000L);
        assertFalse(button.pressed());
    }

    @Test
    void pressOpensTheContactorsFromTheWatchThread() throws Exception {
        try (Hal hal = simHal(null)) {
            SimBench b = hal.bench().orElseThrow();
            ChargeController c = controller(hal);
            EmergencyStopWatch w = new EmergencyStopWatch(hal.emergencyStop(), c, hal.contactors()).start();
            try {
                for (int i = 0; i < 3; i++) {
                    b.contactors().close();
                    long before = c.lastSafetyOpenNanos();
                    long t = System.nanoTime();
                    b.emergencyStop().press();
                    long opened = awaitOpenCommand(c, before);
                    assertTrue(opened - t >= 0);
                    assertFalse(hal.contactors().state().commandedClosed(), "press " + i + ": contactors commanded open");
                    assertNotEquals(-1, w.lastPressSeenNanos());
                    assertTrue(c.latched().contains("emergency stop"), c.latched());
                    b.emergencyStop().release();
                }
            } finally {
                w.close();
            }
        }
    }

    @Test
    void anInputWithoutEdgesIsPolled() throws Exception {
        AtomicBoolean pressed = new AtomicBoolean();
        EmergencyStop plain = pressed::get; // no edge events: the default wait only times out
        assertFalse(plain.signalsEdges());
        try (Hal hal = simHal(plain)) {
            ChargeController c = controller(hal);
            EmergencyStopWatch w = new EmergencyStopWatch(plain, c, hal.contactors()).start();
            try {
                hal.contactors().close();
                long before = c.lastSafetyOpenNanos();
                pressed.set(true);
                awaitOpenCommand(c, before);
                assertFalse(hal.contactors().state().commandedClosed());
            } finally {
                w.close();
            }
        }
    }

    @Test
    void anInputThatCannotBeReadCountsAsPressed() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        EmergencyStop input = new EmergencyStop() {
            @Override
            public boolean pressed() {
                if (broken.get()) {
                    throw new IllegalStateException("GPIO_V2_LINE_GET_VALUES_IOCTL failed (errno 5)");
                }
                return false;
            }

            @Override
            public boolean signalsEdges() {
                return true; // claims edges, then breaks: the fallback read still finds it
            }
        };
        try (Hal hal = simHal(input)) {
            ChargeController c = controller(hal);
            EmergencyStopWatch w = new EmergencyStopWatch(input, c, hal.contactors()).start();
            try {
                hal.contactors().close();
                long before = c.lastSafetyOpenNanos();
                broken.set(true);
                awaitOpenCommand(c, before);
                assertTrue(c.latched().contains("unreadable"), c.latched());
                assertEquals(false, hal.contactors().state().commandedClosed());
            } finally {
                w.close();
            }
        }
    }
}
