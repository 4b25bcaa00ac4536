package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.common.systemd.UnixDatagram;

/**
 * `secc run` as systemd starts a {@code Type=notify} unit with {@code WatchdogSec=}: the test plays
 * systemd's part, a real {@code NOTIFY_SOCKET} it reads, and {@code WATCHDOG_USEC} in the environment.
 */
class RunSystemdNotifyTest {

    private static String next(UnixDatagram rx, Path log) throws Exception {
        var m = rx.receive(Duration.ofSeconds(30));
        if (m.isEmpty()) {
            throw new AssertionError("no notification; log:\n" + Files.readString(log));
        }
        return m.get();
    }

    @Test
    void readyThenWatchdogKeepAlivesThenStopping(@TempDir Path dir) throws Exception {
        // the simulated bench with a grid code (so that the grid supervisor runs too): the build's training configuration
        Path cfg = dir.resolve("secc.conf");
        Files.copy(Path.of("src/cds/training.conf"), cfg);
        Files.copy(Path.of("src/cds/training-policy.conf"), dir.resolve("training-policy.conf"));
        Path log = dir.resolve("secc.log");
        String notify = dir.resolve("notify").toString();
        try (UnixDatagram rx = UnixDatagram.bind(notify)) {
            ProcessBuilder pb = new ProcessBuilder(List.of(System.getProperty("java.home") + "/bin/java", "-cp",
                    System.getProperty("java.class.path"), "org.secc.app.cli.SeccMain", "run", "--config", cfg.toString(), "--iface", "lo",
                    "--hal", "sim", "--no-slac", "--no-tls", "--no-ctl"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("NOTIFY_SOCKET", notify);
            pb.environment().put("WATCHDOG_USEC", "400000");
            Process p = pb.start();
            try {
                String ready = next(rx, log);
                assertTrue(ready.startsWith("READY=1\nSTATUS=SECC up: V2G port "), ready);
                // READY=1 comes after the servers listen: the log already says so.
                assertTrue(Files.readString(log).contains("SECC up: V2G TCP on"), Files.readString(log));
                for (int i = 0; i < 3; i++) {
                    assertEquals("WATCHDOG=1", next(rx, log));
                }
                String out = Files.readString(log);
                assertTrue(out.contains("WATCHDOG=1 every 200 ms while [control-pilot, grid-supervisor, connector-1] are alive"), out);
                p.destroy(); // SIGTERM, as systemctl stop
                String m;
                do {
                    m = next(rx, log);
                } while (m.equals("WATCHDOG=1"));
                assertEquals("STOPPING=1", m);
                assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
