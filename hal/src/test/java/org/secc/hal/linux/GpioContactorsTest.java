package org.secc.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secc.hal.contactor.ContactorFault;

class GpioContactorsTest {
    private long now;
    private final FakeLines drive = new FakeLines("/dev/gpiochip0", new int[] {5}, true, false, "c");
    private final FakeLines mirror = new FakeLines("/dev/gpiochip0", new int[] {6}, false, false, "m");
    private final GpioContactors c = new GpioContactors(drive, mirror, 100_000_000L, () -> now);

    @Test
    void closeDrivesTheCoilAndAFollowingMirrorRaisesNothing() {
        assertEquals(0, drive.bits, "coil off at start");
        c.close();
        assertEquals(1, drive.bits);
        now += 30_000_000;
        mirror.bits = 1;
        now += 200_000_000;
        assertEquals(List.of(), c.supervise());
        assertTrue(c.state().mirrorClosed() && c.state().commandedClosed());
        c.open();
        assertEquals(0, drive.bits);
    }

    @Test
    void mirrorThatStaysClosedAfterOpenIsWelding() {
        c.close();
        mirror.bits = 1;
        now += 50_000_000;
        c.supervise();
        c.open();
        now += 99_000_000;
        assertEquals(List.of(), c.supervise(), "within supervision time");
        now += 2_000_000;
        List<ContactorFault> raised = c.supervise();
        assertInstanceOf(ContactorFault.Welded.class, raised.get(0));
        assertEquals(List.of(), c.supervise(), "latched once");
        c.clearFaults();
        assertTrue(c.faults().isEmpty());
    }

    @Test
    void mirrorThatNeverClosesIsFailedToClose() {
        c.close();
        now += 101_000_000;
        assertInstanceOf(ContactorFault.FailedToClose.class, c.supervise().get(0));
        assertFalse(c.state().mirrorClosed());
    }

    @Test
    void estopIsPressedWhenTheLoopOpensOrCannotBeRead() {
        FakeLines loop = new FakeLines("/dev/gpiochip0", new int[] {7}, false, false, "e");
        GpioEmergencyStop e = new GpioEmergencyStop(loop);
        loop.bits = 1;
        assertFalse(e.pressed());
        loop.bits = 0;
        assertTrue(e.pressed());
        loop.bits = 1;
        loop.failing = true;
        assertTrue(e.pressed(), "fail safe");
    }
}
