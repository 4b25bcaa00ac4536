package org.secc.app.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.secc.app.charge.ChargeController;
import org.secc.app.run.ChargePoint;
import org.secc.app.session.Action;
import org.secc.app.session.Outcome;
import org.secc.app.session.RationalNumbers;
import org.secc.exi.iso20.common.PowerDeliveryReqType;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.common.chargeProgressType;
import org.secc.exi.iso20.common.chargingSessionType;
import org.secc.exi.iso20.dc.DC_WeldingDetectionReqType;
import org.secc.exi.iso20.types.processingType;
import org.secc.hal.sim.HalEventLog.Event;
import org.secc.hal.sim.HalEventLog.Kind;

/**
 * Power-off is one ordered sequence on every path: current to zero (confirmed or after the bounded
 * wait), then the contactors open, then the connector is free. Read from the simulated HAL's event
 * log after a DC_BPT Dynamic session discharged at the bench pack's −50 A. Safety paths (emergency
 * stop, grid trip) open at once, with the stage commanded to zero at the same moment, and nothing
 * closes again until the session's power-off.
 */
class PowerOffOrderTest {

    /** A rig discharging at full current; returns the bench time the path starts at. */
    private static LoopRig discharging() {
        LoopRig rig = new LoopRig(LoopRig.Variant.DC_BPT_Dynamic, ChargePoint.SupervisorMode.INLINE, "", s -> { });
        for (int i = 0; i < 30; i++) {
            rig.step();
            rig.advance(50);
        }
        assertTrue(rig.bench.powerStage().present().currentA() < -40, "discharging: " + rig.bench.powerStage().present());
        assertTrue(rig.bench.contactors().state().mirrorClosed());
        return rig;
    }

    private static List<Event> since(LoopRig rig, long t0) {
        return rig.bench.events().events().stream().filter(e -> e.nanos() >= t0).toList();
    }

    /** The ordered power-off after t0: ramp commanded, current at zero (under 1 A), then open, then free; nothing closes after. */
    private static void assertOrderedPowerOff(LoopRig rig, long t0) {
        List<Event> ev = since(rig, t0);
        int ramp = indexOf(ev, Kind.STAGE_RAMP_TO_ZERO);
        int open = indexOf(ev, Kind.CONTACTORS_OPEN);
        assertTrue(ramp >= 0 && open > ramp, "ramp to zero commanded, then open: " + ev);
        // "Zero" is the controller's off threshold: below 1 A the stage counts as off.
        assertTrue(Math.abs(ev.get(open).currentA()) < ChargeController.OFF_CURRENT_A, "opened without load: " + ev.get(open));
        if (Math.abs(ev.get(ramp).currentA()) > 40) {
            assertTrue(ev.get(open).nanos() - ev.get(ramp).nanos() >= 400_000_000L, "the −50 A ramp (100 A/s) was waited for: " + ev);
        }
        assertEquals(-1, indexOf(ev.subList(open, ev.size()), Kind.CONTACTORS_CLOSE), "nothing closes again: " + ev);
        ChargeController.Snapshot s = rig.cp.controller().snapshot();
        assertEquals(ChargeController.Phase.IDLE, s.phase());
        assertTrue(s.freeSinceNanos() >= ev.get(open).nanos(), "the connector is free only after the opening: " + s);
        assertFalse(rig.bench.contactors().state().mirrorClosed());
    }

    private static int indexOf(List<Event> ev, Kind k) {
        for (int i = 0; i < ev.size(); i++) {
            if (ev.get(i).kind() == k) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void sessionEndByTheEv() {
        try (LoopRig rig = discharging()) {
            long t0 = rig.bench.nanos();
            Outcome stop = rig.session.handle(new PowerDeliveryReqType(rig.h(), processingType.Finished, chargeProgressType.Stop, null, null));
            assertTrue(stop.response().isPresent(), "PowerDeliveryRes(Stop) at once");
            for (int i = 0; i < 15; i++) {
                rig.session.handle(new DC_WeldingDetectionReqType(rig.h(), processingType.Ongoing));
                rig.advance(100);
            }
            rig.session.handle(new SessionStopReqType(rig.h(), chargingSessionType.Terminate, null, null));
            rig.advance(1500);
            assertOrderedPowerOff(rig, t0);
        }
    }

    @Test
    void tcpDrop() {
        try (LoopRig rig = discharging()) {
            long t0 = rig.bench.nanos();
            rig.session.connectionLost(); // returns at once: the controller powers off
            assertEquals(0, since(rig, t0).stream().filter(e -> e.kind() == Kind.CONTACTORS_OPEN).count(), "not opened under load");
            rig.advance(1500);
            assertOrderedPowerOff(rig, t0);
        }
    }

    @Test
    void silentEvRampsToZeroWithinTheConfiguredTimeThenTheSessionEnds() {
        try (LoopRig rig = discharging()) {
            long t0 = rig.bench.nanos();
            // The EV stops talking: after 1 s of silence the current ramps to zero within 2 s (charge.ev_silence_ramp_s).
            rig.advance(1000);
            assertTrue(rig.bench.powerStage().present().currentA() < -40, "still flowing during the first second");
            rig.advance(1000);
            double mid = rig.bench.powerStage().present().currentA();
            assertTrue(mid > -40 && mid < -10, "ramping: " + mid);
            rig.advance(1100);
            assertEquals(0, rig.bench.powerStage().present().currentA(), 1.0, "zero within the ramp time");
            assertTrue(rig.bench.contactors().state().mirrorClosed(), "the ramp alone does not open");
            List<Action> a = rig.session.tick();
            assertTrue(a.stream().anyMatch(x -> x instanceof Action.SessionEnded e && e.reason().contains("silent")), a.toString());
            rig.advance(1500);
            assertOrderedPowerOff(rig, t0);
        }
    }

    /**
     * An AC car that keeps its charge loop going is never taken for silent: the silence watch is fed by AC loop
     * requests too (the soak found every AC session ended about 3 s into its loop). Ten seconds of AC_BPT loop at
     * 100 ms, then the car goes silent and the session ends as for DC.
     */
    @Test
    void anAcCarInItsLoopIsNotSilentAndASilentOneEnds() {
        for (LoopRig.Variant v : List.of(LoopRig.Variant.AC_Dynamic, LoopRig.Variant.AC_BPT_Scheduled)) {
            try (LoopRig rig = new LoopRig(v, ChargePoint.SupervisorMode.INLINE, "", s -> { })) {
                for (int i = 0; i < 100; i++) {
                    rig.step(); // throws when the session ended in the loop or answered other than OK
                    rig.advance(100);
                    assertTrue(rig.session.tick().stream().noneMatch(x -> x instanceof Action.SessionEnded), v + " ended at " + i);
                }
                assertFalse(rig.cp.controller().snapshot().evSilent(), v + ": not silent after 10 s of loop");
                assertTrue(rig.bench.contactors().state().mirrorClosed(), v + ": still energized");
                rig.advance(3200); // 1 s of silence, then the 2 s ramp
                assertTrue(rig.cp.controller().snapshot().evSilent(), v + ": silent now");
                List<Action> a = rig.session.tick();
                assertTrue(a.stream().anyMatch(x -> x instanceof Action.SessionEnded e && e.reason().contains("silent")), v + " " + a);
            }
        }
    }

    @Test
    void faultOfANonPhysicalEvValue() {
        try (LoopRig rig = discharging()) {
            long t0 = rig.bench.nanos();
            rig.session.handle(rig.scheduledDc(RationalNumbers.of(20), RationalNumbers.of(-400), RationalNumbers.of(450)));
            assertTrue(rig.session.ended());
            rig.advance(1500);
            assertOrderedPowerOff(rig, t0);
        }
    }

    @Test
    void shutdown() {
        LoopRig rig = discharging();
        long t0 = rig.bench.nanos();
        rig.cp.close(); // what SIGTERM runs: the ordered power-off first, then the supervisors stop
        assertOrderedPowerOff(rig, t0);
    }

    /**
     * SIGTERM during a discharge with the service's threads running (supervisor, pilot, charge
     * controller, stage executor) and the bench moving in real time: the grid supervisor's own stop
     * must not open the contactors before the ramped power-off, and the shutdown is logged.
     */
    @Test
    void shutdownWithTheServiceThreadsRunningRampsFirstAndSaysSo() throws Exception {
        LoopRig rig = new LoopRig(LoopRig.Variant.DC_BPT_Dynamic, ChargePoint.SupervisorMode.THREAD, "", s -> { });
        for (int i = 0; i < 30; i++) {
            rig.step();
            rig.advance(50);
        }
        assertTrue(rig.bench.powerStage().present().currentA() < -40, "discharging: " + rig.bench.powerStage().present());
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(ChargePoint.class.getName());
        log.addHandler(h);
        java.util.concurrent.atomic.AtomicBoolean moving = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread bench = new Thread(() -> {
            while (moving.get()) {
                rig.bench.step(java.time.Duration.ofMillis(1));
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            }
        }, "bench");
        try {
            long t0 = rig.bench.nanos();
            bench.start();
            rig.cp.close(); // what SIGTERM runs
            List<Event> ev = since(rig, t0);
            int ramp = indexOf(ev, Kind.STAGE_RAMP_TO_ZERO);
            int open = indexOf(ev, Kind.CONTACTORS_OPEN);
            assertTrue(ramp >= 0 && open > ramp, "ramp to zero, then open: " + ev);
            assertTrue(Math.abs(ev.get(open).currentA()) < ChargeController.OFF_CURRENT_A, "not opened under load: " + ev);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("shutdown: power off first")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("shutdown: contactors open")), lines.toString());
        } finally {
            moving.set(false);
            bench.join(5000);
            log.removeHandler(h);
        }
    }

    @Test
    void emergencyStopOpensAtOnceThenTheSessionPowersOffInOrder() {
        try (LoopRig rig = discharging()) {
            long t0 = rig.bench.nanos();
            rig.bench.emergencyStop().press();
            rig.advance(2); // one poll of the emergency-stop input
            List<Event> ev = since(rig, t0);
            int open = indexOf(ev, Kind.CONTACTORS_OPEN);
            int ramp = indexOf(ev, Kind.STAGE_RAMP_TO_ZERO);
            assertTrue(open >= 0 && ramp >= 0, "opened at once and the stage commanded to zero: " + ev);
            assertTrue(ev.get(open).nanos() - t0 <= 2_000_000L, "within the poll: " + ev.get(open));
            assertNotNull(rig.cp.controller().snapshot().stop(), "latched");
            rig.advance(500);
            assertFalse(rig.bench.contactors().state().commandedClosed(), "nothing re-closes while latched");
            rig.step(); // the loop goes on with the EV told to terminate; the contactors stay open
            assertFalse(rig.bench.contactors().state().commandedClosed());
            long t1 = rig.bench.nanos();
            rig.session.connectionLost();
            rig.advance(1500);
            assertEquals(ChargeController.Phase.IDLE, rig.cp.controller().snapshot().phase());
            assertEquals(-1, indexOf(since(rig, t1), Kind.CONTACTORS_CLOSE));
        }
    }
}
