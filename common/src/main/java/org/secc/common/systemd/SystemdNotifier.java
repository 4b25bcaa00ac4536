package org.secc.common.systemd;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * sd_notify(3) for a service of {@code Type=notify}: {@code READY=1} once the service serves,
 * {@code STOPPING=1} when it shuts down, and the watchdog keep-alive ({@code WATCHDOG=1}) every half
 * {@code WATCHDOG_USEC} while every registered {@link Heartbeat} is alive ({@link WatchdogKeepAlive}).
 * Without {@code NOTIFY_SOCKET} (not started by systemd) every call does nothing. A failing send is
 * logged once and never stops the caller: the service keeps serving, and systemd's own timeouts act.
 */
public final class SystemdNotifier implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SystemdNotifier.class.getName());

    private final String socket;
    private final long watchdogNanos;
    private final LivenessRegistry registry;
    private final WatchdogKeepAlive keepAlive;
    private final LongSupplier nanos;
    private final UnixDatagram out;
    private volatile boolean running;
    private volatile boolean sendFailed;
    private Thread thread;

    /**
     * @param socket        {@code NOTIFY_SOCKET} (a path or {@code @abstract}), empty = not under systemd
     * @param watchdogNanos {@code WATCHDOG_USEC} in nanoseconds, 0 = no watchdog
     */
    public SystemdNotifier(Optional<String> socket, long watchdogNanos, LivenessRegistry registry, LongSupplier nanos) throws IOException {
        this.socket = socket.orElse(null);
        this.watchdogNanos = this.socket == null ? 0 : watchdogNanos;
        this.registry = registry;
        this.keepAlive = new WatchdogKeepAlive(registry);
        this.nanos = nanos;
        this.out = this.socket == null ? null : UnixDatagram.open();
    }

    /**
     * From the environment systemd sets: {@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC} and
     * {@code WATCHDOG_PID} (the keep-alive is meant for that process only, sd_watchdog_enabled(3)).
     */
    public static SystemdNotifier fromEnvironment(Map<String, String> env, LivenessRegistry registry, LongSupplier nanos) throws IOException {
        Optional<String> sock = Optional.ofNullable(env.get("NOTIFY_SOCKET")).filter(s -> !s.isEmpty());
        long wd = 0;
        String usec = env.get("WATCHDOG_USEC");
        String pid = env.get("WATCHDOG_PID");
        boolean forUs = pid == null || pid.isEmpty() || pid.equals(Long.toString(ProcessHandle.current().pid()));
        if (usec != null && forUs) {
            try {
                wd = Math.multiplyExact(Long.parseLong(usec.strip()), 1000L);
            } catch (NumberFormatException | ArithmeticException e) {
                LOG.warning("WATCHDOG_USEC=" + usec + " is not a number of microseconds: no watchdog keep-alive");
            }
        }
        return new SystemdNotifier(sock, Math.max(0, wd), registry, nanos);
    }

    public boolean active() {
        return socket != null;
    }

    /** Half the watchdog interval, or zero without a watchdog. */
    public Duration keepAlivePeriod() {
        return Duration.ofNanos(watchdogNanos / 2);
    }

    public void ready(String status) {
        send("READY=1\nSTATUS=" + status);
    }

    public void stopping() {
        send("STOPPING=1");
    }

    public void status(String status) {
        send("STATUS=" + status);
    }

    /** One keep-alive step: what the watchdog thread does every {@link #keepAlivePeriod()}; tests call it with their clock. */
    public void keepAliveStep() {
        List<String> lines = keepAlive.onTimer(nanos.getAsLong());
        for (String l : lines) {
            if (l.startsWith("STATUS=")) {
                if (l.contains("withheld")) {
                    LOG.warning(l.substring("STATUS=".length()));
                } else {
                    LOG.info(l.substring("STATUS=".length()));
                }
            }
            send(l);
        }
    }

    /** Starts the keep-alive thread when systemd asked for a watchdog; otherwise does nothing. */
    public SystemdNotifier start() {
        if (watchdogNanos <= 0 || thread != null) {
            return this;
        }
        running = true;
        long period = watchdogNanos / 2;
        thread = new Thread(() -> {
            long next = System.nanoTime();
            while (running) {
                keepAliveStep();
                next += period;
                long wait;
                while (running && (wait = next - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }, "sd-watchdog");
        thread.setDaemon(true);
        thread.start();
        LOG.info(() -> "systemd watchdog: WATCHDOG=1 every " + period / 1_000_000 + " ms while " + registry.names() + " are alive");
        return this;
    }

    private void send(String text) {
        if (socket == null) {
            return;
        }
        try {
            out.send(socket, text);
        } catch (IOException e) {
            if (!sendFailed) {
                sendFailed = true;
                LOG.warning("systemd notification to " + socket + " failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (out != null) {
            out.close();
        }
    }
}
