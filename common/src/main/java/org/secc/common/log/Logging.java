package org.secc.common.log;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The one logging setup of every program in the reactor (the charger, the EV emulator, the bench):
 * java.util.logging with one handler on stderr that writes one line per event
 * ({@link OneLineFormatter}), with journald priority prefixes when the process runs under systemd
 * (the {@code JOURNAL_STREAM} environment variable is set), and SLF4J bridged into it (j2mod logs
 * through SLF4J; {@link Slf4jBridge} is the provider).
 *
 * <p>Levels: the root level and per-logger levels (a logger name is a package or class prefix) come
 * from the service configuration ({@code log.level}, {@code log.level.<logger>}) or, for programs
 * without one, the system properties {@code secc.log.level} and {@code secc.log.levels}
 * ({@code org.secc.hal=FINE,com.ghgande.j2mod=WARNING}). Level names are java.util.logging's
 * ({@code SEVERE WARNING INFO CONFIG FINE FINER FINEST ALL OFF}) or SLF4J's ({@code ERROR WARN INFO
 * DEBUG TRACE}).
 */
public final class Logging {
    /** Loggers whose level was set here are kept strongly reachable (java.util.logging holds them weakly). */
    private static final Map<String, Logger> PINNED = new LinkedHashMap<>();

    private Logging() {
    }

    /** Configures from the system properties; an integrator's {@code java.util.logging.config.file} wins. */
    public static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        Level root = parseLevel(System.getProperty("secc.log.level", "INFO"));
        configure(root, parseLevels(System.getProperty("secc.log.levels", "")), System.err, System.getenv("JOURNAL_STREAM") != null);
    }

    /** Installs the one-line handler on {@code out} and sets the levels (the service configuration's). */
    public static synchronized void configure(Level root, Map<String, Level> perLogger, PrintStream out, boolean journald) {
        Logger r = Logger.getLogger("");
        for (Handler h : r.getHandlers()) {
            r.removeHandler(h);
        }
        r.addHandler(new StreamLineHandler(out, new OneLineFormatter(journald)));
        setLevels(root, perLogger);
    }

    /** Changes only the levels (a reload of the service configuration). */
    public static synchronized void setLevels(Level root, Map<String, Level> perLogger) {
        for (Logger l : PINNED.values()) {
            l.setLevel(null);
        }
        PINNED.clear();
        Logger.getLogger("").setLevel(root);
        perLogger.forEach((name, level) -> {
            Logger l = Logger.getLogger(name);
            l.setLevel(level);
            PINNED.put(name, l);
        });
    }

    /** A level by its java.util.logging or SLF4J name, any case; anything else names what is allowed. */
    public static Level parseLevel(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        return switch (n) {
            case "ERROR" -> Level.SEVERE;
            case "WARN" -> Level.WARNING;
            case "DEBUG" -> Level.FINE;
            case "TRACE" -> Level.FINEST;
            case "SEVERE", "WARNING", "INFO", "CONFIG", "FINE", "FINER", "FINEST", "ALL", "OFF" -> Level.parse(n);
            default -> throw new IllegalArgumentException("unknown log level '" + name.trim()
                    + "' (allowed: ERROR WARN INFO DEBUG TRACE, or SEVERE WARNING INFO CONFIG FINE FINER FINEST ALL OFF)");
        };
    }

    /** {@code logger=LEVEL,logger=LEVEL}; blank gives an empty map. */
    public static Map<String, Level> parseLevels(String spec) {
        Map<String, Level> out = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("log levels: expected logger=LEVEL, got '" + part.trim() + "'");
            }
            out.put(part.substring(0, eq).trim(), parseLevel(part.substring(eq + 1)));
        }
        return out;
    }

    /** Writes each formatted record with one print (lines of concurrent threads never interleave). */
    static final class StreamLineHandler extends Handler {
        private final PrintStream out;

        StreamLineHandler(PrintStream out, OneLineFormatter f) {
            this.out = out;
            setFormatter(f);
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord r) {
            if (!isLoggable(r)) {
                return;
            }
            String line;
            try {
                line = getFormatter().format(r);
            } catch (RuntimeException e) {
                line = "log record could not be formatted: " + e + System.lineSeparator();
            }
            synchronized (this) {
                out.print(line);
                out.flush();
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
