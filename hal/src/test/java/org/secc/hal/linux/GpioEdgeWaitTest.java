package org.secc.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.secc.testsupport.Prerequisites.require;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The edge wait of {@link GpioLines} (ppoll(2) on the line fd, then read(2) of whole event records)
 * on a real pipe: no GPIO chip exists in this build environment (no gpio-sim), but the system calls
 * and their structures are the same for any fd.
 */
class GpioEdgeWaitTest {
    interface LibC extends Library {
        int pipe(int[] fds);

        NativeLong write(int fd, byte[] b, NativeLong n);

        int close(int fd);
    }

    private static final int EVENT = new GpioV2Layout(GpioV2Layout.Abi.X86_64).lineEvent.size();

    private static LibC libc() {
        require(System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux"), "not Linux");
        return Native.load("c", LibC.class);
    }

    @Test
    void eventsWakeTheWaitAndAreDrained() throws Exception {
        LibC c = libc();
        int[] fds = new int[2];
        assertEquals(0, c.pipe(fds));
        try {
            // two queued events: one wait consumes both, the next times out
            assertEquals(2L * EVENT, c.write(fds[1], new byte[2 * EVENT], new NativeLong(2L * EVENT)).longValue());
            assertTrue(GpioLines.awaitEvents(fds[0], 60_000_000_000L, EVENT));
            long t = System.nanoTime();
            assertFalse(GpioLines.awaitEvents(fds[0], 20_000_000L, EVENT), "nothing left: the wait times out");
            assertTrue(System.nanoTime() - t >= 19_000_000L, "the timeout is waited out, not skipped");
            // a waiter blocked for a minute returns when an event arrives from another thread
            AtomicBoolean woke = new AtomicBoolean();
            Thread waiter = new Thread(() -> woke.set(GpioLines.awaitEvents(fds[0], 60_000_000_000L, EVENT)));
            waiter.start();
            Thread.sleep(50);
            c.write(fds[1], new byte[EVENT], new NativeLong(EVENT));
            waiter.join(30_000);
            assertFalse(waiter.isAlive(), "woken by the event");
            assertTrue(woke.get());
        } finally {
            c.close(fds[0]);
            c.close(fds[1]);
        }
    }

    @Test
    void aHungUpFdIsAnErrorNotAnEdge() {
        LibC c = libc();
        int[] fds = new int[2];
        assertEquals(0, c.pipe(fds));
        c.close(fds[1]); // the writer is gone: POLLHUP without data
        try {
            assertThrows(IllegalStateException.class, () -> GpioLines.awaitEvents(fds[0], 1_000_000_000L, EVENT));
        } finally {
            c.close(fds[0]);
        }
    }
}
