package org.secc.common.log;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.LogRecord;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J provider that hands every SLF4J event to java.util.logging, so that libraries logging
 * through SLF4J (j2mod, the Modbus drivers' library) end up in the one log with the same format and
 * levels as the rest. Registered in {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}.
 */
public final class Slf4jBridge implements SLF4JServiceProvider {
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private final ILoggerFactory loggers = new Factory();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: java.util.logging is configured by Logging
    }

    static java.util.logging.Level julLevel(Level l) {
        return switch (l) {
            case ERROR -> java.util.logging.Level.SEVERE;
            case WARN -> java.util.logging.Level.WARNING;
            case INFO -> java.util.logging.Level.INFO;
            case DEBUG -> java.util.logging.Level.FINE;
            case TRACE -> java.util.logging.Level.FINEST;
        };
    }

    static final class Factory implements ILoggerFactory {
        private final ConcurrentMap<String, JulLogger> byName = new ConcurrentHashMap<>();

        @Override
        public org.slf4j.Logger getLogger(String name) {
            return byName.computeIfAbsent(name, JulLogger::new);
        }
    }

    /** One SLF4J logger over the java.util.logging logger of the same name. */
    static final class JulLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private final transient java.util.logging.Logger jul;

        JulLogger(String name) {
            this.name = name;
            this.jul = java.util.logging.Logger.getLogger(name);
        }

        @Override
        public boolean isTraceEnabled() {
            return jul.isLoggable(java.util.logging.Level.FINEST);
        }

        @Override
        public boolean isDebugEnabled() {
            return jul.isLoggable(java.util.logging.Level.FINE);
        }

        @Override
        public boolean isInfoEnabled() {
            return jul.isLoggable(java.util.logging.Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return jul.isLoggable(java.util.logging.Level.WARNING);
        }

        @Override
        public boolean isErrorEnabled() {
            return jul.isLoggable(java.util.logging.Level.SEVERE);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable thrown) {
            java.util.logging.Level l = julLevel(level);
            if (!jul.isLoggable(l)) {
                return;
            }
            LogRecord r = new LogRecord(l, MessageFormatter.basicArrayFormat(pattern, args));
            r.setLoggerName(name);
            r.setThrown(thrown);
            jul.log(r);
        }
    }
}
