package org.secc.common.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per event: {@code time LEVEL Logger: message}, or under journald
 * {@code <priority>LEVEL Logger: message} (journald stamps the time itself and reads the
 * {@code <N>} prefix as the syslog priority, sd-daemon(3)). A record with a throwable gets the
 * throwable's summary on its line and, the first time that failure is seen (same class, message and
 * throwing frame), the stack trace on the lines below it, each indented by a tab; a repeated failure
 * (a retry) only says that its trace was logged before.
 */
public final class OneLineFormatter extends Formatter {
    /** Bounded memory of the failures whose trace was written; the oldest is forgotten first. */
    static final int REMEMBERED = 256;

    private final boolean journald;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
            return size() > REMEMBERED;
        }
    };

    public OneLineFormatter(boolean journald) {
        this.journald = journald;
    }

    /** syslog priorities (RFC 5424): 3 err, 4 warning, 6 info, 7 debug. */
    static int priority(Level l) {
        int v = l.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return 3;
        }
        if (v >= Level.WARNING.intValue()) {
            return 4;
        }
        if (v >= Level.INFO.intValue()) {
            return 6;
        }
        return 7;
    }

    static String shortName(String logger) {
        if (logger == null) {
            return "";
        }
        int dot = logger.lastIndexOf('.');
        return dot >= 0 ? logger.substring(dot + 1) : logger;
    }

    @Override
    public String format(LogRecord r) {
        String prefix = journald ? "<" + priority(r.getLevel()) + ">" : "";
        StringBuilder sb = new StringBuilder(160).append(prefix);
        if (!journald) {
            sb.append(Instant.ofEpochMilli(r.getMillis())).append(' ');
        }
        sb.append(r.getLevel().getName()).append(' ').append(shortName(r.getLoggerName())).append(": ");
        appendOneLine(sb, formatMessage(r));
        Throwable t = r.getThrown();
        if (t != null) {
            sb.append(" (");
            appendOneLine(sb, t.toString());
            sb.append(')');
            if (firstTime(t)) {
                StringWriter w = new StringWriter();
                t.printStackTrace(new PrintWriter(w));
                String[] lines = w.toString().split("\\R");
                for (int i = 1; i < lines.length; i++) { // line 0 is the summary already on the event's line
                    sb.append(System.lineSeparator()).append(prefix).append('\t').append(lines[i].strip());
                }
            } else {
                sb.append(" [stack trace logged before]");
            }
        }
        return sb.append(System.lineSeparator()).toString();
    }

    private synchronized boolean firstTime(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        String key = t.getClass().getName() + '|' + t.getMessage() + '|' + (st.length > 0 ? st[0] : "");
        return seen.put(key, Boolean.TRUE) == null;
    }

    /** Line breaks inside a message would split the event: they become " | ". */
    private static void appendOneLine(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append(" | ");
            } else if (c != '\r') {
                sb.append(c);
            }
        }
    }
}
