package org.secc.common.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify against a real Unix datagram socket that the test binds and reads, as systemd would. */
class SystemdNotifierTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private static String next(UnixDatagram rx) throws Exception {
        return rx.receive(WAIT).orElseThrow(() -> new AssertionError("no notification within " + WAIT));
    }

    @Test
    void readyWatchdogAndStallOnAPathSocketDrivenByAFakeClock() throws Exception {
        String addr = dir.resolve("notify").toString();
        AtomicLong now = new AtomicLong(1_000_000_000L);
        LivenessRegistry reg = new LivenessRegistry(now::get);
        try (UnixDatagram rx = UnixDatagram.bind(addr);
                SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", addr, "WATCHDOG_USEC", "10000000"), reg, now::get)) {
            assertEquals(Duration.ofSeconds(5), n.keepAlivePeriod());
            Heartbeat pilot = reg.register("control-pilot", Duration.ofSeconds(2));
            Heartbeat grid = reg.register("grid-supervisor", Duration.ofSeconds(2));
            n.ready("SECC up");
            assertEquals("READY=1\nSTATUS=SECC up", next(rx));
            // Both threads tick: a keep-alive at every half period.
            for (int i = 0; i < 3; i++) {
                now.addAndGet(5_000_000_000L);
                pilot.tick();
                grid.tick();
                n.keepAliveStep();
                assertEquals("WATCHDOG=1", next(rx));
            }
            // The pilot thread stalls: the stall is reported once, and no keep-alive follows.
            now.addAndGet(5_000_000_000L);
            grid.tick();
            n.keepAliveStep();
            String status = next(rx);
            assertTrue(status.startsWith("STATUS=watchdog keep-alive withheld: control-pilot silent for 5.00 s"), status);
            for (int i = 0; i < 3; i++) {
                now.addAndGet(5_000_000_000L);
                grid.tick();
                n.keepAliveStep();
            }
            n.stopping();
            // The next datagram is STOPPING=1: nothing (no WATCHDOG=1, no repeated STATUS) was sent in between.
            assertEquals("STOPPING=1", next(rx));
            // It comes back: the keep-alive resumes.
            pilot.tick();
            n.keepAliveStep();
            assertEquals("STATUS=running; every supervised thread alive again", next(rx));
            assertEquals("WATCHDOG=1", next(rx));
            // A thread that ends on purpose is no longer judged.
            pilot.close();
            now.addAndGet(60_000_000_000L);
            grid.tick();
            n.keepAliveStep();
            assertEquals("WATCHDOG=1", next(rx));
        }
    }

    @Test
    void theKeepAliveThreadOnAnAbstractSocketStopsWhenAThreadStalls() throws Exception {
        String addr = "@secc-notify-test-" + UUID.randomUUID();
        LivenessRegistry reg = new LivenessRegistry(System::nanoTime);
        // A generous budget: this thread ticks once and must count as alive throughout.
        Heartbeat steady = reg.register("grid-supervisor", Duration.ofMinutes(5));
        try (UnixDatagram rx = UnixDatagram.bind(addr);
                SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", addr, "WATCHDOG_USEC", "100000",
                        "WATCHDOG_PID", Long.toString(ProcessHandle.current().pid())), reg, System::nanoTime)) {
            n.ready("up");
            assertEquals("READY=1\nSTATUS=up", next(rx));
            n.start();
            for (int i = 0; i < 3; i++) {
                assertEquals("WATCHDOG=1", next(rx));
            }
            steady.tick();
            // A thread that never ticks again after registering: once its 200 ms are over, no more keep-alives.
            reg.register("control-pilot", Duration.ofMillis(200));
            String msg;
            do {
                msg = next(rx);
            } while (msg.equals("WATCHDOG=1"));
            assertTrue(msg.startsWith("STATUS=watchdog keep-alive withheld: control-pilot silent for"), msg);
            // Three keep-alive periods (50 ms each) and more: silence.
            List<String> after = new ArrayList<>();
            Optional<String> m;
            while ((m = rx.receive(Duration.ofMillis(400))).isPresent()) {
                after.add(m.get());
            }
            assertTrue(after.isEmpty(), "sent while a thread was stalled: " + after);
        }
    }

    @Test
    void withoutNotifySocketNothingIsSentAndWatchdogPidForAnotherProcessIsIgnored() throws Exception {
        LivenessRegistry reg = new LivenessRegistry(System::nanoTime);
        try (SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of(), reg, System::nanoTime)) {
            assertFalse(n.active());
            n.ready("x");
            n.start();
            assertEquals(Duration.ZERO, n.keepAlivePeriod());
        }
        String addr = dir.resolve("other").toString();
        try (UnixDatagram rx = UnixDatagram.bind(addr);
                SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", addr, "WATCHDOG_USEC", "100000",
                        "WATCHDOG_PID", "1"), reg, System::nanoTime)) {
            assertTrue(n.active());
            assertEquals(Duration.ZERO, n.keepAlivePeriod());
        }
    }

    @Test
    void addressesAreCheckedBeforeUse() {
        assertEquals(2 + 1 + 3, UnixDatagram.sockaddr("@abc").length);
        assertEquals(0, UnixDatagram.sockaddr("@abc")[2]);
        assertEquals(2 + 1 + 4, UnixDatagram.sockaddr("/a/b").length);
        assertThrows(IllegalArgumentException.class, () -> UnixDatagram.sockaddr("/" + "x".repeat(107)));
        assertThrows(IllegalArgumentException.class, () -> UnixDatagram.sockaddr(""));
        assertThrows(IllegalArgumentException.class, () -> new LivenessRegistry(System::nanoTime).register("x", Duration.ZERO));
    }
}
