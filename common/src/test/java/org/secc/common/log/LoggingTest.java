package org.secc.common.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingTest {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    private String out() {
        return buf.toString(StandardCharsets.UTF_8);
    }

    private void setUp(boolean journald, Level root, Map<String, Level> levels) {
        Logging.configure(root, levels, new PrintStream(buf, true, StandardCharsets.UTF_8), journald);
    }

    @AfterEach
    void reset() {
        Logging.configure(Level.INFO, Map.of(), System.err, false);
    }

    @Test
    void oneLinePerEventWithTimeLevelAndLogger() {
        setUp(false, Level.INFO, Map.of());
        Logger.getLogger("org.secc.test.Widget").info("first\nsecond");
        String s = out();
        assertTrue(s.matches("\\d{4}-\\d\\d-\\d\\dT[^ ]+Z INFO Widget: first \\| second\\R"), s);
    }

    @Test
    void stackTraceIsKeptOnceNotPerRetry() {
        setUp(false, Level.INFO, Map.of());
        Logger log = Logger.getLogger("org.secc.test.Retry");
        for (int i = 0; i < 3; i++) {
            log.log(Level.WARNING, "connect failed, retrying", failure());
        }
        String[] lines = out().split("\\R");
        assertTrue(lines[0].contains("WARNING Retry: connect failed, retrying (java.io.IOException: refused)"), lines[0]);
        assertTrue(lines[1].startsWith("\tat org.secc.common.log.LoggingTest.failure"), lines[1]);
        long traces = out().lines().filter(l -> l.startsWith("\tat org.secc.common.log.LoggingTest.failure")).count();
        assertEquals(1, traces, out());
        long events = out().lines().filter(l -> !l.startsWith("\t")).count();
        assertEquals(3, events, out());
        assertTrue(lines[lines.length - 1].endsWith("[stack trace logged before]"), lines[lines.length - 1]);
    }

    private static IOException failure() {
        return new IOException("refused");
    }

    @Test
    void journaldGetsPriorityPrefixesOnEveryLine() {
        setUp(true, Level.ALL, Map.of());
        Logger log = Logger.getLogger("org.secc.test.Journal");
        log.severe("s");
        log.warning("w");
        log.info("i");
        log.fine("f");
        log.log(Level.SEVERE, "with trace", new IllegalStateException("x"));
        String[] lines = out().split("\\R");
        assertEquals("<3>SEVERE Journal: s", lines[0]);
        assertEquals("<4>WARNING Journal: w", lines[1]);
        assertEquals("<6>INFO Journal: i", lines[2]);
        assertEquals("<7>FINE Journal: f", lines[3]);
        assertTrue(lines[4].startsWith("<3>SEVERE Journal: with trace (java.lang.IllegalStateException: x)"), lines[4]);
        assertTrue(lines[5].startsWith("<3>\tat "), lines[5]);
    }

    @Test
    void perPackageLevels() {
        setUp(false, Level.WARNING, Logging.parseLevels("org.secc.test.chatty=DEBUG, org.secc.test.quiet=OFF"));
        Logger.getLogger("org.secc.test.chatty.Part").fine("visible");
        Logger.getLogger("org.secc.test.other").info("hidden by root");
        Logger.getLogger("org.secc.test.quiet").severe("hidden by its own level");
        String s = out();
        assertTrue(s.contains("FINE Part: visible"), s);
        assertFalse(s.contains("hidden"), s);
    }

    @Test
    void slf4jEventsArriveInTheSameLog() {
        setUp(false, Level.INFO, Map.of("com.ghgande.j2mod", Level.FINE));
        org.slf4j.Logger l = LoggerFactory.getLogger("com.ghgande.j2mod.modbus.net.TCPMasterConnection");
        assertTrue(l.isDebugEnabled());
        l.debug("connected to {}:{}", "10.0.0.5", 502);
        l.trace("not shown");
        l.error("read failed", new IOException("timeout"));
        String s = out();
        assertTrue(s.contains("FINE TCPMasterConnection: connected to 10.0.0.5:502"), s);
        assertFalse(s.contains("not shown"), s);
        assertTrue(s.contains("SEVERE TCPMasterConnection: read failed (java.io.IOException: timeout)"), s);
    }

    @Test
    void levelNamesOfBothWorlds() {
        assertEquals(Level.SEVERE, Logging.parseLevel("error"));
        assertEquals(Level.WARNING, Logging.parseLevel("WARN"));
        assertEquals(Level.FINE, Logging.parseLevel("debug"));
        assertEquals(Level.FINER, Logging.parseLevel("finer"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Logging.parseLevel("LOUD"));
        assertTrue(e.getMessage().contains("allowed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Logging.parseLevels("org.secc"));
    }
}
