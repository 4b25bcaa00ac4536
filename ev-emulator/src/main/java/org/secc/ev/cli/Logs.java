package org.secc.ev.cli;

import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One line per log record on stderr: time, level, logger, message (and the cause's one-line summary). */
public final class Logs {
    private Logs() {
    }

    public static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return; // the integrator's logging.properties wins
        }
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new OneLine());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.parse(System.getProperty("secc.log.level", "INFO")));
    }

    static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            String name = r.getLoggerName() == null ? "" : r.getLoggerName();
            int dot = name.lastIndexOf('.');
            StringBuilder sb = new StringBuilder(128)
                    .append(Instant.ofEpochMilli(r.getMillis())).append(' ')
                    .append(r.getLevel().getName()).append(' ')
                    .append(dot >= 0 ? name.substring(dot + 1) : name).append(": ")
                    .append(formatMessage(r));
            if (r.getThrown() != null) {
                sb.append(" (").append(r.getThrown()).append(')');
            }
            return sb.append(System.lineSeparator()).toString();
        }
    }
}
